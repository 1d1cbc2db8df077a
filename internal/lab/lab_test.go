package lab_test

import (
	"bytes"
	"context"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/zonegen/zonegen/generators"
	"github.com/zonegen/zonegen/internal/lab"
	"github.com/zonegen/zonegen/internal/lab/labtest"
	"github.com/zonegen/zonegen/internal/realprog"
	"github.com/zonegen/zonegen/templates"
	"github.com/zonegen/zonegen/topology"
)

// kinds are the outputs the lab runs.
var kinds = lab.Kinds

// startLab moves plan to loopback, generates its proxy and pool files, checks them with
// nginx -t and haproxy -c, and starts the stub front-ends and the pools.
func startLab(t *testing.T, plan *topology.Plan, opts lab.Options) *lab.Lab {
	t.Helper()
	realprog.Require(t, "nginx")
	realprog.Require(t, "haproxy")
	l := labtest.New(t, plan)
	files, err := generators.Run(l.Plan, templates.MustDefault(), kinds)
	if err != nil {
		t.Fatal(err)
	}
	if err := l.Start(files, opts); err != nil {
		t.Fatal(err)
	}
	return l
}

func startProxies(t *testing.T, l *lab.Lab, impl lab.Impl) {
	t.Helper()
	stop, err := l.StartProxies(impl)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := stop(); err != nil {
			t.Error(err)
		}
	})
}

// TestVerifyAcme runs every check of VerifyProxy on every proxy of the plan, through both
// proxies and with the zones' pools in both programs.
func TestVerifyAcme(t *testing.T) {
	for _, lb := range []lab.Impl{lab.HAProxy, lab.Nginx} {
		t.Run("pools in "+string(lb), func(t *testing.T) {
			t.Parallel()
			l := startLab(t, labtest.Acme(), lab.Options{LB: lb})
			for _, impl := range []lab.Impl{lab.Nginx, lab.HAProxy} {
				t.Run("proxies in "+string(impl), func(t *testing.T) {
					startProxies(t, l, impl)
					if err := l.VerifyProxies(context.Background()); err != nil {
						t.Error(err)
					}
				})
			}
		})
	}
}

// env, zone and proxy find parts of a lab's plan by name (Plan.Env, EnvPlan.Zone), failing
// the test when there is none.
func env(t *testing.T, l *lab.Lab, name string) *topology.EnvPlan {
	t.Helper()
	e := l.Plan.Env(name)
	if e == nil {
		t.Fatalf("no environment %s", name)
	}
	return e
}

func zone(t *testing.T, l *lab.Lab, envName, name string) *topology.ZonePlan {
	t.Helper()
	z := env(t, l, envName).Zone(name)
	if z == nil {
		t.Fatalf("no zone %s/%s", envName, name)
	}
	return z
}

func proxy(t *testing.T, l *lab.Lab, envName, name string) *topology.ProxyPlan {
	t.Helper()
	for _, p := range env(t, l, envName).Proxies {
		if p.Name == name {
			return p
		}
	}
	t.Fatalf("no proxy %s/%s", envName, name)
	return nil
}

// get sends GET target to ep from source and fails the test on a transport error.
func get(t *testing.T, l *lab.Lab, source string, ep lab.Endpoint, target, host string, header http.Header) *lab.Response {
	t.Helper()
	resp, err := l.Client(source).Do(context.Background(), ep, lab.Request{Target: target, Host: host, Header: header})
	if err != nil {
		t.Fatal(err)
	}
	return resp
}

// answeredBy sends n requests and returns which front-end answered each.
func answeredBy(t *testing.T, l *lab.Lab, ep lab.Endpoint, target, host string, n int) []string {
	t.Helper()
	var got []string
	for range n {
		resp := get(t, l, "", ep, target, host, nil)
		if resp.Status != http.StatusOK || resp.Echo == nil {
			t.Fatalf("GET %s via %s: %d %q", target, ep.Addr, resp.Status, resp.Body)
		}
		got = append(got, resp.Echo.Server)
	}
	return got
}

