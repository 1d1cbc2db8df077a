package lab

import (
	"cmp"
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
	// BodyMaintenance answers a route of a zone in maintenance (zones.Z.maintenance).
	BodyMaintenance = "down for maintenance\n"
)

// Spoofed forwarding headers every verification request carries: the proxies must replace
// them.
const (
	spoofedXFF = "203.0.113.9"
	spoofedXFP = "evil"
)

// Probe is one request (or, for a pool, one round of requests) of a verification: what the
// plan says should answer and what did. VerifyProxies and `zonegen verify` read the same
// probes.
type Probe struct {
	Env string
	// Proxy is the proxy's name, or "pool <zone>" for a zone's load balancer.
	Proxy string
	// Engine is the program that answered: the proxies' for a proxy, the pools' for a pool.
	Engine Impl
	// Path is the request target exactly as sent; a pool probe's is "<scheme>://<address>/".
	Path   string
	Source string // the client address
	// Want is what the plan expects: "zone DZ1", a status ("404"), "308 https", or for a
	// pool its front-ends in turn.
	Want string
	// Got is what answered: "fe1 (zone DZ1)", a status, or the pool's answers in order.
	Got string
	OK  bool
	// Detail says why a probe failed, as a whole sentence naming the request; "" when OK.
	Detail string
}

func (p *Probe) failf(format string, args ...any) {
	p.OK = false
	p.Detail = fmt.Sprintf(format, args...)
}

// Failures returns the probes that failed.
func Failures(probes []Probe) []Probe {
	var out []Probe
	for _, p := range probes {
		if !p.OK {
			out = append(out, p)
		}
	}
	return out
}

// VerifyProxies checks every proxy of the plan through the proxies running now
// (StartProxies) and returns every failure (ProbeProxies).
func (l *Lab) VerifyProxies(ctx context.Context) error {
	return probeErrors(l.ProbeProxies(ctx))
}

// VerifyProxy checks one running proxy against its plan and returns every failure
// (ProbeProxy).
func (l *Lab) VerifyProxy(ctx context.Context, env *topology.EnvPlan, p *topology.ProxyPlan) error {
	return probeErrors(l.ProbeProxy(ctx, env, p))
}

// VerifyPools checks every zone's running pool and returns every failure (ProbePools).
func (l *Lab) VerifyPools(ctx context.Context) error {
	return probeErrors(l.ProbePools(ctx))
}

// probeErrors turns failed probes into one error per proxy or pool, in probe order.
func probeErrors(probes []Probe) error {
	var errs []error
	var key string
	var lines []string
	flush := func() {
		if len(lines) > 0 {
			errs = append(errs, fmt.Errorf("%s:\n  %s", key, strings.Join(lines, "\n  ")))
		}
		lines = nil
	}
	for _, p := range probes {
		k := fmt.Sprintf("proxy %s (environment %s, %s)", p.Proxy, p.Env, p.Engine)
		if strings.HasPrefix(p.Proxy, "pool ") {
			k = fmt.Sprintf("%s (environment %s, %s)", p.Proxy, p.Env, p.Engine)
		}
		if k != key {
			flush()
			key = k
		}
		if !p.OK {
			lines = append(lines, p.Detail)
		}
	}
	flush()
	return errors.Join(errs...)
}

// ProbeProxies probes every proxy of the plan (ProbeProxy) through the proxies running now,
// and the monitoring endpoints they run (ProbeMonitors).
func (l *Lab) ProbeProxies(ctx context.Context) []Probe {
	var out []Probe
	for _, env := range l.Plan.Environments {
		for _, p := range env.Proxies {
			out = append(out, l.ProbeProxy(ctx, env, p)...)
		}
	}
	return append(out, l.ProbeMonitors(ctx, l.proxyImpl())...)
}

