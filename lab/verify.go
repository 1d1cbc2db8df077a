package lab

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"slices"
	"strconv"
	"strings"

	"github.com/zonegen/zonegen/topology"
)

// Bodies of the answers both generated proxies give themselves.
const (
	BodyBadPath   = "bad path\n"
	BodyNoRoute   = "no route\n"
	BodyForbidden = "forbidden\n"
)

// Spoofed forwarding headers every verification request carries: the proxies must replace
// them.
const (
	spoofedXFF = "203.0.113.9"
	spoofedXFP = "evil"
)

// VerifyProxies runs VerifyProxy for every proxy of the plan, through the proxies running
// now (StartProxies), and returns every failure.
func (l *Lab) VerifyProxies(ctx context.Context) error {
	var errs []error
	for _, env := range l.Plan.Environments {
		for _, p := range env.Proxies {
			errs = append(errs, l.VerifyProxy(ctx, env, p))
		}
	}
	return errors.Join(errs...)
}

// VerifyProxy checks one running proxy against its plan (R6): every route reaches a
// front-end of its own zone in any letter case, with the raw path, the client's Host, and
// X-Forwarded-For / X-Forwarded-Proto set by the proxy; /Path never catches /Pathx;
// unknown paths get 404 and percent-encoded letters do not match; paths the two proxies
// would read differently get 400; platform paths get 403 unless from an allowed source;
// the HTTP listener of a TLS proxy redirects to HTTPS.
func (l *Lab) VerifyProxy(ctx context.Context, env *topology.EnvPlan, p *topology.ProxyPlan) error {
	v := verifier{l: l, ctx: ctx, env: env, p: p, ep: ProxyEndpoint(p), scheme: "http"}
	if p.TLS != "none" {
		v.scheme = "https"
	}
	routes := map[string]bool{}
	for _, r := range p.Routes {
		routes[r.Key] = true
	}
	outsiderAllowed := v.allows(l.Outsider)

	sample := ""
	for _, r := range p.Routes {
		members := v.zoneServers(r.Zone)
		if r.Platform {
			if !outsiderAllowed {
				v.expectStatus(l.Outsider, "/"+r.Path+"/x", http.StatusForbidden, BodyForbidden)
			}
			allowed := l.Allowed(p.ID)
			if len(allowed) == 0 {
				continue // nobody may: nothing else to see
			}
			for _, target := range caseVariants(r.Path) {
				v.expectRouted(allowed[0], target, members)
			}
		} else {
			if sample == "" {
				sample = r.Path
			}
			for _, target := range caseVariants(r.Path) {
				v.expectRouted(l.Outsider, target, members)
			}
		}
		if !routes[r.Key+"x"] {
			v.expectStatus(l.Outsider, "/"+r.Path+"x/", http.StatusNotFound, BodyNoRoute)
		}
	}

	unknown := "zonegen-no-such-path"
	for routes[unknown] {
		unknown += "x"
	}
	v.expectStatus(l.Outsider, "/"+unknown, http.StatusNotFound, BodyNoRoute)
	v.expectStatus(l.Outsider, "/", http.StatusNotFound, BodyNoRoute)
	if sample == "" && len(p.Routes) > 0 {
		sample = p.Routes[0].Path
	}
	if sample != "" {
		// A percent-encoded letter is not decoded by either proxy: no route.
		v.expectStatus(l.Outsider, fmt.Sprintf("/%%%02X%s/", sample[0], sample[1:]), http.StatusNotFound, BodyNoRoute)
		for _, target := range []string{
			"//" + sample + "/",
			"/" + sample + "//x",
			"/" + sample + "/./x",
			"/" + sample + "/../" + unknown + "/",
			"/" + unknown + "/../" + sample + "/",
			"/" + sample + "/.",
			"/" + sample + "/..",
			"/" + sample + "/%2e%2e/x",
			"/" + sample + "/%2E/x",
			"/" + sample + "%2Fx",
			"/" + sample + "%2f",
			"/" + sample + "/%5Cx",
			"/" + sample + `\x`,
		} {
			v.expectStatus(l.Outsider, target, http.StatusBadRequest, BodyBadPath)
		}
	}
	if p.TLS != "none" && p.Listen.HTTP != 0 {
		v.expectRedirect(l.Outsider, "/"+sample+"/x?y=1")
	}
	if len(v.fails) == 0 {
		return nil
	}
	return fmt.Errorf("proxy %s (environment %s, %s):\n  %s", p.Name, env.Name, ProxyEndpoint(p).Addr, strings.Join(v.fails, "\n  "))
}

