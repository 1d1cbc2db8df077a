package benchsrc_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/zonegen/zonegen/internal/benchsrc"
	"github.com/zonegen/zonegen/topology"
)

// The tiers are what bench.jsonnet's header promises: valid sources of the stated size.
func TestTiersMatchTheSourceHeader(t *testing.T) {
	cases := []struct {
		tier                     benchsrc.Tier
		envs, frontends, modules int
	}{
		{benchsrc.S, 5, 41, 1000},
		{benchsrc.M, 21, 1001, 10000},
	}
	for _, tc := range cases {
		t.Run(tc.tier.Name, func(t *testing.T) {
			plan := load(t, tc.tier)
			envs, frontends, modules := len(plan.Environments), 0, 0
			for _, e := range plan.Environments {
				for _, s := range e.Servers {
					if s.Frontend {
						frontends++
					}
				}
				for _, a := range e.Apps {
					modules += len(a.Modules)
				}
			}
			if envs != tc.envs || frontends != tc.frontends || modules != tc.modules {
				t.Errorf("%d environments, %d front-ends, %d modules; want %d, %d, %d",
					envs, frontends, modules, tc.envs, tc.frontends, tc.modules)
			}
		})
	}
}

// Paths(n) is one proxy routing exactly n module paths, what the proxy timings compare.
func TestPathsIsOneProxyWithNRoutes(t *testing.T) {
	for _, n := range []int{2, 10} {
		plan := load(t, benchsrc.Paths(n))
		var proxies []*topology.ProxyPlan
		for _, e := range plan.Environments {
			proxies = append(proxies, e.Proxies...)
		}
		if len(proxies) != 1 {
			t.Fatalf("Paths(%d): %d proxies, want 1", n, len(proxies))
		}
		if got := len(proxies[0].Routes); got != n {
			t.Errorf("Paths(%d): %d routes", n, got)
		}
	}
}

func TestLookup(t *testing.T) {
	for _, tier := range benchsrc.Tiers() {
		if got, ok := benchsrc.Lookup(tier.Name); !ok || got.Name != tier.Name {
			t.Errorf("Lookup(%q) = %v, %v", tier.Name, got.Name, ok)
		}
	}
	if _, ok := benchsrc.Lookup("XL"); ok {
		t.Error("Lookup(XL) found a tier")
	}
}

func load(t *testing.T, tier benchsrc.Tier) *topology.Plan {
	t.Helper()
	data, err := benchsrc.Evaluate(tier, 0)
	if err != nil {
		t.Fatal(err)
	}
	plan, report := topology.Load(data, "bench.jsonnet")
	if err := report.Err(); err != nil {
		t.Fatal(err)
	}
	if len(report.Warnings) > 0 {
		t.Errorf("tier %s: warnings: %v", tier.Name, report.Warnings)
	}
	return plan
}

// The peer does the routing job zonegen does: run as `make bench` runs it (the jsonnet
// CLI, -S -m into a folder), each proxy's HAProxy map sends exactly the module paths of
// zonegen's plan, lower-cased, to their zones, and every front-end gets a hosts file.
func TestPeerRoutesWhatZonegenRoutes(t *testing.T) {
	src, err := benchsrc.Source()
	if err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(t.TempDir(), "jsonnet")
	if out, err := exec.Command("go", "build", "-o", bin, "github.com/google/go-jsonnet/cmd/jsonnet").CombinedOutput(); err != nil {
		t.Fatalf("build the jsonnet CLI: %v\n%s", err, out)
	}
	dir := filepath.Join(t.TempDir(), "peer")
	out, err := exec.Command(bin, benchsrc.S.PeerArgs(src, dir)...).CombinedOutput()
	if err != nil {
		t.Fatalf("peer: %v\n%s", err, out)
	}
	plan := load(t, benchsrc.S)
	hosts := 0
	for _, e := range plan.Environments {
		for _, p := range e.Proxies {
			var want []string
			for _, r := range p.Routes {
				want = append(want, r.Key+" zone_"+strings.ToLower(r.Zone))
			}
			b, err := os.ReadFile(filepath.Join(dir, e.Name, "proxy", p.Name+".haproxy.map"))
			if err != nil {
				t.Fatal(err)
			}
			got := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
			slices.Sort(got)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("%s/%s: the peer routes %d paths, zonegen %d; first difference at %d", e.Name, p.Name, len(got), len(want),
					firstDifference(got, want))
			}
		}
		for _, s := range e.Servers {
			if _, err := os.Stat(filepath.Join(dir, e.Name, "hosts", s.Name+".hosts")); s.Frontend && e.Purpose != "lifetime" && err != nil {
				t.Error(err)
			}
			hosts++
		}
	}
	if listed := strings.Count(string(out), "\n"); listed < hosts {
		t.Errorf("the peer listed %d files, fewer than the %d servers", listed, hosts)
	}
}

func firstDifference(a, b []string) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}