// assertRoundRobin checks that seq cycles over exactly the servers in want: the first
// len(want) answers are all different, and the sequence repeats with that period.
func assertRoundRobin(t *testing.T, seq, want []string) {
	t.Helper()
	n := len(want)
	first := slices.Clone(seq[:n])
	slices.Sort(first)
	if !slices.Equal(first, want) {
		t.Fatalf("answers %v: the first %d are not each of %v once", seq, n, want)
	}
	for i := n; i < len(seq); i++ {
		if seq[i] != seq[i-n] {
			t.Fatalf("answers %v do not alternate over %v", seq, want)
		}
	}
}

func TestPoolsBalanceRoundRobin(t *testing.T) {
	for _, impl := range []lab.Impl{lab.HAProxy, lab.Nginx} {
		t.Run(string(impl), func(t *testing.T) {
			t.Parallel()
			l := startLab(t, labtest.Acme(), lab.Options{LB: impl})
			// Layer 4: every new connection goes to the next front-end, HTTP and HTTPS
			// (TLS passes through to the front-end, whose certificate names the pool).
			dz1 := zone(t, l, "prod", "DZ1")
			assertRoundRobin(t, answeredBy(t, l, lab.PoolEndpoint(dz1, false), "/App/", "lb1.acme.test", 6), []string{"fe1", "fe2"})
			dz2 := zone(t, l, "prod", "DZ2")
			assertRoundRobin(t, answeredBy(t, l, lab.PoolEndpoint(dz2, true), "/App2/", "lb2.acme.test", 6), []string{"fe3", "fe4"})
			global := zone(t, l, "prod", "Global")
			assertRoundRobin(t, answeredBy(t, l, lab.PoolEndpoint(global, false), "/", "lb0.acme.test", 8), []string{"fe1", "fe2", "fe3", "fe4"})
			// An IP-literal load balancer (dev) binds its address.
			devGlobal := zone(t, l, "dev", "Global")
			assertRoundRobin(t, answeredBy(t, l, lab.PoolEndpoint(devGlobal, false), "/", "10.1.2.10", 4), []string{"dev1", "dev2"})
		})
	}
}

func TestProxiesBalanceOverServers(t *testing.T) {
	l := startLab(t, labtest.Acme(), lab.Options{})
	intra := proxy(t, l, "prod", "intra")
	edge := proxy(t, l, "dev", "edge")
	for _, impl := range []lab.Impl{lab.Nginx, lab.HAProxy} {
		t.Run(string(impl), func(t *testing.T) {
			startProxies(t, l, impl)
			assertRoundRobin(t, answeredBy(t, l, lab.ProxyEndpoint(intra), "/Portal/", intra.Host, 8), []string{"fe1", "fe2", "fe3", "fe4"})
			assertRoundRobin(t, answeredBy(t, l, lab.ProxyEndpoint(edge), "/Sandbox/", edge.Host, 4), []string{"dev1", "dev2"})
		})
	}
}

func TestDeadFrontEndLeavesPathsAnswering(t *testing.T) {
	for _, impl := range []lab.Impl{lab.HAProxy, lab.Nginx} {
		t.Run(string(impl), func(t *testing.T) {
			t.Parallel()
			// The pools and the proxies run in the same program here.
			l := startLab(t, labtest.Acme(), lab.Options{LB: impl})
			startProxies(t, l, impl)
			if err := l.Backend("prod", "fe1").Stop(); err != nil {
				t.Fatal(err)
			}
			www, intra := proxy(t, l, "prod", "www"), proxy(t, l, "prod", "intra")
			for _, c := range []struct {
				name   string
				ep     lab.Endpoint
				target string
				host   string
			}{
				{"pool DZ1", lab.PoolEndpoint(zone(t, l, "prod", "DZ1"), false), "/App/", "lb1.acme.test"},
				{"www via pool DZ1", lab.ProxyEndpoint(www), "/App1InDZ1/", www.Host},
				{"intra over DZ1's servers", lab.ProxyEndpoint(intra), "/App/", intra.Host},
			} {
				for _, server := range answeredBy(t, l, c.ep, c.target, c.host, 6) {
					if server != "fe2" {
						t.Errorf("%s: answered by %s, want fe2 (fe1 is down)", c.name, server)
					}
				}
			}
		})
	}
}

