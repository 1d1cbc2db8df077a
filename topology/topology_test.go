package topology

import (
	"encoding/json"
	"net/netip"
	"os"
	"strings"
	"testing"
)

// load reads testdata/design.json, lets edit change the decoded document, and loads it.
func load(t *testing.T, edit func(doc map[string]any)) (*Plan, *Report) {
	t.Helper()
	b, err := os.ReadFile("testdata/design.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	if edit != nil {
		edit(doc)
	}
	b, _ = json.Marshal(doc)
	return Load(b, "design.jsonnet")
}

func prod(doc map[string]any) map[string]any {
	return doc["environments"].(map[string]any)["prod"].(map[string]any)
}

func obj(m map[string]any, key string) map[string]any { return m[key].(map[string]any) }

// wantError asserts that exactly one error was reported, at path, containing substr.
func wantError(t *testing.T, r *Report, path, substr string) {
	t.Helper()
	if len(r.Errors) != 1 {
		t.Fatalf("want 1 error at %s, got %d: %v", path, len(r.Errors), r.Errors)
	}
	if got := r.Errors[0]; got.Path != path || !strings.Contains(got.String(), substr) {
		t.Fatalf("want error at %s containing %q, got %s", path, substr, got)
	}
}

func TestDesignExampleResolves(t *testing.T) {
	plan, r := load(t, nil)
	if !r.OK() {
		t.Fatal(r.Err())
	}
	e := plan.Env("prod")
	if e.Hostname.Value != "www.exampledomain.com" || e.Hostname.Rule != RuleHostname {
		t.Errorf("hostname = %+v, want the only proxy's host by R4", e.Hostname)
	}
	if got := e.Zone("DZ2").Address.Value; got != "10.0.2.13" {
		t.Errorf("DZ2 address = %s, want its single front-end (scenario 5)", got)
	}
	// fe1 is in Global and DZ1: one hosts entry per zone (possible setups, "Using reverse proxies").
	var names []string
	for _, h := range e.Server("fe1").Hosts {
		names = append(names, h.Name)
	}
	if strings.Join(names, " ") != "lb0.corp.local lb1.corp.local" {
		t.Errorf("fe1 hosts = %v, want both zone load balancers", names)
	}
	if a := e.LifetimeAddress; a == nil || a.Value != "www.exampledomain.com" {
		t.Errorf("lifetime address = %+v, want the offloading platform proxy (scenarios 8-9)", a)
	}
	if got := e.Proxies[0].Allow; len(got) != 1 || got[0] != "10.0.9.5/32" {
		t.Errorf("allow = %v, want the LifeTime server", got)
	}
	if e.Server("dc").Frontend || len(e.Server("dc").Zones) != 0 {
		t.Errorf("the controller must be in no zone")
	}
}

func TestScenario6NeedsHostname(t *testing.T) {
	_, r := load(t, func(doc map[string]any) {
		obj(prod(doc), "proxies")["intranet"] = map[string]any{"host": "intranet.exampledomain.net", "zones": []any{"DZ1"}}
	})
	wantError(t, r, "environments.prod.hostname", "intranet.exampledomain.net (proxy intranet) and www.exampledomain.com (proxy www)")
}

func TestFarmWithoutLoadBalancer(t *testing.T) {
	_, r := load(t, func(doc map[string]any) {
		dz1 := obj(obj(prod(doc), "zones"), "DZ1")
		delete(dz1, "loadBalancer")
		delete(dz1, "egress")
	})
	wantError(t, r, "environments.prod.zones.DZ1", "no load balancer")
}

func TestInjectionInAppName(t *testing.T) {
	_, r := load(t, func(doc map[string]any) { obj(prod(doc), "apps")["x dz2; Admin dz1;"] = map[string]any{} })
	wantError(t, r, `environments.prod.apps["x dz2; Admin dz1;"]`, "could inject configuration")
}

func TestCaseDuplicateModules(t *testing.T) {
	_, r := load(t, func(doc map[string]any) {
		obj(prod(doc), "apps")["Other"] = map[string]any{"modules": []any{"app1indz1"}}
	})
	wantError(t, r, "environments.prod.apps.Other.modules[0]", "already used by App1InDZ1.App1InDZ1")
}

