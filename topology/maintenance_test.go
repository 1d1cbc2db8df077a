package topology

import (
	"net/netip"
	"strings"
	"testing"
)

// maintenanceSource is zone DZ1 (app Sales) published by proxy www, and zone DZ2 (app Stock)
// that www does not publish; DZ1 and DZ2 are the two zones' maintenance fields ("null" for
// none).
func maintenanceSource(dz1, dz2 string) []byte {
	return []byte(strings.NewReplacer("DZ1M", dz1, "DZ2M", dz2).Replace(`{
  "name": "acme",
  "environments": {"prod": {
    "purpose": "production",
    "servers": {"fe1": {"address": "10.0.3.11", "roles": ["frontend", "controller"]}, "fe2": {"address": "10.0.3.12"}},
    "internalNetwork": ["10.0.0.0/16"],
    "zones": {"Global": {"allServers": true, "loadBalancer": "lb0.acme.test", "listen": {"address": "10.0.3.2"}, "localCertificate": true},
              "DZ1": {"servers": ["fe2"], "maintenance": DZ1M},
              "DZ2": {"servers": ["fe1"], "maintenance": DZ2M}},
    "apps": {"Orders": {}, "Sales": {"zone": "DZ1"}, "Stock": {"zone": "DZ2"}},
    "proxies": {"www": {"host": "www.acme.test", "zones": ["Global", "DZ1"], "platform": true, "allow": ["10.0.9.0/24"], "listen": {"address": "10.0.3.100"}}}
  }}
}`))
}

func TestMaintenance(t *testing.T) {
	plan, r := Load(maintenanceSource(`{"allow": ["10.0.9.7", "10.0.8.0/24"], "retryAfter": 1800}`, "null"), "infra.jsonnet")
	if !r.OK() || len(r.Warnings) != 0 {
		t.Fatalf("DZ1 in maintenance: %v %v", r.Err(), r.Warnings)
	}
	e := plan.Env("prod")
	px := e.Proxies[0]
	m := px.Upstream(UpstreamID("DZ1")).Maintenance
	if m == nil || strings.Join(m.Allow, " ") != "10.0.9.7/32 10.0.8.0/24" || m.RetryAfter != 1800 {
		t.Fatalf("DZ1's upstream maintenance %+v, want the allow list canonical and Retry-After 1800", m)
	}
	if px.Upstream(UpstreamID("Global")).Maintenance != nil || e.Zone("Global").Maintenance != nil {
		t.Error("Global is open, but has a maintenance window")
	}

	// route: 503 for everyone outside the allow list, 200 inside it; Global unchanged.
	for _, c := range []struct {
		url, from string
		status    int
		reason    string
	}{
		{"https://www.acme.test/Sales/x", "", 503, "zone DZ1 is in maintenance (zones.DZ1.maintenance): only 10.0.9.7/32, 10.0.8.0/24 may reach it; others get 503, Retry-After 1800"},
		{"https://www.acme.test/sales", "10.0.7.1", 503, "Retry-After 1800"},
		{"https://www.acme.test/Sales/x", "10.0.8.20", 200, "lives in zone DZ1; the zone is in maintenance, and 10.0.8.20 is on its allow list"},
		{"https://www.acme.test/Sales/x", "::ffff:10.0.9.7", 200, "lives in zone DZ1"},
		{"https://www.acme.test/Orders/x", "10.0.7.1", 200, "lives in zone Global"},
		// The platform allow list comes first: a source it refuses gets 403, not 503.
		{"https://www.acme.test/ServiceCenter/x", "10.0.7.1", 403, "platform path"},
		{"https://www.acme.test/Nothing/x", "", 404, "no module"},
	} {
		from, _ := netip.ParseAddr(c.from)
		res, err := plan.Route(c.url, "", from)
		if err != nil {
			t.Fatal(err)
		}
		if res.Status != c.status || !strings.Contains(res.Reason, c.reason) {
			t.Errorf("route %s from %q: %d %q, want %d with %q", c.url, c.from, res.Status, res.Reason, c.status, c.reason)
		}
	}
	out, err := Explain(plan, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"deploymentZones.DZ1.maintenance", "503, Retry-After 1800", "(maintenance: 503)"} {
		if !strings.Contains(out, want) {
			t.Errorf("explain lacks %q", want)
		}
	}

	// {} is everyone out, with the default Retry-After.
	plan, r = Load(maintenanceSource(`{}`, "null"), "infra.jsonnet")
	if !r.OK() {
		t.Fatal(r.Err())
	}
	if m := plan.Env("prod").Proxies[0].Upstream(UpstreamID("DZ1")).Maintenance; m == nil || len(m.Allow) != 0 || m.RetryAfter != defaultRetryAfter {
		t.Errorf("maintenance {}: %+v, want nobody allowed and Retry-After %d", m, defaultRetryAfter)
	}
}

func TestMaintenanceProblems(t *testing.T) {
	for _, c := range []struct {
		name, dz1, dz2 string
		errors         []string // path: part of the message
		warnings       []string
	}{
		{"bad allow entry", `{"allow": ["10.0.9.0/33", "10.0.9.1", "10.0.9.1"]}`, "null",
			[]string{"zones.DZ1.maintenance.allow[0]: invalid allow entry", "zones.DZ1.maintenance.allow[2]: 10.0.9.1/32 is listed twice"}, nil},
		{"mapped allow entry", `{"allow": ["::ffff:10.0.9.1"]}`, "null",
			[]string{"zones.DZ1.maintenance.allow[0]: \"::ffff:10.0.9.1\" is IPv4-mapped"}, nil},
		{"retryAfter out of range", `{"retryAfter": -1}`, `{"retryAfter": 604801}`,
			[]string{"zones.DZ1.maintenance.retryAfter: retryAfter -1 is outside", "zones.DZ2.maintenance.retryAfter: retryAfter 604801 is outside"}, nil},
		{"unknown field", `{"allowed": []}`, "null",
			[]string{"zones.DZ1.maintenance.allowed"}, nil},
		{"allow holds everyone", `{"allow": ["0.0.0.0/1", "128.0.0.0/1"]}`, "null",
			nil, []string{"zones.DZ1.maintenance.allow: the allow list holds 0.0.0.0/0"}},
		{"no proxy routes to the zone", "null", `{}`,
			nil, []string{"zones.DZ2.maintenance: no proxy zonegen generates routes to zone \"DZ2\""}},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, r := Load(maintenanceSource(c.dz1, c.dz2), "infra.jsonnet")
			wantProblems(t, "errors", r.Errors, "environments.prod.", c.errors)
			wantProblems(t, "warnings", r.Warnings, "environments.prod.", c.warnings)
		})
	}
}

// wantProblems checks that got holds one problem per entry of want, each naming prefix+entry.
func wantProblems(t *testing.T, kind string, got []Problem, prefix string, want []string) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%d %s, want %d: %v", len(got), kind, len(want), got)
	}
	for _, w := range want {
		found := false
		for _, p := range got {
			found = found || strings.Contains(p.String(), prefix+w)
		}
		if !found {
			t.Errorf("no %s like %q in %v", kind, prefix+w, got)
		}
	}
}