func TestForwardingHeadersAndTLS(t *testing.T) {
	l := startLab(t, labtest.Acme(), lab.Options{})
	www, intra := proxy(t, l, "prod", "www"), proxy(t, l, "prod", "intra")
	allowed := l.Allowed(intra.ID)
	// One for the single address of its allow list, one standing for its network.
	if len(allowed) != 2 {
		t.Fatalf("allowed sources of intra: %v, want two", allowed)
	}
	spoof := http.Header{"X-Forwarded-For": {"203.0.113.9"}, "X-Forwarded-Proto": {"evil"}}
	for _, impl := range []lab.Impl{lab.Nginx, lab.HAProxy} {
		t.Run(string(impl), func(t *testing.T) {
			startProxies(t, l, impl)
			for _, c := range []struct {
				name   string
				p      *topology.ProxyPlan
				source string
				target string
				host   string
				tls    bool   // the front-end was reached over TLS
				sni    string // ... with this name
			}{
				{"offload to an HTTP zone", www, l.Outsider, "/App1InDZ1/x", "www.acme.test", false, ""},
				// R6: offload speaks HTTP to a zone with HTTPS inside too.
				{"offload to an HTTPS zone", www, l.Outsider, "/app2indz2/x", "WWW.acme.test:443", false, ""},
				{"re-encrypt", intra, l.Outsider, "/Portal/x?a=b", "intra.acme.test", true, "lb0.acme.test"},
				{"platform, allowed source", intra, allowed[0], "/ServiceCenter/x", "intra.acme.test", true, "lb0.acme.test"},
			} {
				resp := get(t, l, c.source, lab.ProxyEndpoint(c.p), c.target, c.host, spoof)
				e := resp.Echo
				if resp.Status != http.StatusOK || e == nil {
					t.Errorf("%s: %d %q", c.name, resp.Status, resp.Body)
					continue
				}
				if e.Host != c.host || e.URI != c.target {
					t.Errorf("%s: front-end got Host %q URI %q, want %q %q", c.name, e.Host, e.URI, c.host, c.target)
				}
				if !slices.Equal(e.XFF, []string{c.source}) || !slices.Equal(e.XFP, []string{"https"}) {
					t.Errorf("%s: X-Forwarded-For %q X-Forwarded-Proto %q, want [%s] [https]", c.name, e.XFF, e.XFP, c.source)
				}
				if e.TLS != c.tls || e.SNI != c.sni {
					t.Errorf("%s: front-end TLS %v SNI %q, want %v %q", c.name, e.TLS, e.SNI, c.tls, c.sni)
				}
			}
			resp := get(t, l, l.Outsider, lab.ProxyEndpoint(intra), "/ServiceCenter/x", intra.Host, nil)
			if resp.Status != http.StatusForbidden || string(resp.Body) != lab.BodyForbidden {
				t.Errorf("platform path from an outsider: %d %q, want 403", resp.Status, resp.Body)
			}
			resp = get(t, l, allowed[0], lab.ProxyEndpoint(www), "/ServiceCenter/x", www.Host, nil)
			if resp.Status != http.StatusNotFound {
				t.Errorf("platform path on a proxy without platform routing: %d, want 404", resp.Status)
			}
		})
	}
}

func TestPoolHTTPHealthCheck(t *testing.T) {
	t.Parallel()
	l := startLab(t, labtest.Acme(), lab.Options{LB: lab.HAProxy})
	// dev checks GET /HealthCheck/ for "ServerOK"; dev2's page now says something else.
	l.Backend("dev", "dev2").SetHealthBody("Server starting")
	pool := "zg_lb_dev_global_http/"
	// The first checks may run before the page changed: wait for dev2's to fail.
	failing := func(st map[string]lab.ServerState) bool {
		c := st[pool+"dev2"].Check
		return strings.HasPrefix(c, "L7") && c != "L7OK"
	}
	states := settledChecks(t, l, failing, pool+"dev1", pool+"dev2")
	if dev1, dev2 := states[pool+"dev1"], states[pool+"dev2"]; dev1.Check != "L7OK" || !strings.HasPrefix(dev2.Check, "L7") || dev2.Check == "L7OK" {
		t.Fatalf("checks: dev1 %+v, dev2 %+v; want dev1 L7OK and dev2 failing its layer-7 check", dev1, dev2)
	}
}

