package generators

import (
	"encoding/json"
	"testing"
)

func TestServiceCenterJSON(t *testing.T) {
	files := opsGenerate(t, generateServiceCenter, opsPlan())
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
  "reasons": {
    "hostname": "R4: the only proxy, www, publishes the apps",
    "deploymentZones.DZ1.address": "R2: the zone's load balancer",
    "deploymentZones.DZ2.address": "R2: the single front-end fe3",
    "deploymentZones.DZ3.address": "explicit: set in the source",
    "deploymentZones.Global.address": "R2: the zone's load balancer",
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
