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
	_, r := load(t, func(doc map[string]any) { delete(obj(obj(prod(doc), "zones"), "DZ1"), "loadBalancer") })
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

func TestHTTPSInternalSkipsHostsEntry(t *testing.T) {
	plan, r := load(t, func(doc map[string]any) { obj(obj(prod(doc), "zones"), "DZ1")["httpsInternal"] = true })
	if !r.OK() {
		t.Fatal(r.Err())
	}
	s := plan.Env("prod").Server("fe1")
	if len(s.Hosts) != 1 || len(s.SkippedHosts) != 1 || s.SkippedHosts[0].Name != "lb1.corp.local" {
		t.Errorf("hosts %v skipped %v: want lb1 skipped for HTTPS without local certificate", s.Hosts, s.SkippedHosts)
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