// Without the limits, each engine fails the probes its own defaults break: nginx refuses
// the 5 MiB body (1 MiB default) and the 9 KiB Cookie (8 KiB buffers) and cannot hold a
// 5 KiB Set-Cookie (4 KiB buffer); HAProxy lets an over-limit body through. Verify names them.
func TestVerifyCatchesMissingLimits(t *testing.T) {
	realprog.Require(t, "nginx")
	realprog.Require(t, "haproxy")
	l := labtest.New(t, labtest.Acme())
	files, err := generators.Run(l.Plan, templates.MustDefault(), kinds)
	if err != nil {
		t.Fatal(err)
	}
	drop := regexp.MustCompile(`(?m)^\s*(client_max_body_size|client_header_buffer_size|large_client_header_buffers|proxy_buffer_size|proxy_buffers|proxy_busy_buffers_size|http-request deny deny_status 413) .*\n`)
	for i, f := range files {
		if f.Path == "prod/proxy/www.nginx.conf" || f.Path == "dev/proxy/edge.haproxy.cfg" {
			files[i].Data = drop.ReplaceAll(f.Data, nil)
		}
	}
	if err := l.Start(files, lab.Options{}); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		impl  lab.Impl
		proxy string
		want  []string
	}{
		{lab.Nginx, "www", []string{"POST /App/zonegen-limits", "got 413", "Cookie", "got 502"}},
		{lab.HAProxy, "edge", []string{"POST /Sandbox/zonegen-limits", "got 200", "want 413"}},
	} {
		t.Run(string(c.impl), func(t *testing.T) {
			startProxies(t, l, c.impl)
			var failed []string
			for _, p := range lab.Failures(l.ProbeProxies(context.Background())) {
				if p.Proxy != c.proxy {
					t.Errorf("proxy %s failed, but only %s lost its limits: %s", p.Proxy, c.proxy, p.Detail)
				}
				failed = append(failed, p.Detail)
			}
			all := strings.Join(failed, "\n")
			for _, w := range c.want {
				if !strings.Contains(all, w) {
					t.Errorf("failures lack %q:\n%s", w, all)
				}
			}
		})
	}
}

func TestVerifyCatchesAppendedForwardedFor(t *testing.T) {
	realprog.Require(t, "nginx")
	l := labtest.New(t, labtest.Acme())
	files, err := generators.Run(l.Plan, templates.MustDefault(), kinds)
	if err != nil {
		t.Fatal(err)
	}
	// A proxy that appends to a spoofed X-Forwarded-For instead of replacing it.
	for i, f := range files {
		if f.Path == "dev/proxy/edge.nginx.conf" {
			files[i].Data = bytes.Replace(f.Data, []byte("X-Forwarded-For   $remote_addr"), []byte("X-Forwarded-For   $proxy_add_x_forwarded_for"), 1)
		}
	}
	if err := l.Start(files, lab.Options{}); err != nil {
		t.Fatal(err)
	}
	startProxies(t, l, lab.Nginx)
	err = l.VerifyProxies(context.Background())
	if err == nil || !strings.Contains(err.Error(), "proxy edge") || !strings.Contains(err.Error(), "X-Forwarded-For") || strings.Contains(err.Error(), "proxy www") {
		t.Fatalf("VerifyProxies: %v; want X-Forwarded-For failures of proxy edge only", err)
	}
}

