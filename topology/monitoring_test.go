package topology

import (
	"strings"
	"testing"
)

// monitoringSource is machine edge (running proxy www on all addresses, 80/443) with the
// given machine fields and internalNetwork.
func monitoringSource(edge, internal string) []byte {
	return []byte(strings.NewReplacer("EDGE", edge, "INTERNAL", internal).Replace(`{
  "name": "acme",
  "environments": {"prod": {
    "purpose": "production",
    "servers": {"fe1": {"address": "10.0.3.11", "roles": ["frontend", "controller"]}},
    "internalNetwork": INTERNAL,
    "machines": {"edge": EDGE},
    "apps": {"Orders": {}},
    "proxies": {"www": {"host": "www.acme.test", "machines": ["edge"], "egress": "10.0.3.100"}}
  }}
}`))
}

func TestMonitoring(t *testing.T) {
	plan, r := Load(monitoringSource(`{"address": "10.0.3.100", "engine": "nginx", "monitoring": {}}`, `["10.0.0.0/16", "10.1.0.7"]`), "infra.jsonnet")
	if !r.OK() || len(r.Warnings) != 0 {
		t.Fatalf("%v %v", r.Err(), r.Warnings)
	}
	mon := plan.Env("prod").Machines[0].Monitoring
	if mon == nil || mon.Address != "10.0.3.100" || mon.Port != defaultMonitoringPort || strings.Join(mon.Allow, " ") != "10.0.0.0/16 10.1.0.7/32" ||
		!strings.Contains(mon.AllowReason, "internalNetwork") {
		t.Fatalf("monitoring %+v: want the machine's address, port 8404 and internalNetwork", mon)
	}
	var flow *Flow
	for _, f := range plan.Flows(plan.Env("prod")) {
		if strings.Contains(f.To, "monitoring endpoint") {
			flow = &f
		}
	}
	if flow == nil || strings.Join(flow.ToAddrs, " ") != "10.0.3.100" || len(flow.Ports) != 1 || flow.Ports[0] != 8404 {
		t.Errorf("firewall flow to the endpoint: %+v", flow)
	}

	plan, r = Load(monitoringSource(`{"address": "edge.acme.test", "engine": "haproxy", "monitoring": {"address": "10.0.5.1", "port": 9100, "allow": ["10.0.50.0/24"]}}`, `[]`), "infra.jsonnet")
	if !r.OK() {
		t.Fatal(r.Err())
	}
	if mon := plan.Env("prod").Machines[0].Monitoring; mon.Address != "10.0.5.1" || mon.Port != 9100 || strings.Join(mon.Allow, " ") != "10.0.50.0/24" || mon.AllowReason != "monitoring.allow" {
		t.Errorf("monitoring %+v: want 10.0.5.1:9100 for 10.0.50.0/24", mon)
	}
}

func TestMonitoringProblems(t *testing.T) {
	const at = "environments.prod.machines.edge.monitoring"
	for _, c := range []struct {
		name, edge, internal string
		errors, warnings     []string // path suffix after at: part of the message
	}{
		{"machine known by name", `{"address": "edge.acme.test", "engine": "nginx", "monitoring": {}}`, `["10.0.0.0/16"]`,
			[]string{".address: machine edge is known by name only"}, nil},
		{"bad address", `{"address": "10.0.3.100", "engine": "nginx", "monitoring": {"address": "10.0.3.300"}}`, `["10.0.0.0/16"]`,
			[]string{".address: invalid monitoring address"}, nil},
		{"every address", `{"address": "10.0.3.100", "engine": "nginx", "monitoring": {"address": "0.0.0.0"}}`, `["10.0.0.0/16"]`,
			[]string{".address: monitoring address 0.0.0.0 is every address"}, nil},
		{"port out of range", `{"address": "10.0.3.100", "engine": "nginx", "monitoring": {"port": 70000}}`, `["10.0.0.0/16"]`,
			[]string{".port: monitoring port 70000 is out of range"}, nil},
		{"nobody allowed", `{"address": "10.0.3.100", "engine": "nginx", "monitoring": {}}`, `[]`,
			[]string{".allow: nobody could reach"}, nil},
		{"bad allow entry", `{"address": "10.0.3.100", "engine": "nginx", "monitoring": {"allow": ["10.0.50.0/40"]}}`, `[]`,
			[]string{".allow[0]: invalid allow entry", ".allow: nobody could reach"}, nil},
		{"everyone allowed", `{"address": "10.0.3.100", "engine": "nginx", "monitoring": {"allow": ["0.0.0.0/0"]}}`, `[]`,
			nil, []string{".allow: the allow list holds 0.0.0.0/0"}},
		{"port of a proxy", `{"address": "10.0.3.100", "engine": "nginx", "monitoring": {"port": 443}}`, `["10.0.0.0/16"]`,
			[]string{".port: machine edge's monitoring endpoint listens on 10.0.3.100:443 on machine edge like proxy environments.prod.proxies.www: the monitoring endpoint must have its port to itself"}, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, r := Load(monitoringSource(c.edge, c.internal), "infra.jsonnet")
			wantProblems(t, "errors", r.Errors, at, c.errors)
			wantProblems(t, "warnings", r.Warnings, at, c.warnings)
		})
	}
}
