package generators

import (
	"testing"

	"github.com/zonegen/zonegen/templates"
)

func TestLifetimeJSON(t *testing.T) {
	files := opsGenerate(t, generateLifetime, opsPlan())
	want := `{
  "lifetime": "lifetime",
  "environments": [
    {
      "name": "prod",
      "address": "www.exampledomain.com",
      "useHttps": true,
      "reason": "R8: proxy www offloads TLS and routes platform paths",
      "lifetimeAddress": "lt.exampledomain.com",
      "lifetimeAddressReason": "R8: LifeTime's Hostname"
    }
  ]
}
`
	if len(files) != 1 || string(files["lifetime/lifetime.json"]) != want {
		t.Fatalf("files %v; lifetime/lifetime.json:\n%s\nwant:\n%s", opsKeys(files), files["lifetime/lifetime.json"], want)
	}
}

func TestLifetimeAbsent(t *testing.T) {
	plan := opsPlan()
	plan.Lifetime = nil
	files, err := generateLifetime(plan, templates.MustDefault())
	if err != nil || len(files) != 0 {
		t.Fatalf("no LifeTime environment: got %d files, %v", len(files), err)
	}
}