// Connections leave from the egress, which Trusted proxy addresses lists (R10): without
// source and proxy_bind the front-ends see the machine's own address, and verify says so, for
// the pool and for the proxy that reaches the servers itself, in either engine.
func TestVerifyCatchesUnboundEgress(t *testing.T) {
	realprog.Require(t, "nginx")
	realprog.Require(t, "haproxy")
	for _, impl := range []lab.Impl{lab.HAProxy, lab.Nginx} {
		t.Run(string(impl), func(t *testing.T) {
			l := labtest.New(t, labtest.Acme())
			files, err := generators.Run(l.Plan, templates.MustDefault(), kinds)
			if err != nil {
				t.Fatal(err)
			}
			unbind := regexp.MustCompile(`(?m)^\s*(source|proxy_bind) .*\n`)
			for i, f := range files {
				if strings.HasPrefix(f.Path, "prod/lb/DZ1.") || strings.HasPrefix(f.Path, "dev/proxy/edge.") {
					files[i].Data = unbind.ReplaceAll(f.Data, nil)
				}
			}
			if err := l.Start(files, lab.Options{LB: impl}); err != nil {
				t.Fatal(err)
			}
			pools := lab.Failures(l.ProbePools(context.Background()))
			startProxies(t, l, impl)
			proxies := lab.Failures(l.ProbeProxies(context.Background()))
			// Through DZ1's pool, proxy www's requests come from the machine's own address too.
			for _, c := range []struct {
				what    string
				failed  []lab.Probe
				unbound func(lab.Probe) bool
			}{
				{"pools", pools, func(p lab.Probe) bool { return p.Proxy == "pool DZ1" }},
				{"proxies", proxies, func(p lab.Probe) bool { return p.Proxy == "edge" || strings.HasPrefix(p.Want, "zone DZ1") }},
			} {
				if len(c.failed) == 0 {
					t.Errorf("%s: no probe failed, though DZ1's pool and proxy edge connect from the machine's own address", c.what)
				}
				for _, p := range c.failed {
					if !c.unbound(p) || !strings.Contains(p.Detail, "saw the connection come from 127.0.0.1") {
						t.Errorf("%s: %s/%s: %s; want only the egress failures of DZ1's pool and proxy edge", c.what, p.Env, p.Proxy, p.Detail)
					}
				}
			}
		})
	}
}

func TestNewLeavesThePlanAlone(t *testing.T) {
	plan := labtest.Acme()
	l := labtest.New(t, plan)
	www := plan.Environments[1].Proxies[1]
	if www.Listen.HTTPS != 443 || www.Upstreams[0].Targets[0].Host != "lb1.acme.test" || plan.Environments[1].Servers[1].Address != "10.0.2.11" {
		t.Errorf("New changed the caller's plan: %+v", www)
	}
	local := l.Plan.Environments[1].Proxies[1]
	if !strings.HasPrefix(local.Listen.Address, "127.") || !strings.HasPrefix(local.Upstreams[0].Targets[0].Host, "127.") {
		t.Errorf("lab plan is not on loopback: %+v", local)
	}
}

func TestNewRefusesATargetOutsideThePlan(t *testing.T) {
	plan := labtest.Acme()
	plan.Environments[1].Proxies[1].Upstreams[0].Targets[0].Host = "elsewhere.test"
	_, err := lab.New(plan, t.TempDir())
	if err == nil || !strings.Contains(err.Error(), "elsewhere.test:80") {
		t.Fatalf("got %v, want an error naming the unknown target", err)
	}
}

