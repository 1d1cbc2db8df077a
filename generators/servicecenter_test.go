package generators

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/zonegen/zonegen/topology"
)

func TestServiceCenterJSON(t *testing.T) {
	plan := opsPlan()
	plan.Env("prod").Network = topology.NetworkSecurity{
		ProxyHeader:     &topology.Derived{Value: topology.ProxyHeaderValue, Rule: topology.RuleNetSec, Reason: "proxy www offloads TLS"},
		TrustedProxies:  []topology.Derived{{Value: "10.0.0.2", Rule: topology.RuleNetSec, Reason: "zone DZ1's load balancer"}},
		InternalNetwork: []topology.Derived{{Value: "127.0.0.1", Rule: topology.RuleNetSec, Reason: "the servers themselves"}},
		Unresolved:      []topology.Derived{{Value: "fe1", Rule: topology.RuleNetSec, Reason: "server fe1"}},
	}
	files := opsGenerate(t, generateServiceCenter, plan)
	if len(files) != 2 {
		t.Fatalf("files: %v", opsKeys(files))
	}
	// DESIGN.md "Outputs": this key order, 2-space indent, [] for empty lists, a final line
	// break, every derived value's reason.
	want := `{
  "environment": "prod",
  "purpose": "production",
  "hostname": "www.exampledomain.com",
  "serviceCenterZone": "Global",
  "deploymentZones": [
    {
      "name": "DZ1",
      "address": "lb1.corp.local",
      "useHttpsForInternalCommunications": false,
      "includesAllServers": false,
      "servers": [
        "fe1",
        "fe2"
      ],
      "applications": [
        "App1InDZ1"
      ]
    },
    {
      "name": "DZ2",
      "address": "10.0.2.13",
      "useHttpsForInternalCommunications": false,
      "includesAllServers": false,
      "servers": [
        "fe3"
      ],
      "applications": [
        "App2InDZ2"
      ]
    },
    {
      "name": "DZ3",
      "address": "lb3.corp.local",
      "useHttpsForInternalCommunications": true,
      "includesAllServers": false,
      "servers": [
        "fe2"
      ],
      "applications": []
    },
    {
      "name": "Global",
      "address": "lb0.corp.local",
      "useHttpsForInternalCommunications": false,
      "includesAllServers": true,
      "servers": [
        "fe1",
        "fe2",
        "fe3"
      ],
      "applications": []
    }
  ],
  "networkSecurity": {
    "httpToHttpsProxyHeader": {
      "name": "OutSystems.HubEdition.HTTPtoHTTPSproxyHeader",
      "value": "X-Forwarded-Proto: https"
    },
    "trustedProxyAddresses": [
      "10.0.0.2"
    ],
    "internalNetworkAddresses": [
      "127.0.0.1"
    ],
    "internalNetworkUnresolved": [
      "fe1"
    ]
  },
  "reasons": {
    "hostname": "R4: the only proxy, www, publishes the apps",
    "deploymentZones.DZ1.address": "R2: the zone's load balancer",
    "deploymentZones.DZ2.address": "R2: the single front-end fe3",
    "deploymentZones.DZ3.address": "explicit: set in the source",
    "deploymentZones.Global.address": "R2: the zone's load balancer",
    "networkSecurity.httpToHttpsProxyHeader": "R10: proxy www offloads TLS",
    "networkSecurity.internalNetworkAddresses[127.0.0.1]": "R10: the servers themselves",
    "networkSecurity.internalNetworkAddresses[fe1]": "R10: server fe1; known only by name: enter its IP address",
    "networkSecurity.trustedProxyAddresses[10.0.0.2]": "R10: zone DZ1's load balancer",
    "lifetimeAddress": "R8: proxy www offloads TLS and routes platform paths"
  }
}
`
	if got := string(files["prod/servicecenter.json"]); got != want {
		t.Errorf("prod/servicecenter.json:\n%s\nwant:\n%s", got, want)
	}
	for path, data := range files {
		var v map[string]any
		if err := json.Unmarshal(data, &v); err != nil {
			t.Errorf("%s: %v", path, err)
		}
	}
}