type verifier struct {
	l      *Lab
	ctx    context.Context
	env    *topology.EnvPlan
	p      *topology.ProxyPlan
	ep     Endpoint
	scheme string
	fails  []string
}

func (v *verifier) failf(format string, args ...any) {
	v.fails = append(v.fails, fmt.Sprintf(format, args...))
}

func (v *verifier) do(source string, ep Endpoint, target string) *Response {
	req := Request{Target: target, Host: v.p.Host, Header: http.Header{
		"X-Forwarded-For":   {spoofedXFF},
		"X-Forwarded-Proto": {spoofedXFP},
	}}
	resp, err := v.l.Client(source).Do(v.ctx, ep, req)
	if err != nil {
		v.failf("GET %s from %s: %v", target, source, err)
		return nil
	}
	return resp
}

func (v *verifier) expectStatus(source, target string, status int, body string) {
	resp := v.do(source, v.ep, target)
	if resp == nil {
		return
	}
	if resp.Status != status || string(resp.Body) != body {
		v.failf("GET %s from %s: got %d %q, want %d %q", target, source, resp.Status, resp.Body, status, body)
	}
}

func (v *verifier) expectRouted(source, target string, members []string) {
	resp := v.do(source, v.ep, target)
	if resp == nil {
		return
	}
	e := resp.Echo
	switch {
	case resp.Status != http.StatusOK || e == nil:
		v.failf("GET %s from %s: got %d %q, want 200 from a front-end", target, source, resp.Status, resp.Body)
	case !slices.Contains(members, e.Server):
		v.failf("GET %s: answered by %s, which is not in the route's zone %v", target, e.Server, members)
	case e.URI != target:
		v.failf("GET %s: the front-end got %q, want the raw path unchanged", target, e.URI)
	case e.Host != v.p.Host:
		v.failf("GET %s: Host %q, want %q as the client sent it", target, e.Host, v.p.Host)
	case !slices.Equal(e.XFF, []string{source}):
		v.failf("GET %s from %s: X-Forwarded-For %q, want the client address only", target, source, e.XFF)
	case !slices.Equal(e.XFP, []string{v.scheme}):
		v.failf("GET %s: X-Forwarded-Proto %q, want %q", target, e.XFP, v.scheme)
	}
}

func (v *verifier) expectRedirect(source, target string) {
	ep := Endpoint{Addr: net.JoinHostPort(v.p.Listen.Address, strconv.Itoa(v.p.Listen.HTTP))}
	resp := v.do(source, ep, target)
	if resp == nil {
		return
	}
	want := "https://" + v.p.Host
	if v.p.Listen.HTTPS != 443 {
		want += ":" + strconv.Itoa(v.p.Listen.HTTPS)
	}
	want += target
	if resp.Status != http.StatusMovedPermanently || resp.Header.Get("Location") != want {
		v.failf("GET http %s: got %d Location %q, want 301 to %s", target, resp.Status, resp.Header.Get("Location"), want)
	}
}

func (v *verifier) zoneServers(zone string) []string {
	for _, z := range v.env.Zones {
		if z.Name == zone {
			return z.Servers
		}
	}
	return nil
}

// allows reports whether ip falls inside the proxy's allow list.
func (v *verifier) allows(ip string) bool {
	a, err := netip.ParseAddr(ip)
	if err != nil {
		return false
	}
	for _, s := range v.p.Allow {
		if pfx, err := netip.ParsePrefix(s); err == nil && pfx.Contains(a) {
			return true
		}
	}
	return false
}

// caseVariants are requests for path in three letter cases, with and without more path.
func caseVariants(path string) []string {
	return []string{
		"/" + path + "/Page?q=1",
		"/" + strings.ToLower(path),
		"/" + strings.ToUpper(path) + "/",
	}
}
