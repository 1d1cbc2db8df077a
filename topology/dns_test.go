package topology

import (
	"reflect"
	"strings"
	"testing"
)

// dnsSource covers what the goldens do not: a proxy on two machines without a shared
// address, a machine and an Ansible host known by name, an explicit Hostname behind no
// proxy (pointing where the default zone's address does), and a name given two places (two zones' load balancers).
const dnsSource = `{
  "name": "acme",
  "environments": {
    "prod": {
      "purpose": "production",
      "hostname": "apps.acme.test",
      "servers": {"p1": {"address": "10.0.3.11", "ansibleHost": "p1-mgmt.acme.test"}, "p2": {"address": "p2.acme.test"}, "p3": {"address": "10.0.3.13"}},
      "machines": {"edge-a": {"address": "10.0.3.101", "engine": "nginx"}, "edge-b": {"address": "10.0.3.102", "engine": "nginx"},
                   "pool": {"address": "pool.acme.test", "engine": "haproxy"}},
      "zones": {"Global": {"allServers": true, "loadBalancer": "lb.acme.test", "lbMachines": ["pool"]},
                "DZ1": {"servers": ["p3"], "loadBalancer": "lb.acme.test", "listen": {"address": "10.0.3.3"}}},
      "apps": {"Orders": {}, "Sales": {"zone": "DZ1"}},
      "proxies": {"www": {"host": "www.acme.test", "machines": ["edge-a", "edge-b"], "tls": "none"}}
    },
    "dev": {
      "purpose": "development",
      "hostname": "dev.acme.test",
      "servers": {"d1": {"address": "10.0.1.11"}, "d2": {"address": "10.0.1.12"}},
      "zones": {"Global": {"allServers": true, "loadBalancer": "dev-lb.acme.test", "listen": {"address": "10.0.1.2"}}}
    }
  }
}`

func TestDNSRecords(t *testing.T) {
	plan, report := Load([]byte(dnsSource), "infra.jsonnet")
	if err := report.Err(); err != nil {
		t.Fatal(err)
	}
	type row struct{ name, typ, addrs, target, conflict string }
	rows := func(e *EnvPlan) map[string]row {
		m := map[string]row{}
		for _, d := range plan.DNS(e) {
			m[d.Name] = row{d.Name, d.Type(), strings.Join(d.Addrs, " "), d.Target, d.Conflict}
		}
		return m
	}
	prod := rows(plan.Env("prod"))
	for name, want := range map[string]row{
		// Two machines and no listen address: one record each, and the advice to share one.
		"www.acme.test": {"www.acme.test", "A", "10.0.3.101 10.0.3.102", "proxy www on machines edge-a, edge-b: one record each is round robin without failover; set proxies.www.listen.address to a virtual address they share (keepalived)", ""},
		// Zones DZ1 and Global both have the load balancer lb.acme.test, in two places.
		"lb.acme.test":      {"lb.acme.test", "A", "10.0.3.3", "zone DZ1's pool, at its listen address", "zone Global's pool on machine pool (known by name: pool's address)"},
		"p2.acme.test":      {"p2.acme.test", "A or AAAA", "", "server p2", ""},
		"p1-mgmt.acme.test": {"p1-mgmt.acme.test", "A or AAAA", "", "server p1", ""},
		"pool.acme.test":    {"pool.acme.test", "A or AAAA", "", "machine pool", ""},
		"apps.acme.test":    {"apps.acme.test", "A or AAAA", "", "not in the source: what answers at it is yours (a WAF, CDN or load balancer)", ""},
	} {
		if got := prod[name]; got != want {
			t.Errorf("prod %s:\n got %+v\nwant %+v", name, got, want)
		}
	}
	if _, ok := prod["10.0.3.11"]; ok || len(prod) != 6 {
		t.Errorf("prod records: %v, want the six names above and no IP address", prod)
	}
	dev := rows(plan.Env("dev"))
	// Without a proxy the Hostname points where the default zone's address does.
	if got := dev["dev.acme.test"]; got.addrs != "10.0.1.2" || !strings.Contains(got.target, "as dev-lb.acme.test: a CNAME to it will do") {
		t.Errorf("dev's Hostname: %+v", got)
	}

	// --env narrows the Plan to one environment; its records stay the same.
	for _, e := range plan.Environments {
		if got, want := plan.Narrow(e.Name).DNS(plan.Narrow(e.Name).Environments[0]), plan.DNS(e); !reflect.DeepEqual(got, want) {
			t.Errorf("%s narrowed: %+v\nwant %+v", e.Name, got, want)
		}
	}
}

func TestDNSRecordType(t *testing.T) {
	for addrs, want := range map[string]string{"": "A or AAAA", "10.0.0.1": "A", "2001:db8::1": "AAAA", "10.0.0.1 2001:db8::1": "A, AAAA"} {
		if got := (DNSRecord{Addrs: strings.Fields(addrs)}).Type(); got != want {
			t.Errorf("Type(%q) = %q, want %q", addrs, got, want)
		}
	}
}