// ProbeProxy checks one running proxy against its plan (R6): every route reaches a
// front-end of its own zone in any letter case, with the raw path, the client's Host, and
// X-Forwarded-For / X-Forwarded-Proto set by the proxy; /Path never catches /Pathx;
// unknown paths get 404 and percent-encoded letters do not match; paths the two proxies
// would read differently get 400; platform paths get 403 unless from an allowed source;
// the HTTP listener of a TLS proxy redirects to HTTPS.
func (l *Lab) ProbeProxy(ctx context.Context, env *topology.EnvPlan, p *topology.ProxyPlan) []Probe {
	v := verifier{l: l, ctx: ctx, env: env, p: p, ep: ProxyEndpoint(p), scheme: "http", engine: l.proxyImpl()}
	if p.TLS != "none" {
		v.scheme = "https"
	}
	routes := map[string]bool{}
	for _, r := range p.Routes {
		routes[r.Key] = true
	}
	outsiderAllowed := v.allows(l.Outsider)

	sample := "" // a route of the apps, open to the outsider when one is
	for _, r := range p.Routes {
		if r.Platform {
			if !outsiderAllowed {
				v.expectStatus(l.Outsider, "/"+r.Path+"/x", http.StatusForbidden, BodyForbidden)
				v.note("from an outsider")
			}
			allowed := l.Allowed(p.ID)
			if len(allowed) == 0 {
				continue // nobody may: nothing else to see
			}
			v.expectReach(allowed[0], r, "from an allowed source")
		} else {
			if sample == "" && v.open(r, l.Outsider) {
				sample = r.Path
			}
			v.expectReach(l.Outsider, r, "")
			if src := l.MaintenanceAllowed(p.ID, r.Upstream); len(src) > 0 {
				v.expectReach(src[0], r, "from the maintenance allow list")
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
	for _, r := range p.Routes {
		if sample == "" && !r.Platform {
			sample = r.Path // every route of the apps is in maintenance
		}
	}
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
	v.realIPProbes(sample)
	for _, r := range p.Routes {
		if !r.Platform && v.open(r, l.Outsider) {
			v.limitProbes(r, l.Outsider)
			break
		}
		if allowed := l.Allowed(p.ID); r.Platform && len(allowed) > 0 && v.open(r, allowed[0]) {
			v.limitProbes(r, allowed[0])
			break
		}
	}
	return v.probes
}

// open says route r reaches its zone from source: the zone is not in maintenance, or its
// maintenance allow list holds source.
func (v *verifier) open(r topology.Route, source string) bool {
	m := v.p.Upstream(r.Upstream).Maintenance
	return m == nil || inList(m.Allow, source)
}

// expectReach expects route r, in every letter case, to reach its zone from source, or,
// when the zone's maintenance window shuts source out, the same 503 with Retry-After from
// both engines. what describes the source in Want.
func (v *verifier) expectReach(source string, r topology.Route, what string) {
	if !v.open(r, source) {
		m := v.p.Upstream(r.Upstream).Maintenance
		retry := strconv.Itoa(m.RetryAfter)
		req := v.request("/" + r.Path + "/x")
		v.expectStatusRequest(source, req, http.StatusServiceUnavailable, BodyMaintenance, "Retry-After "+retry+" (zone "+r.Zone+" in maintenance)", func(resp *Response) string {
			if got := resp.Header.Values("Retry-After"); !slices.Equal(got, []string{retry}) {
				return fmt.Sprintf("Retry-After %q, want %s", got, retry)
			}
			return ""
		})
		if what != "" {
			v.note(what)
		}
		return
	}
	for _, target := range caseVariants(r.Path) {
		v.expectRouted(source, target, r.Zone)
		if what != "" {
			v.note(what)
		}
	}
}

// realIPProbes: from a realIpFrom peer (a WAF or CDN in front), the client is the last
// address of X-Forwarded-For, for the route and for the allow list alike; from any other
// source the header names nobody (notes/production.md §6).
func (v *verifier) realIPProbes(sample string) {
	trusted := v.l.realIPFrom[v.p.ID]
	if len(trusted) == 0 {
		return
	}
	peer := trusted[0]
	via := func(target, client string) Request {
		req := v.request(target)
		req.Header.Set("X-Forwarded-For", spoofedXFF+", "+client)
		return req
	}
	const client = "192.0.2.44" // TEST-NET-1: a client on the far side of the WAF
	if i := slices.IndexFunc(v.p.Routes, func(r topology.Route) bool { return r.Path == sample }); i >= 0 && !v.p.Routes[i].Platform && v.open(v.p.Routes[i], client) {
		v.client = client
		v.expectRoutedRequest(peer, via("/"+sample+"/x", client), v.p.Routes[i].Zone, "via realIpFrom, the client "+client, nil)
		v.client = ""
	}
	allowed := v.l.Allowed(v.p.ID)
	for _, r := range v.p.Routes {
		if !r.Platform || len(allowed) == 0 || slices.Contains(allowed, peer) || v.allows(peer) {
			continue
		}
		if v.open(r, allowed[0]) {
			v.client = allowed[0]
			v.expectRoutedRequest(peer, via("/"+r.Path+"/x", allowed[0]), r.Zone, "via realIpFrom, an allowed client", nil)
			v.client = ""
		}
		v.expectStatusRequest(peer, via("/"+r.Path+"/x", v.l.Outsider), http.StatusForbidden, BodyForbidden, "via realIpFrom, an outside client", nil)
		if !v.allows(v.l.Outsider) {
			v.expectStatusRequest(v.l.Outsider, via("/"+r.Path+"/x", allowed[0]), http.StatusForbidden, BodyForbidden,
				"from an outsider naming an allowed client (not a realIpFrom peer)", nil)
		}
		break
	}
}

// Sizes of the limit probes (notes/production.md §1): what OutSystems sends through a
// proxy and both engines must pass, when the proxy's limits allow them.
const (
	probeBody      = 5 << 20 // a file upload, a solution published to Service Center
	probeCookie    = 9 << 10 // authentication and SSO cookies of several user providers
	probeSetCookie = 5 << 10
	// Bodies over the limit are sent only up to this limit, to keep verify fast.
	maxRefusedBody = 8 << 20
)

// limitProbes sends, from source, along route r: a large POST, a large Cookie and a request
// whose answer carries a large Set-Cookie, each within the proxy's limits and reaching the
// front-end intact; then a body, a Cookie and a Set-Cookie over the limits, which both
// engines refuse alike: 413, 400 and 502.
func (v *verifier) limitProbes(r topology.Route, source string) {
	lim := v.p.Limits
	target := "/" + r.Path + "/zonegen-limits"
	req := func() Request { return v.request(target) }

	body := min(probeBody, lim.Body)
	post := req()
	post.Method, post.BodyBytes = http.MethodPost, body
	v.expectRoutedRequest(source, post, r.Zone, "a "+topology.FormatSize(body)+" body intact", func(resp *Response) string {
		if resp.Echo.BodyBytes != body {
			return fmt.Sprintf("the front-end got %d body bytes, want %d", resp.Echo.BodyBytes, body)
		}
		return ""
	})
	cookie := min(probeCookie, max(lim.RequestHeaders-2<<10, lim.RequestHeaders/2))
	withCookie := req()
	withCookie.Header.Set("Cookie", cookieOf(cookie))
	v.expectRoutedRequest(source, withCookie, r.Zone, "a "+topology.FormatSize(cookie)+" Cookie intact", func(resp *Response) string {
		if resp.Echo.CookieBytes != int(cookie) {
			return fmt.Sprintf("the front-end got a Cookie of %d bytes, want %d", resp.Echo.CookieBytes, cookie)
		}
		return ""
	})
	setCookie := min(probeSetCookie, max(lim.ResponseHeaders-1<<10, lim.ResponseHeaders/2))
	askSetCookie := req()
	askSetCookie.Header.Set(SetCookieHeader, strconv.FormatInt(setCookie, 10))
	v.expectRoutedRequest(source, askSetCookie, r.Zone, "its "+topology.FormatSize(setCookie)+" Set-Cookie intact", func(resp *Response) string {
		if got := len(resp.Header.Get("Set-Cookie")); int64(got) != setCookie {
			return fmt.Sprintf("the answer's Set-Cookie has %d bytes, want %d", got, setCookie)
		}
		return ""
	})

	if lim.Body < maxRefusedBody {
		over := req()
		over.Method, over.BodyBytes = http.MethodPost, lim.Body+1
		v.expectStatusRequest(source, over, http.StatusRequestEntityTooLarge, "", "for a body of "+topology.FormatSize(lim.Body+1), nil)
	}
	bigCookie := req()
	bigCookie.Header.Set("Cookie", cookieOf(lim.RequestHeaders+1<<10))
	v.headOverLimit = true
	v.expectStatusRequest(source, bigCookie, http.StatusBadRequest, "", "for a Cookie of "+topology.FormatSize(lim.RequestHeaders+1<<10), nil)
	v.headOverLimit = false
	bigSetCookie := req()
	bigSetCookie.Header.Set(SetCookieHeader, strconv.FormatInt(lim.ResponseHeaders+1<<10, 10))
	v.expectStatusRequest(source, bigSetCookie, http.StatusBadGateway, "", "for a Set-Cookie of "+topology.FormatSize(lim.ResponseHeaders+1<<10), nil)
}

// cookieOf is a Cookie header value of n bytes.
func cookieOf(n int64) string {
	const prefix = "zonegen="
	return prefix + strings.Repeat("c", max(0, int(n)-len(prefix)))
}

type verifier struct {
	l      *Lab
	ctx    context.Context
	env    *topology.EnvPlan
	p      *topology.ProxyPlan
	ep     Endpoint
	scheme string
	engine Impl
	probes []Probe
	// client, when set, is the address the front-end must see in X-Forwarded-For instead of
	// the probe's source (a request through realIpFrom).
	client string
	// headOverLimit is set while a request head over the proxy's limit is out: HAProxy's
	// connection layer may answer it, with no Strict-Transport-Security (hstsProblem).
	headOverLimit bool
}

func (v *verifier) probe(source, target, want string) Probe {
	return Probe{Env: v.env.Name, Proxy: v.p.Name, Engine: v.engine, Path: target, Source: source, Want: want, OK: true}
}

// note adds to the expectation of the last probe, e.g. where it came from.
func (v *verifier) note(s string) {
	pr := &v.probes[len(v.probes)-1]
	pr.Want += " " + s
}

// request is a GET of target with the spoofed forwarding headers every probe carries.
func (v *verifier) request(target string) Request {
	return Request{Target: target, Host: v.p.Host, Header: http.Header{
		"X-Forwarded-For":   {spoofedXFF},
		"X-Forwarded-Proto": {spoofedXFP},
	}}
}

// do sends target to ep from pr.Source; on a transport error it fails pr and returns nil.
func (v *verifier) do(pr *Probe, ep Endpoint, target string) *Response {
	return v.send(pr, ep, v.request(target))
}

// send is do for any request.
func (v *verifier) send(pr *Probe, ep Endpoint, req Request) *Response {
	resp, err := v.l.Client(pr.Source).Do(v.ctx, ep, req)
	if err != nil {
		pr.Got = "no answer"
		pr.failf("%s %s from %s: %v", req.method(), req.Target, pr.Source, err)
		return nil
	}
	pr.Got = v.l.describe(v.env, resp)
	if why := v.hstsProblem(ep, resp); why != "" {
		pr.failf("%s %s from %s: %s", req.method(), req.Target, pr.Source, why)
	}
	return resp
}

// hstsProblem says what is wrong with an answer's Strict-Transport-Security, "" when
// nothing: with hsts, every answer of the HTTPS listener carries the proxy's policy alone
// (but HAProxy's 400 to a head over its buffer) and the plain-HTTP redirect none; without,
// the front-ends' passes unchanged and the proxy's own answers carry none.
func (v *verifier) hstsProblem(ep Endpoint, resp *Response) string {
	var want []string
	switch {
	case v.p.HSTS != nil && ep.TLS:
		want = []string{v.p.HSTS.Header()}
	case v.p.HSTS != nil:
	case resp.Echo != nil:
		want = []string{FrontEndHSTS}
	}
	got := resp.Header.Values("Strict-Transport-Security")
	if v.headOverLimit && v.engine == HAProxy && len(got) == 0 {
		// Over its buffer, HAProxy (2.6) answers 400 from its connection layer, which runs no
		// http-after-response rules and no errorfile; under it, its deny rule does.
		return ""
	}
	if !slices.Equal(got, want) {
		if want == nil {
			return fmt.Sprintf("%d with Strict-Transport-Security %q, want none", resp.Status, got)
		}
		return fmt.Sprintf("%d with Strict-Transport-Security %q, want %q", resp.Status, got, want)
	}
	return ""
}

func (v *verifier) expectStatus(source, target string, status int, body string) {
	v.expectStatusRequest(source, v.request(target), status, body, "", nil)
}

// expectStatusRequest sends req and expects status, with body unless body is "" (the
// engines' own error pages differ; the status is what both must agree on); check, when not
// nil, says what else is wrong, "" when nothing.
func (v *verifier) expectStatusRequest(source string, req Request, status int, body, what string, check func(*Response) string) {
	pr := v.probe(source, req.Target, strconv.Itoa(status))
	if what != "" {
		pr.Want += " " + what
	}
	defer func() { v.probes = append(v.probes, pr) }()
	resp := v.send(&pr, v.ep, req)
	if resp == nil {
		return
	}
	if resp.Status != status || body != "" && string(resp.Body) != body {
		pr.failf("%s %s from %s: got %d %q, want %d %q", req.method(), req.Target, source, resp.Status, truncate(resp.Body), status, body)
	} else if check != nil {
		if why := check(resp); why != "" {
			pr.failf("%s %s from %s: %s", req.method(), req.Target, source, why)
		}
	}
}

// truncate shortens a body for a failure message.
func truncate(b []byte) string {
	if len(b) > 200 {
		return string(b[:200]) + "..."
	}
	return string(b)
}

func (v *verifier) expectRouted(source, target, zone string) {
	v.expectRoutedRequest(source, v.request(target), zone, "", nil)
}

// expectRoutedRequest sends req and expects a front-end of zone to answer it as routed;
// what, when set, describes the request in Want and check says what else is wrong, "" when
// nothing.
func (v *verifier) expectRoutedRequest(source string, req Request, zone, what string, check func(*Response) string) {
	if z := v.env.Zone(zone); z != nil && externalPeer(v.p, z) {
		return // NotProbed lists it
	}
	target := req.Target
	pr := v.probe(source, target, "zone "+zone)
	if what != "" {
		pr.Want += ", " + what
	}
	defer func() { v.probes = append(v.probes, pr) }()
	members := v.l.zoneServers(v.env, zone)
	peer := ""
	if z := v.env.Zone(zone); z != nil {
		peer, _ = v.p.Peer(z)
	}
	resp := v.send(&pr, v.ep, req)
	if resp == nil {
		return
	}
	e := resp.Echo
	m := req.method()
	switch {
	case resp.Status != http.StatusOK || e == nil:
		pr.failf("%s %s from %s: got %d %q, want 200 from a front-end", m, target, source, resp.Status, truncate(resp.Body))
	case !slices.Contains(members, e.Server) && v.env.Server(e.Server) != nil && v.env.Server(e.Server).Drain:
		pr.failf("%s %s: answered by %s, which is drained (servers.%s.drain)", m, target, e.Server, e.Server)
	case !slices.Contains(members, e.Server):
		pr.failf("%s %s: answered by %s, which is not in the route's zone %s %v", m, target, e.Server, zone, members)
	case e.URI != target:
		pr.failf("%s %s: the front-end got %q, want the raw path unchanged", m, target, e.URI)
	case e.Host != v.p.Host:
		pr.failf("%s %s: Host %q, want %q as the client sent it", m, target, e.Host, v.p.Host)
	case !slices.Equal(e.XFF, []string{cmp.Or(v.client, source)}):
		pr.failf("%s %s from %s: X-Forwarded-For %q, want the client address %s only", m, target, source, e.XFF, cmp.Or(v.client, source))
	case !slices.Equal(e.XFP, []string{v.scheme}):
		pr.failf("%s %s: X-Forwarded-Proto %q, want %q", m, target, e.XFP, v.scheme)
	case peer != "" && e.Peer != peer:
		pr.failf("%s %s: the front-end saw the connection come from %s, want %s, the egress Trusted proxy addresses lists (R10)", m, target, e.Peer, peer)
	case check != nil:
		if why := check(resp); why != "" {
			pr.failf("%s %s: %s", m, target, why)
		}
	}
	if pr.OK {
		pr.Got = e.Server + " (zone " + zone + ")" // of its zones, the one that was asked for
	}
}

func (v *verifier) expectRedirect(source, target string) {
	// Shown as a URL: this one goes to the plain-HTTP listener.
	pr := v.probe(source, "http://"+v.p.Host+target, "308 https")
	defer func() { v.probes = append(v.probes, pr) }()
	want := "https://" + v.p.Host
	if v.p.Listen.HTTPS != 443 {
		want += ":" + strconv.Itoa(v.p.Listen.HTTPS)
	}
	want += target
	ep := Endpoint{Addr: net.JoinHostPort(v.p.Listen.Address, strconv.Itoa(v.p.Listen.HTTP))}
	resp := v.do(&pr, ep, target)
	if resp == nil {
		return
	}
	if resp.Status == http.StatusPermanentRedirect && resp.Header.Get("Location") == want {
		pr.Got = "308 https"
		return
	}
	pr.failf("GET http %s: got %d Location %q, want 308 to %s", target, resp.Status, resp.Header.Get("Location"), want)
}

// allows reports whether ip falls inside the proxy's allow list.
func (v *verifier) allows(ip string) bool { return inList(v.p.Allow, ip) }

// inList says one of the CIDRs of list holds the address ip.
func inList(list []string, ip string) bool {
	a, err := netip.ParseAddr(ip)
	if err != nil {
		return false
	}
	for _, s := range list {
		if pfx, err := netip.ParsePrefix(s); err == nil && pfx.Contains(a) {
			return true
		}
	}
	return false
}

// ProbePools sends each running pool (Start) two rounds of new connections, over HTTP and,
// when some of its front-ends answer it, HTTPS: round robin must reach every front-end of
// the zone in turn, and nothing else (FACTS §5: round robin, no stickiness); and each
// cache-invalidation pool two rounds, which must reach every node in turn.
func (l *Lab) ProbePools(ctx context.Context) []Probe {
	var out []Probe
	for _, env := range l.Plan.Environments {
		for _, z := range env.Zones {
			out = append(out, l.ProbePool(ctx, env, z)...)
		}
		out = append(out, l.ProbeCache(ctx, env)...)
	}
	return out
}

// externalPeer says proxy p sends zone z's routes to a load balancer that is not zonegen's,
// which the lab cannot stand in for: it terminates TLS with a certificate of its own.
func externalPeer(p *topology.ProxyPlan, z *topology.ZonePlan) bool {
	_, pool := p.Peer(z)
	return pool && z.External
}

// NotProbed lists what verify cannot probe, and why: the routes proxies send to an external
// load balancer (externalLoadBalancer).
func NotProbed(plan *topology.Plan) []string {
	var out []string
	for _, env := range plan.Environments {
		for _, p := range env.Proxies {
			for _, u := range p.Upstreams {
				if z := env.Zone(u.Zone); z != nil && externalPeer(p, z) {
					out = append(out, "proxy "+p.Name+" ("+env.Name+") to zone "+z.Name+": its load balancer "+z.LoadBalancer+" is external, not zonegen's")
				}
			}
		}
	}
	return out
}

// ProbePool probes zone z's running pool (ProbePools), over HTTP and HTTPS; nothing when the
// zone has no load balancer.
func (l *Lab) ProbePool(ctx context.Context, env *topology.EnvPlan, z *topology.ZonePlan) []Probe {
	if !z.Pool() {
		return nil
	}
	var out []Probe
	for _, https := range []bool{false, true} {
		if pr, ok := l.probePool(ctx, env, z, https); ok {
			out = append(out, pr)
		}
	}
	return out
}

// probePool probes one listener of a zone's pool; false when the pool has no such listener.
func (l *Lab) probePool(ctx context.Context, env *topology.EnvPlan, z *topology.ZonePlan, https bool) (Probe, bool) {
	scheme, port := "http", z.Ports.HTTP
	if https {
		scheme, port = "https", z.Ports.HTTPS
	}
	// A drained server (servers.S.drain) is no member: it must never answer.
	var members, drained []string
	for _, name := range z.Servers {
		ls := l.servers[env.Name+"/"+name]
		switch {
		case ls == nil || https && !ls.server.TLS:
		case ls.server.Drain:
			drained = append(drained, name)
		default:
			members = append(members, name)
		}
	}
	if port == 0 || len(members) == 0 {
		return Probe{}, false
	}
	slices.Sort(members)
	pr := Probe{
		Env: env.Name, Proxy: "pool " + z.Name, Engine: l.lbImpl, Source: l.Outsider, OK: true,
		Path: scheme + "://" + z.Address.Value + "/",
		Want: strings.Join(members, ", ") + " in turn",
	}
	if len(drained) > 0 {
		pr.Want += ", never " + strings.Join(drained, ", ") + " (drained)"
	}
	ep := PoolEndpoint(z, https)
	var seq []string
	for range 2 * len(members) {
		resp, err := l.Client(l.Outsider).Do(ctx, ep, Request{Target: "/", Host: z.Address.Value})
		switch {
		case err != nil:
			seq = append(seq, "no answer")
			pr.failf("%s via %s: %v", pr.Path, ep.Addr, err)
		case resp.Echo == nil:
			seq = append(seq, strconv.Itoa(resp.Status))
			pr.failf("%s via %s: got %d %q, want a front-end's answer", pr.Path, ep.Addr, resp.Status, resp.Body)
		case z.Egress != "" && resp.Echo.Peer != z.Egress:
			seq = append(seq, resp.Echo.Server)
			pr.failf("%s via %s: %s saw the connection come from %s, want the pool's egress %s, which Trusted proxy addresses lists (R10)",
				pr.Path, ep.Addr, resp.Echo.Server, resp.Echo.Peer, z.Egress)
		default:
			seq = append(seq, resp.Echo.Server)
		}
		if !pr.OK {
			break
		}
	}
	pr.Got = strings.Join(seq, " ")
	if pr.OK {
		if why := roundRobin(seq, members); why != "" {
			pr.failf("%s: answers %s %s", pr.Path, pr.Got, why)
		}
	}
	return pr, true
}

// roundRobin says how seq fails to cycle over exactly members (sorted), "" when it does:
// the first len(members) answers are each member once, and the sequence repeats with that
// period.
func roundRobin(seq, members []string) string {
	n := len(members)
	if len(seq) < n {
		return "are too few"
	}
	first := slices.Clone(seq[:n])
	slices.Sort(first)
	if !slices.Equal(first, members) {
		return fmt.Sprintf("do not start with each of %s once", strings.Join(members, ", "))
	}
	for i := n; i < len(seq); i++ {
		if seq[i] != seq[i-n] {
			return fmt.Sprintf("do not alternate over %s", strings.Join(members, ", "))
		}
	}
	return ""
}

// describe says who answered: a front-end and its zones, or the status.
func (l *Lab) describe(env *topology.EnvPlan, resp *Response) string {
	if resp.Echo == nil {
		return strconv.Itoa(resp.Status)
	}
	name := resp.Echo.Server
	for _, s := range env.Servers {
		if s.Name == name && len(s.Zones) > 0 {
			return fmt.Sprintf("%s (zone %s)", name, strings.Join(s.Zones, "+"))
		}
	}
	return name
}

func (l *Lab) zoneServers(env *topology.EnvPlan, zone string) []string {
	z := env.Zone(zone)
	if z == nil {
		return nil
	}
	// A drained server (servers.S.drain) answers nothing routed: the pools and the proxies
	// that balance over it skip it. Drained alone (a zone without a pool), it still answers
	// at the zone address, as topology warns.
	var serving []string
	for _, sn := range z.Servers {
		if s := env.Server(sn); s == nil || !s.Drain {
			serving = append(serving, sn)
		}
	}
	if len(serving) == 0 {
		return z.Servers
	}
	return serving
}

// caseVariants are requests for path in three letter cases, with and without more path.
func caseVariants(path string) []string {
	return []string{
		"/" + path + "/Page?q=1",
		"/" + strings.ToLower(path),
		"/" + strings.ToUpper(path) + "/",
	}
}
