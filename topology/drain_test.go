package topology

import (
	"strings"
	"testing"
)

// drainSource is a zone pool DZ1 of fe2 and fe3, a Global pool of every front-end, and a
// proxy balancing over the servers; and dev's single server d1, reached at its own address.
// The arguments are the drain fields of fe2, fe3 and d1.
func drainSource(fe2, fe3, solo string) []byte {
	return []byte(strings.NewReplacer("FE2", fe2, "FE3", fe3, "SOLO", solo).Replace(`{
  "name": "acme",
  "environments": {
    "prod": {
      "purpose": "production",
      "servers": {"fe1": {"address": "10.0.3.11", "roles": ["frontend", "controller"]},
                  "fe2": {"address": "10.0.3.12", "drain": FE2}, "fe3": {"address": "10.0.3.13", "drain": FE3}},
      "internalNetwork": ["10.0.0.0/16"],
      "zones": {"Global": {"allServers": true, "loadBalancer": "lb0.acme.test", "listen": {"address": "10.0.3.2"}, "localCertificate": true},
                "DZ1": {"servers": ["fe2", "fe3"], "loadBalancer": "lb1.acme.test", "listen": {"address": "10.0.3.3"}, "localCertificate": true}},
      "apps": {"Orders": {}, "Sales": {"zone": "DZ1"}},
      "proxies": {"www": {"host": "www.acme.test", "balance": "servers", "listen": {"address": "10.0.3.100"}}}
    },
    "dev": {
      "purpose": "development",
      "hostname": "dev.acme.test",
      "internalNetwork": ["10.0.0.0/16"],
      "servers": {"d1": {"address": "10.0.1.11", "drain": SOLO}}
    }
  }
}`))
}

func TestDrain(t *testing.T) {
	plan, r := Load(drainSource("true", "false", "false"), "infra.jsonnet")
	if !r.OK() || len(r.Warnings) != 0 {
		t.Fatalf("one of two drained: %v %v", r.Err(), r.Warnings)
	}
	e := plan.Env("prod")
	if s := e.Server("fe2"); !s.Drain || !strings.Contains(strings.Join(s.Zones, " "), "DZ1") {
		t.Errorf("fe2: drain %v, zones %v: want drained and still in DZ1", s.Drain, s.Zones)
	}
	for _, u := range e.Proxies[0].Upstreams {
		for _, tg := range u.Targets {
			if tg.Drain != (tg.Name == "fe2") {
				t.Errorf("proxy upstream %s target %s: drain %v", u.Zone, tg.Name, tg.Drain)
			}
		}
	}

	// Both of DZ1's front-ends drained: its pool and the proxy's upstream would have none.
	_, r = Load(drainSource("true", "true", "false"), "infra.jsonnet")
	if len(r.Errors) != 2 {
		t.Fatalf("want 2 errors (DZ1's pool, the proxy's upstream), got %v", r.Errors)
	}
	for _, p := range r.Errors {
		if p.Path != "environments.prod.servers.fe2.drain" || !strings.Contains(p.String(), "(fe2, fe3)") || !strings.Contains(p.String(), "one at a time") {
			t.Errorf("error %s", p)
		}
	}

	// d1 has no pool or proxy in front of it: drain takes it out of nothing.
	_, r = Load(drainSource("false", "false", "true"), "infra.jsonnet")
	if !r.OK() || len(r.Warnings) != 1 || r.Warnings[0].Path != "environments.dev.servers.d1.drain" || !strings.Contains(r.Warnings[0].String(), "takes it out of nothing") {
		t.Errorf("want one warning at servers.d1.drain, got %v %v", r.Err(), r.Warnings)
	}
}

// A drained server in a zone with an external load balancer, besides zonegen's Global pool:
// the external one keeps sending, so it warns.
func TestDrainBehindExternalLoadBalancer(t *testing.T) {
	_, r := Load([]byte(`{
  "name": "acme",
  "environments": {"prod": {
    "purpose": "production",
    "servers": {"fe1": {"address": "10.0.3.11", "roles": ["frontend", "controller"]}, "fe2": {"address": "10.0.3.12", "drain": true}},
    "internalNetwork": ["10.0.0.0/16"],
    "zones": {"Global": {"allServers": true, "loadBalancer": "lb0.acme.test", "listen": {"address": "10.0.3.2"}, "localCertificate": true},
              "DZ1": {"servers": ["fe1", "fe2"], "loadBalancer": "dz1.acme.test", "externalLoadBalancer": true}},
    "apps": {"Orders": {"zone": "DZ1"}}
  }}
}`), "infra.jsonnet")
	if !r.OK() || len(r.Warnings) != 1 || r.Warnings[0].Path != "environments.prod.servers.fe2.drain" ||
		!strings.Contains(r.Warnings[0].String(), `zone "DZ1"'s load balancer dz1.acme.test is external`) {
		t.Errorf("want one warning at servers.fe2.drain naming DZ1's external load balancer, got %v %v", r.Err(), r.Warnings)
	}
}
