package lab

import (
	"crypto/tls"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
)

// Echo is what a stub front-end answers: who it is and what reached it.
type Echo struct {
	Server string `json:"server"`
	Method string `json:"method"`
	// URI is the request target exactly as received.
	URI  string `json:"uri"`
	Host string `json:"host"`
	// XFF and XFP hold every X-Forwarded-For / X-Forwarded-Proto header line received.
	XFF []string `json:"xff"`
	XFP []string `json:"xfp"`
	TLS bool     `json:"tls"`
	SNI string   `json:"sni"`
	// Peer is the TCP peer's address: the proxy's or pool's egress (R10), or the client's.
	Peer string `json:"peer"`
	// BodyBytes is the size of the request body received; CookieBytes of its Cookie header.
	BodyBytes   int64 `json:"bodyBytes"`
	CookieBytes int   `json:"cookieBytes"`
}

// SetCookieHeader asks a stub front-end for a Set-Cookie header of that many bytes in its
// answer, as OutSystems' authentication cookies grow (notes/production.md §1).
const SetCookieHeader = "X-Zonegen-Set-Cookie-Bytes"

// FrontEndHSTS is the Strict-Transport-Security every stub front-end answers with, as
// OutSystems does with the environment's HSTS setting on: a proxy with hsts replaces it, one
// without passes it.
const FrontEndHSTS = "max-age=1"

// maxSetCookie bounds what SetCookieHeader may ask for.
const maxSetCookie = 2 << 20

// setCookie is a Set-Cookie value of n bytes.
func setCookie(n int) string {
	const prefix = "zonegen-lab="
	return prefix + strings.Repeat("a", max(0, n-len(prefix)))
}

// BackendConfig describes a stub front-end. Listeners are handed in (rather than addresses)
// so that a port reserved while localizing a plan cannot be taken in between.
type BackendConfig struct {
	Name  string
	HTTP  net.Listener // nil: no HTTP
	HTTPS net.Listener // nil: no HTTPS
	Cert  *Cert        // for HTTPS
	// HealthPath, when set, answers HealthBody verbatim: the custom page a health check reads.
	HealthPath string
	HealthBody string
}

// Backend is a running stub front-end: an OutSystems server as a proxy or pool sees it.
type Backend struct {
	Name      string
	HTTPAddr  string // "" when it has no HTTP listener
	HTTPSAddr string // "" when it has no HTTPS listener

	health  atomic.Pointer[string]
	servers []*http.Server
	wg      sync.WaitGroup
	once    sync.Once
}

// Listen reserves a free port on ip (an address of 127.0.0.0/8 in labs).
func Listen(ip string) (net.Listener, error) {
	ln, err := net.Listen("tcp", net.JoinHostPort(ip, "0"))
	if err != nil {
		return nil, fmt.Errorf("reserve a port on %s: %w", ip, err)
	}
	return ln, nil
}

// closeListener stops ln listening for every process that holds it, then closes it. A
// close(2) alone drops only this process's reference: a child another goroutine has just
// forked holds a copy of every descriptor until its exec, and meanwhile the kernel still
// completes handshakes on the socket and resets them at the exec. A pool then reached a
// stopped front-end, which answered with an empty reset instead of a refused connection that
// HAProxy and nginx retry elsewhere (issue 16). shutdown(2) acts on the socket itself: new
// connections are refused at once and the port is free again.
func closeListener(ln net.Listener) error {
	if tl, ok := ln.(*net.TCPListener); ok {
		if rc, err := tl.SyscallConn(); err == nil {
			_ = rc.Control(shutdownSocket)
		}
	}
	return ln.Close()
}

// stoppingListener is a listener whose Close is closeListener: http.Server.Close closes it.
type stoppingListener struct{ net.Listener }

func (l stoppingListener) Close() error { return closeListener(l.Listener) }

// StartBackend serves cfg's listeners until Stop.
func StartBackend(cfg BackendConfig) (*Backend, error) {
	if cfg.HTTPS != nil && cfg.Cert == nil {
		return nil, fmt.Errorf("backend %s: HTTPS needs a certificate", cfg.Name)
	}
	b := &Backend{Name: cfg.Name}
	b.SetHealthBody(cfg.HealthBody)
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if cfg.HealthPath != "" && r.URL.Path == cfg.HealthPath {
			_, _ = io.WriteString(w, *b.health.Load())
			return
		}
		n, _ := io.Copy(io.Discard, r.Body)
		if v := r.Header.Get(SetCookieHeader); v != "" {
			size, err := strconv.Atoi(v)
			if err != nil || size < 0 || size > maxSetCookie {
				http.Error(w, "bad "+SetCookieHeader, http.StatusBadRequest)
				return
			}
			w.Header().Set("Set-Cookie", setCookie(size))
		}
		e := Echo{
			BodyBytes:   n,
			CookieBytes: len(r.Header.Get("Cookie")),
			Server:      cfg.Name,
			Method:      r.Method,
			URI:         r.RequestURI,
			Host:        r.Host,
			XFF:         r.Header.Values("X-Forwarded-For"),
			XFP:         r.Header.Values("X-Forwarded-Proto"),
			TLS:         r.TLS != nil,
		}
		if host, _, err := net.SplitHostPort(r.RemoteAddr); err == nil {
			e.Peer = host
		}
		if r.TLS != nil {
			e.SNI = r.TLS.ServerName
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Strict-Transport-Security", FrontEndHSTS)
		_ = json.NewEncoder(w).Encode(e)
	})
	serve := func(ln net.Listener) {
		// Health checks and readiness probes open connections and close them without a
		// request; that is no error worth logging.
		srv := &http.Server{Handler: handler, ErrorLog: log.New(io.Discard, "", 0)}
		b.servers = append(b.servers, srv)
		b.wg.Add(1)
		go func() {
			defer b.wg.Done()
			_ = srv.Serve(ln)
		}()
	}
	if cfg.HTTP != nil {
		b.HTTPAddr = cfg.HTTP.Addr().String()
		serve(stoppingListener{cfg.HTTP})
	}
	if cfg.HTTPS != nil {
		b.HTTPSAddr = cfg.HTTPS.Addr().String()
		serve(tls.NewListener(stoppingListener{cfg.HTTPS}, &tls.Config{
			Certificates: []tls.Certificate{cfg.Cert.TLS},
			MinVersion:   tls.VersionTLS12,
		}))
	}
	return b, nil
}

// SetHealthBody changes what the health page answers, to make a health check fail.
func (b *Backend) SetHealthBody(body string) { b.health.Store(&body) }

// Stop closes the listeners and every open connection at once, like a server that dies,
// and waits for the serving goroutines. It is safe to call more than once.
func (b *Backend) Stop() error {
	var errs []error
	b.once.Do(func() {
		for _, s := range b.servers {
			if err := s.Close(); err != nil && !errors.Is(err, net.ErrClosed) {
				errs = append(errs, err)
			}
		}
		b.wg.Wait()
	})
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("stop backend %s: %w", b.Name, err)
	}
	return nil
}