func TestUnknownFieldsAllReported(t *testing.T) {
	_, r := load(t, func(doc map[string]any) {
		obj(obj(prod(doc), "zones"), "DZ1")["loadbalancer"] = "x"
		obj(prod(doc), "proxies")["www"].(map[string]any)["hosts"] = "y"
	})
	if len(r.Errors) != 2 {
		t.Fatalf("want 2 errors, got %v", r.Errors)
	}
	if !strings.Contains(r.Errors[0].String(), `did you mean "host"?`) || !strings.Contains(r.Errors[1].String(), `did you mean "loadBalancer"?`) {
		t.Errorf("missing hints: %v", r.Errors)
	}
}

// TestZoneCertificateFact: HTTPS internal calls and a re-encrypting proxy need the zone's
// one certificate fact; with it, R7 maps the zone address and the pool check verifies it.
func TestZoneCertificateFact(t *testing.T) {
	_, r := load(t, func(doc map[string]any) { obj(obj(prod(doc), "zones"), "DZ1")["httpsInternal"] = true })
	wantError(t, r, "environments.prod.zones.DZ1.httpsInternal", "set localCertificate: true on the zone; or set httpsInternal: false")

	_, r = load(t, func(doc map[string]any) {
		px := obj(obj(prod(doc), "proxies"), "www")
		px["tls"], px["balance"], px["ca"] = "reencrypt", "zone", "/etc/ssl/ca.pem"
	})
	if len(r.Errors) == 0 || r.Errors[0].Path != "environments.prod.proxies.www.tls" || !strings.Contains(r.Errors[0].Message, "proxy www re-encrypts to lb1.corp.local") {
		t.Fatalf("want the re-encrypting proxy to need DZ1's certificate, got %v", r.Errors)
	}

	plan, r := load(t, func(doc map[string]any) {
		dz1 := obj(obj(prod(doc), "zones"), "DZ1")
		dz1["httpsInternal"], dz1["localCertificate"] = true, true
	})
	if !r.OK() {
		t.Fatal(r.Err())
	}
	z := plan.Env("prod").Zone("DZ1")
	if !z.Certificate.Holds || len(z.Certificate.Needs) != 2 {
		t.Errorf("certificate %+v: want it to hold, needed by HTTPS internal calls and the pool check", z.Certificate)
	}
	s := plan.Env("prod").Server("fe1")
	if len(s.Hosts) != 2 || len(s.SkippedHosts) != 0 {
		t.Errorf("hosts %v skipped %v: want lb1 mapped, its certificate declared", s.Hosts, s.SkippedHosts)
	}
}

func TestRoute(t *testing.T) {
	plan, r := load(t, nil)
	if !r.OK() {
		t.Fatal(r.Err())
	}
	lt := netip.MustParseAddr("10.0.9.5")
	other := netip.MustParseAddr("192.0.2.1")
	for _, c := range []struct {
		url    string
		from   netip.Addr
		status int
		zone   string
	}{
		{"https://www.exampledomain.com/App1InDZ1/x", other, 200, "DZ1"},
		{"https://WWW.exampledomain.com/app2indz2_theme", other, 200, "DZ2"},
		{"https://www.exampledomain.com/App1InDZ1x/", other, 404, ""},
		{"https://www.exampledomain.com/App1InDZ1/../App2InDZ2/", other, 400, ""},
		{"https://www.exampledomain.com//App1InDZ1", other, 400, ""},
		{"https://www.exampledomain.com/App1InDZ1%2fx", other, 400, ""},
		{"https://www.exampledomain.com/ServiceCenter/", other, 403, "Global"},
		{"https://www.exampledomain.com/servicecenter/", lt, 200, "Global"},
		// A dual-stack socket shows IPv4 clients mapped; nginx and HAProxy match them as IPv4.
		{"https://www.exampledomain.com/servicecenter/", netip.MustParseAddr("::ffff:10.0.9.5"), 200, "Global"},
		{"https://www.exampledomain.com/servicecenter/", netip.MustParseAddr("::ffff:192.0.2.1"), 403, "Global"},
	} {
		res, err := plan.Route(c.url, "", c.from)
		if err != nil {
			t.Fatal(err)
		}
		if res.Status != c.status || (c.zone != "" && res.Zone.Name != c.zone) {
			t.Errorf("%s from %s: got %d %s, want %d %s", c.url, c.from, res.Status, res.Reason, c.status, c.zone)
		}
	}
	if _, err := plan.Route("https://nowhere.example/", "", other); err == nil {
		t.Error("want an error for an unknown host")
	}
}