// settledChecks waits until every named server ("backend/server") has a check result and
// done holds for the states, or the deadline passes (then it returns the last states).
func settledChecks(t *testing.T, l *lab.Lab, done func(map[string]lab.ServerState) bool, servers ...string) map[string]lab.ServerState {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	for {
		states, err := lab.HAProxyServers(ctx, l.LBProcess().Socket)
		if err != nil {
			t.Fatal(err)
		}
		settled := !slices.ContainsFunc(servers, func(s string) bool { return states[s].Check == "" || states[s].Check == "INI" })
		if settled && (done == nil || done(states)) {
			return states
		}
		select {
		case <-ctx.Done():
			if !settled {
				t.Fatalf("no health check result before the deadline: %+v", states)
			}
			return states
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// The HTTPS pool is checked over TLS and verified for the zone address against the zone's
// CA (notes/production.md §5): with the right CA its front-ends pass the handshake (and
// the HTTP check page over TLS); against another CA every one of them fails, while the
// HTTP pool stays up.
func TestPoolHTTPSCheckVerifiesTheCertificate(t *testing.T) {
	realprog.Require(t, "haproxy")
	for _, c := range []struct {
		name    string
		check   *topology.HealthCheck
		wrongCA bool
		want    string // the HTTPS pool's check result prefix
	}{
		{"tcp-check-lab-ca", nil, false, "L6OK"},
		{"http-check-lab-ca", &topology.HealthCheck{Path: "/HealthCheck/", Expect: "Server-OK"}, false, "L7OK"},
		{"tcp-check-another-ca", nil, true, "L6"},
		{"http-check-another-ca", &topology.HealthCheck{Path: "/HealthCheck/", Expect: "Server-OK"}, true, "L6"},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			plan := labtest.Acme()
			plan.Environments[1].HealthCheck = c.check
			l := labtest.New(t, plan)
			if c.wrongCA {
				other, err := lab.NewCA("another CA")
				if err != nil {
					t.Fatal(err)
				}
				caFile := filepath.Join(l.Dir, "other-ca.pem")
				if err := os.WriteFile(caFile, other.PEM, 0o644); err != nil {
					t.Fatal(err)
				}
				zone(t, l, "prod", "DZ2").CA = caFile
			}
			files, err := generators.Run(l.Plan, templates.MustDefault(), []string{"haproxy-lb"})
			if err != nil {
				t.Fatal(err)
			}
			if err := l.Start(files, lab.Options{LB: lab.HAProxy}); err != nil {
				t.Fatal(err)
			}
			https, http := "zg_lb_prod_dz2_https/", "zg_lb_prod_dz2_http/"
			states := settledChecks(t, l, nil, https+"fe3", https+"fe4", http+"fe3", http+"fe4")
			for _, s := range []string{"fe3", "fe4"} {
				got := states[https+s].Check
				if !strings.HasPrefix(got, c.want) || (c.wrongCA && got == "L6OK") {
					t.Errorf("HTTPS pool, %s: check %q, want %s...", s, got, c.want)
				}
				if h := states[http+s].Check; h != "L4OK" && h != "L7OK" {
					t.Errorf("HTTP pool, %s: check %q, want OK", s, h)
				}
			}
		})
	}
}

// Where nothing says the front-ends hold a certificate for the zone address, the HTTPS
// pool's checks name each front-end by its own name, sent as SNI and verified (an IIS
// whose bindings require SNI answers nothing else): the lab's front-ends, whose
// certificates cover their own names, pass; one checked for a name its certificate does not
// cover fails, while the HTTP pool stays up.
func TestPoolHTTPSCheckNamesEachFrontEnd(t *testing.T) {
	realprog.Require(t, "haproxy")
	plan := labtest.Acme()
	prod := plan.Environments[1]
	for _, s := range prod.Servers {
		if s.Name == "fe3" || s.Name == "fe4" {
			s.TLSName = s.Name + ".acme.test"
		}
	}
	for _, z := range prod.Zones {
		if z.Name == "DZ2" {
			z.Certificate = topology.ZoneCertificate{} // its front-ends' certificates cover their own names only
		}
	}
	l := labtest.New(t, plan)
	env(t, l, "prod").Server("fe4").TLSName = "other.acme.test" // after New: not in fe4's certificate
	files, err := generators.Run(l.Plan, templates.MustDefault(), []string{"haproxy-lb"})
	if err != nil {
		t.Fatal(err)
	}
	cfg := ""
	for _, f := range files {
		if f.Path == "prod/lb/DZ2.haproxy.cfg" {
			cfg = string(f.Data)
		}
	}
	for _, want := range []string{"check-sni fe3.acme.test verifyhost fe3.acme.test", "check-sni other.acme.test verifyhost other.acme.test"} {
		if !strings.Contains(cfg, want) {
			t.Fatalf("DZ2's pool lacks %q:\n%s", want, cfg)
		}
	}
	if err := l.Start(files, lab.Options{LB: lab.HAProxy}); err != nil {
		t.Fatal(err)
	}
	https, http := "zg_lb_prod_dz2_https/", "zg_lb_prod_dz2_http/"
	states := settledChecks(t, l, nil, https+"fe3", https+"fe4", http+"fe4")
	if got := states[https+"fe3"].Check; got != "L6OK" {
		t.Errorf("HTTPS pool, fe3 checked for its own name: %q, want L6OK", got)
	}
	if got := states[https+"fe4"].Check; !strings.HasPrefix(got, "L6") || got == "L6OK" {
		t.Errorf("HTTPS pool, fe4 checked for a name its certificate does not cover: %q, want an L6 failure", got)
	}
	if got := states[http+"fe4"].Check; got != "L4OK" {
		t.Errorf("HTTP pool, fe4: %q, want L4OK", got)
	}
}
