package lab

import (
	"bufio"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"time"
)

// Endpoint is where a probe connects: an address and, for HTTPS, the name it verifies and
// sends as SNI ("": the certificate chain only, no name).
type Endpoint struct {
	Addr       string // host:port
	TLS        bool
	ServerName string
}

// Request is one raw HTTP/1.1 request. Target goes on the request line exactly as given, so
// that paths a URL library would clean ("//a", "/a/../b", "/a\b", "%2e") reach the proxy
// as written.
type Request struct {
	Method string // GET when empty
	Target string
	Host   string
	Header http.Header
	// BodyBytes, when positive, sends a body of that many bytes with its Content-Length.
	BodyBytes int64
}

// Response is a probe's answer; Echo is set when a stub front-end answered.
type Response struct {
	Status int
	Header http.Header
	Body   []byte
	Echo   *Echo
}

// Client sends one request per connection (Connection: close), so that every request is a
// new TCP connection for layer-4 pools, from a chosen source address.
type Client struct {
	// Source is the local IP to connect from, "" for any. Any address of 127.0.0.0/8 works
	// on Linux without configuration.
	Source string
	// Roots verify HTTPS endpoints.
	Roots *x509.CertPool
	// Timeout bounds a whole exchange; 5 s when zero.
	Timeout time.Duration
}

// Do sends req to ep and reads the response.
func (c *Client) Do(ctx context.Context, ep Endpoint, req Request) (*Response, error) {
	if err := req.check(); err != nil {
		return nil, err
	}
	timeout := c.Timeout
	if timeout == 0 {
		timeout = 5 * time.Second
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	d := net.Dialer{}
	if c.Source != "" {
		ip := net.ParseIP(c.Source)
		if ip == nil {
			return nil, fmt.Errorf("probe source %q is not an IP address", c.Source)
		}
		d.LocalAddr = &net.TCPAddr{IP: ip}
	}
	conn, err := d.DialContext(ctx, "tcp", ep.Addr)
	if err != nil {
		return nil, fmt.Errorf("probe %s: %w", ep.Addr, err)
	}
	defer conn.Close()
	if dl, ok := ctx.Deadline(); ok {
		_ = conn.SetDeadline(dl)
	}
	if ep.TLS {
		cfg := &tls.Config{RootCAs: c.Roots, ServerName: ep.ServerName, MinVersion: tls.VersionTLS12}
		if ep.ServerName == "" {
			cfg.InsecureSkipVerify = true // no name to check; the chain is verified below
			cfg.VerifyConnection = func(cs tls.ConnectionState) error { return verifyChain(cs, c.Roots) }
		}
		tc := tls.Client(conn, cfg)
		if err := tc.HandshakeContext(ctx); err != nil {
			return nil, fmt.Errorf("probe %s: TLS handshake: %w", ep.Addr, err)
		}
		conn = tc
	}

	var b strings.Builder
	fmt.Fprintf(&b, "%s %s HTTP/1.1\r\nHost: %s\r\n", req.method(), req.Target, req.Host)
	for k, vs := range req.Header {
		for _, v := range vs {
			fmt.Fprintf(&b, "%s: %s\r\n", k, v)
		}
	}
	if req.BodyBytes > 0 {
		fmt.Fprintf(&b, "Content-Length: %d\r\n", req.BodyBytes)
	}
	b.WriteString("Connection: close\r\n\r\n")
	if _, err := io.WriteString(conn, b.String()); err != nil {
		return nil, fmt.Errorf("probe %s: %w", ep.Addr, err)
	}
	// The body goes out while the answer is read: a proxy refuses an oversize body (413)
	// before it has read it, and stops reading.
	wrote := make(chan error, 1)
	go func() {
		_, err := io.CopyN(conn, zeros{}, req.BodyBytes)
		wrote <- err
	}()
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		if werr := <-wrote; werr != nil {
			err = fmt.Errorf("%w (sending the body: %v)", err, werr)
		}
		return nil, fmt.Errorf("probe %s %s: %w", ep.Addr, req.Target, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return nil, fmt.Errorf("probe %s %s: read body: %w", ep.Addr, req.Target, err)
	}
	r := &Response{Status: resp.StatusCode, Header: resp.Header, Body: body}
	if strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
		var e Echo
		if json.Unmarshal(body, &e) == nil && e.Server != "" {
			r.Echo = &e
		}
	}
	return r, nil
}

// method is the request's method, GET when unset.
func (r Request) method() string {
	if r.Method == "" {
		return http.MethodGet
	}
	return r.Method
}

// zeros reads as endless zero bytes: a probe's request body.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

// check refuses what would split the request: the probe writes fields verbatim.
func (r Request) check() error {
	bad := func(s string) bool { return strings.ContainsAny(s, "\r\n") }
	if bad(r.Target) || bad(r.Host) || bad(r.Method) || strings.ContainsAny(r.Target, " \t") {
		return fmt.Errorf("probe request %q: control characters or spaces", r.Target)
	}
	for k, vs := range r.Header {
		for _, v := range vs {
			if bad(k) || bad(v) {
				return fmt.Errorf("probe header %q: control characters", k)
			}
		}
	}
	return nil
}

// verifyChain verifies the peer's certificate against roots for no name, as HAProxy's
// check-ssl verify required does without verifyhost.
func verifyChain(cs tls.ConnectionState, roots *x509.CertPool) error {
	if len(cs.PeerCertificates) == 0 {
		return errors.New("no certificate")
	}
	inter := x509.NewCertPool()
	for _, c := range cs.PeerCertificates[1:] {
		inter.AddCert(c)
	}
	_, err := cs.PeerCertificates[0].Verify(x509.VerifyOptions{Roots: roots, Intermediates: inter})
	return err
}
