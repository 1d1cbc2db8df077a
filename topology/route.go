package topology

import (
	"fmt"
	"net/netip"
	"net/url"
	"regexp"
	"strings"
)

// UnsafePathPattern matches the raw request paths both generated proxies refuse with 400:
// nginx routes on the normalised $uri and HAProxy on the raw path, so `//`, dot segments and
// encoded '.', '/' or '\' would send one request to different zones (notes/proxies.md §6.9).
// The templates carry the same pattern.
const UnsafePathPattern = `(//|/\.\.?(/|$)|%2[eEfF]|%5[cC]|\\)`

var unsafePath = regexp.MustCompile(UnsafePathPattern)

// RouteResult says where a request goes through a proxy, or why it does not.
type RouteResult struct {
	Env   *EnvPlan
	Proxy *ProxyPlan
	// Status is 200 routed, 400 refused path, 403 platform path from a source not allowed, 404
	// no route, 503 a zone in maintenance from a source its allow list does not hold.
	Status   int
	Route    *Route
	Upstream *Upstream
	Zone     *ZonePlan
	Reason   string
}

// Route answers `zonegen route URL`: which proxy receives rawURL (by host, within env when
// not ""), which module, app and zone it matches, and where that zone's requests go. from
// is the client address, checked against platform allow lists when valid.
func (p *Plan) Route(rawURL, env string, from netip.Addr) (*RouteResult, error) {
	u, err := url.Parse(rawURL)
	if err != nil || u.Host == "" {
		return nil, fmt.Errorf("%q is not an absolute URL such as https://www.example.com/App1/", rawURL)
	}
	host := u.Hostname()
	var hosts []string
	for _, e := range p.Environments {
		if env != "" && e.Name != env {
			continue
		}
		for _, px := range e.Proxies {
			hosts = append(hosts, px.Host)
			if strings.EqualFold(px.Host, host) {
				return e.RouteVia(px, u.EscapedPath(), from), nil
			}
		}
	}
	if len(hosts) == 0 {
		return nil, fmt.Errorf("no reverse proxy is declared%s", inEnv(env))
	}
	return nil, fmt.Errorf("no proxy answers for host %s%s (proxy hosts: %s)", host, inEnv(env), strings.Join(hosts, ", "))
}

func inEnv(env string) string {
	if env == "" {
		return ""
	}
	return " in environment " + env
}

// RouteVia routes a raw path through one proxy of the environment, exactly as the generated
// nginx and HAProxy configs do: refuse unsafe paths, look the lower-cased first segment up,
// check platform allow lists, then the zone's maintenance window.
func (e *EnvPlan) RouteVia(px *ProxyPlan, rawPath string, from netip.Addr) *RouteResult {
	res := &RouteResult{Env: e, Proxy: px}
	if unsafePath.MatchString(rawPath) {
		res.Status, res.Reason = 400, "refused: the path has '//', a dot segment or an encoded '.', '/' or '\\'"
		return res
	}
	segment := strings.TrimPrefix(rawPath, "/")
	if i := strings.IndexByte(segment, '/'); i >= 0 {
		segment = segment[:i]
	}
	key := strings.ToLower(segment)
	for i := range px.Routes {
		if px.Routes[i].Key != key {
			continue
		}
		rt := &px.Routes[i]
		res.Route, res.Upstream, res.Zone = rt, px.Upstream(rt.Upstream), e.Zone(rt.Zone)
		if rt.Platform && !allowed(px.Allow, from) {
			res.Status, res.Reason = 403, "platform path: only "+allowList(px.Allow)+" may reach it"
			return res
		}
		if m := res.Upstream.Maintenance; m != nil && !allowed(m.Allow, from) {
			res.Status, res.Reason = 503, res.Zone.maintenanceReason()
			return res
		}
		res.Status = 200
		if rt.Platform {
			res.Reason = "platform path /" + rt.Path + " goes to Service Center's zone " + rt.Zone
		} else if rt.System {
			res.Reason = "System Component /" + rt.Path + " lives in the default zone " + rt.Zone + " (systemModules)"
		} else {
			res.Reason = "module /" + rt.Path + " of app " + rt.App + " lives in zone " + rt.Zone
		}
		if res.Upstream.Maintenance != nil {
			res.Reason += "; the zone is in maintenance, and " + from.Unmap().String() + " is on its allow list"
		}
		return res
	}
	res.Status, res.Reason = 404, fmt.Sprintf("no module /%s is published by proxy %s", segment, px.Name)
	return res
}

func allowed(allow []string, from netip.Addr) bool {
	if !from.IsValid() {
		return false
	}
	// A dual-stack socket shows an IPv4 client as ::ffff:a.b.c.d; nginx's geo and HAProxy's
	// src both match it as the IPv4 address (allow lists hold no mapped entries).
	from = from.Unmap()
	for _, a := range allow {
		if pfx, err := netip.ParsePrefix(a); err == nil && pfx.Contains(from) {
			return true
		}
	}
	return false
}

func allowList(allow []string) string {
	if len(allow) == 0 {
		return "nobody"
	}
	return strings.Join(allow, ", ")
}