// TestNetworkSecurity checks R10 on the design example: the parameter for the offloading
// proxy, the TCP peers IIS sees (the zones' load balancers with balance: zone, the proxy for
// the zone without one), the internal network, and the refusal when a peer is unknown.
func TestNetworkSecurity(t *testing.T) {
	plan, r := load(t, nil)
	if !r.OK() {
		t.Fatal(r.Err())
	}
	ns := plan.Env("prod").Network
	if ns.ProxyHeader == nil || ns.ProxyHeader.Value != ProxyHeaderValue {
		t.Errorf("proxy header = %+v, want %q", ns.ProxyHeader, ProxyHeaderValue)
	}
	vals := func(ds []Derived) string {
		var out []string
		for _, d := range ds {
			out = append(out, d.Value)
		}
		return strings.Join(out, " ")
	}
	// www publishes DZ1 (lb1's egress) and DZ2 (no load balancer: www itself), and routes
	// the platform paths and System Components to Global (lb0's egress).
	if got := vals(ns.TrustedProxies); got != "10.0.2.3 10.0.8.10 10.0.2.2" {
		t.Errorf("trusted proxies = %s", got)
	}
	if got := vals(ns.InternalNetwork); got != "127.0.0.1 10.0.2.11 10.0.2.12 10.0.2.13 10.0.2.3 10.0.2.2 10.0.8.10 10.0.9.5" { // 10.0.9.5: LifeTime manages prod
		t.Errorf("internal network = %s", got)
	}
	if got := vals(ns.Unresolved); got != "dc" {
		t.Errorf("unresolved = %s, want the controller known by name", got)
	}
	if got := vals(plan.Env("lifetime").Network.InternalNetwork); !strings.Contains(got, "10.0.2.11") {
		t.Errorf("LifeTime's internal network %s lacks the managed servers", got)
	}

	_, r = load(t, func(doc map[string]any) { delete(obj(obj(prod(doc), "zones"), "DZ1"), "egress") })
	wantError(t, r, "environments.prod.zones.DZ1.egress", "R10: proxy www offloads TLS")
	_, r = load(t, func(doc map[string]any) {
		www := obj(obj(prod(doc), "proxies"), "www")
		www["tls"] = "none"
		delete(www, "egress")
	})
	warned := false
	for _, w := range r.Warnings {
		warned = warned || w.Path == "environments.prod.proxies.www.egress" && w.Rule == RuleNetSec
	}
	if !r.OK() || !warned {
		t.Errorf("a proxy that does not offload and has no egress: want an R10 warning, no error; got %v %v", r.Errors, r.Warnings)
	}
}

// An allow list that adds up to every address opens Service Center to everyone: a warning,
// however it is cut up (issue 12).
func TestAllowEveryoneWarns(t *testing.T) {
	for _, c := range []struct {
		allow []any
		warn  string
	}{
		{[]any{"0.0.0.0/0"}, "0.0.0.0/0"},
		{[]any{"0.0.0.0/1", "10.0.0.0/8", "128.0.0.0/2", "192.0.0.0/2"}, "every IPv4 client"},
		{[]any{"2000::/4", "3000::/4"}, "every public IPv6 client"},
		{[]any{"0.0.0.0/1", "128.0.0.0/2", "192.0.0.0/3"}, ""},
		{[]any{"10.0.9.0/24", "2001:db8::/32"}, ""},
	} {
		_, r := load(t, func(doc map[string]any) {
			obj(obj(prod(doc), "proxies"), "www")["allow"] = c.allow
		})
		if !r.OK() {
			t.Fatalf("%v: %v", c.allow, r.Err())
		}
		var got []string
		for _, w := range r.Warnings {
			if w.Path == "environments.prod.proxies.www.allow" {
				got = append(got, w.String())
			}
		}
		switch {
		case c.warn == "" && len(got) > 0:
			t.Errorf("%v: unexpected warning %v", c.allow, got)
		case c.warn != "" && (len(got) != 1 || !strings.Contains(got[0], c.warn)):
			t.Errorf("%v: want one warning with %q, got %v", c.allow, c.warn, got)
		}
	}
}