func TestServiceCenterEmptyListsAreArrays(t *testing.T) {
	plan := opsPlan()
	plan.Environments[0].Zones[0].Servers = nil // lifetime/Global
	files := opsGenerate(t, generateServiceCenter, plan)
	var sc struct {
		DeploymentZones []map[string]json.RawMessage `json:"deploymentZones"`
	}
	if err := json.Unmarshal(files["lifetime/servicecenter.json"], &sc); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"servers", "applications"} {
		if got := string(sc.DeploymentZones[0][k]); got != "[]" {
			t.Errorf("%s = %s, want []", k, got)
		}
	}
}

// TestChecklistAndSQLAreInjectionSafe feeds markdown and SQL syntax through the checklist
// and the parameter's SQL: names are validated before they get here, but the generators must
// not depend on it (SECURITY.md).
func TestChecklistAndSQLAreInjectionSafe(t *testing.T) {
	plan := opsPlan()
	evil := "x`|\n# [a](http://evil)<b>'; DROP TABLE OSSYS_PARAMETER; --"
	plan.Env("prod").Network = topology.NetworkSecurity{
		ProxyHeader:    &topology.Derived{Value: evil, Rule: topology.RuleNetSec, Reason: evil},
		TrustedProxies: []topology.Derived{{Value: evil, Rule: topology.RuleNetSec, Reason: evil}},
	}
	md := string(opsGenerate(t, generateChecklist, plan)["prod/checklist.md"])
	for _, bad := range []string{"\n# [a]", "[a](", "<b>", "`x`|"} {
		if strings.Contains(md, bad) {
			t.Errorf("checklist.md holds %q unescaped:\n%s", bad, md)
		}
	}
	sql := string(opsGenerate(t, generateProxyHeaderSQL, plan)["prod/"+ProxyHeaderSQLFile])
	if strings.Count(sql, "\n-- Environment") != 1 {
		t.Errorf("the comment line was broken:\n%s", sql)
	}
	// Outside comments and string literals ('' is a quote inside one), no DROP may appear.
	var code []string
	for _, line := range strings.SplitAfter(sql, "\n") {
		if !strings.HasPrefix(line, "--") {
			code = append(code, line)
		}
	}
	parts := strings.Split(strings.ReplaceAll(strings.Join(code, ""), "''", ""), "'")
	for i := 0; i < len(parts); i += 2 {
		if strings.Contains(parts[i], "DROP") {
			t.Errorf("DROP outside a string literal:\n%s", sql)
		}
	}
}

// TestFirewallIsInjectionSafe: server, proxy and zone values that hold markdown syntax stay
// text in firewall.md, one table row each.
func TestFirewallIsInjectionSafe(t *testing.T) {
	plan := opsPlan()
	evil := "x`|\n# [a](http://evil)<b>"
	env := plan.Env("prod")
	env.Servers[0].Address = evil
	env.Zones[0].Address = topology.Derived{Value: evil}
	md := string(opsGenerate(t, generateFirewall, plan)["prod/firewall.md"])
	if !strings.Contains(md, `\# \[a\](http://evil)\<b\>`) {
		t.Errorf("firewall.md does not hold the value, escaped:\n%s", md)
	}
	for _, bad := range []string{"\n# [a]", "[a](", "<b>", "`x`|"} {
		if strings.Contains(md, bad) {
			t.Errorf("firewall.md holds %q unescaped:\n%s", bad, md)
		}
	}
	for _, line := range strings.Split(md, "\n") {
		if strings.HasPrefix(line, "| [ ] |") && strings.Count(strings.ReplaceAll(line, `\|`, ""), "|") != 8 {
			t.Errorf("a row with other than 7 cells: %s", line)
		}
	}
}

// generators/review reads the files back with the same structs: a round trip keeps every
// byte, reasons in their order included.
func TestServiceCenterFileRoundTrip(t *testing.T) {
	for path, data := range opsGenerate(t, generateServiceCenter, opsPlan()) {
		var f ServiceCenterFile
		if err := json.Unmarshal(data, &f); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		again, err := marshalJSONFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if string(again) != string(data) {
			t.Errorf("%s: round trip changed the file:\n%s\nwant:\n%s", path, again, data)
		}
	}
}
