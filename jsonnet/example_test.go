package jsonnet_test

import (
	"sort"
	"testing"

	"github.com/zonegen/zonegen/jsonnet"
	"github.com/zonegen/zonegen/topology"
)

// The bundled example and the bench tiers must satisfy every rule of DESIGN.md: they are
// what `make generate` and the benchmarks render.

func TestExampleIsValid(t *testing.T) {
	data, err := jsonnet.EvaluateFile("examples/acme.jsonnet", jsonnet.Options{})
	if err != nil {
		t.Fatal(err)
	}
	plan, report := topology.Load(data, "acme.jsonnet")
	for _, p := range append(report.Errors, report.Warnings...) {
		t.Errorf("%s: %s", p.Severity, p)
	}
	if plan == nil {
		t.Fatal("no plan")
	}
	var envs []string
	for _, e := range plan.Environments {
		envs = append(envs, e.Name)
	}
	sort.Strings(envs)
	if want := []string{"dev", "lifetime", "prod", "qa"}; !equal(envs, want) {
		t.Errorf("environments %v, want %v", envs, want)
	}
}

func TestBenchTiersAreValid(t *testing.T) {
	tiers := []string{"S", "M"}
	if testing.Short() {
		tiers = tiers[:1]
	}
	for _, tier := range tiers {
		data, err := jsonnet.EvaluateFile("bench/bench.jsonnet", jsonnet.Options{ExtStr: jsonnet.BenchTiers[tier]})
		if err != nil {
			t.Fatalf("tier %s: %v", tier, err)
		}
		_, report := topology.Load(data, "bench.jsonnet")
		for i, p := range append(report.Errors, report.Warnings...) {
			if i == 5 {
				t.Errorf("tier %s: ...", tier)
				break
			}
			t.Errorf("tier %s: %s: %s", tier, p.Severity, p)
		}
	}
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
