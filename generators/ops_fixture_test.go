package generators

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/zonegen/zonegen/output"
	"github.com/zonegen/zonegen/templates"
	"github.com/zonegen/zonegen/topology"
)

// opsPlan is a resolved plan built by hand after possible setups scenario 4 plus a
// standalone controller and a dedicated LifeTime environment (scenario 7): fe2 is in three
// zones, DZ2 has a single front-end and no load balancer, DZ3 uses HTTPS internally without
// a local certificate.
func opsPlan() *topology.Plan {
	const r7 = "zone address is its load balancer; served locally"
	prod := &topology.EnvPlan{
		Name:              "prod",
		Purpose:           "production",
		Hostname:          topology.Derived{Value: "www.exampledomain.com", Rule: topology.RuleHostname, Reason: "the only proxy, www, publishes the apps"},
		ServiceCenterZone: "Global",
		Servers: []*topology.ServerPlan{
			{Name: "dc", Address: "10.0.2.10", Controller: true, TLS: true},
			{Name: "fe1", Address: "10.0.2.11", Frontend: true, TLS: true, Zones: []string{"DZ1", "Global"},
				Hosts: []topology.HostsEntry{{Name: "lb0.corp.local", Zone: "Global", Reason: r7}, {Name: "lb1.corp.local", Zone: "DZ1", Reason: r7}}},
			{Name: "fe2", Address: "10.0.2.12", Frontend: true, TLS: true, Zones: []string{"DZ1", "DZ3", "Global"},
				Hosts:        []topology.HostsEntry{{Name: "lb0.corp.local", Zone: "Global", Reason: r7}, {Name: "lb1.corp.local", Zone: "DZ1", Reason: r7}},
				SkippedHosts: []topology.HostsEntry{{Name: "lb3.corp.local", Zone: "DZ3", Reason: "zone uses HTTPS internally and has no localCertificate"}}},
			{Name: "fe3", Address: "10.0.2.13", Frontend: true, TLS: true, Zones: []string{"DZ2", "Global"},
				Hosts: []topology.HostsEntry{{Name: "lb0.corp.local", Zone: "Global", Reason: r7}}},
		},
		Zones: []*topology.ZonePlan{
			{Name: "DZ1", Address: topology.Derived{Value: "lb1.corp.local", Rule: topology.RuleZoneAddr, Reason: "the zone's load balancer"},
				LoadBalancer: "lb1.corp.local", Servers: []string{"fe1", "fe2"}, Apps: []string{"App1InDZ1"}},
			{Name: "DZ2", Address: topology.Derived{Value: "10.0.2.13", Rule: topology.RuleZoneAddr, Reason: "the single front-end fe3"},
				Servers: []string{"fe3"}, Apps: []string{"App2InDZ2"}},
			{Name: "DZ3", Address: topology.Derived{Value: "lb3.corp.local", Rule: topology.Explicit, Reason: "set in the source"},
				LoadBalancer: "lb3.corp.local", HTTPSInternal: true, Servers: []string{"fe2"}},
			{Name: "Global", Address: topology.Derived{Value: "lb0.corp.local", Rule: topology.RuleZoneAddr, Reason: "the zone's load balancer"},
				LoadBalancer: "lb0.corp.local", AllServers: true, Servers: []string{"fe1", "fe2", "fe3"}},
		},
		Apps: []*topology.AppPlan{
			{Name: "App1InDZ1", Zone: "DZ1", Modules: []string{"App1InDZ1"}},
			{Name: "App2InDZ2", Zone: "DZ2", Modules: []string{"App2InDZ2", "App2InDZ2_Theme"}, Mobile: true},
		},
		Proxies: []*topology.ProxyPlan{
			{Name: "www", ID: "prod_www", Host: "www.exampledomain.com", TLS: "offload", Balance: "zone", Platform: true, Zones: []string{"DZ1", "DZ2"}},
		},
		LifetimeAddress: &topology.Derived{Value: "www.exampledomain.com", Rule: topology.RuleLTAddress, Reason: "proxy www offloads TLS and routes platform paths"},
	}
	lt := &topology.EnvPlan{
		Name:              "lifetime",
		Purpose:           "lifetime",
		Hostname:          topology.Derived{Value: "lt1.corp.local", Rule: topology.RuleHostname, Reason: "no proxy: the default zone's address"},
		ServiceCenterZone: "Global",
		Servers:           []*topology.ServerPlan{{Name: "lt1", Address: "lt1.corp.local", Frontend: true, TLS: true, Zones: []string{"Global"}}},
		Zones: []*topology.ZonePlan{
			{Name: "Global", Address: topology.Derived{Value: "lt1.corp.local", Rule: topology.RuleZoneAddr, Reason: "the single front-end lt1"},
				AllServers: true, Servers: []string{"lt1"}},
		},
	}
	return &topology.Plan{
		Name:         "acme",
		Source:       "infra.jsonnet",
		Environments: []*topology.EnvPlan{lt, prod},
		Lifetime: &topology.LifetimePlan{Env: "lifetime", Environments: []topology.LifetimeTarget{
			{Name: "prod", Address: *prod.LifetimeAddress, UseHTTPS: true},
		}},
	}
}

// opsGenerate runs one generator on plan with the built-in templates and indexes its files
// by path, checking that every file names the generator's environment convention.
func opsGenerate(t *testing.T, gen func(*topology.Plan, *templates.Set) ([]output.File, error), plan *topology.Plan) map[string][]byte {
	t.Helper()
	files, err := gen(plan, templates.MustDefault())
	if err != nil {
		t.Fatal(err)
	}
	again, err := gen(plan, templates.MustDefault())
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for i, f := range files {
		if _, dup := out[f.Path]; dup {
			t.Fatalf("two files at %s", f.Path)
		}
		if string(again[i].Data) != string(f.Data) || again[i].Path != f.Path {
			t.Fatalf("%s: output differs between two runs", f.Path)
		}
		out[f.Path] = f.Data
	}
	return out
}

// opsWrite writes files under a new temporary folder and returns it.
func opsWrite(t *testing.T, files map[string][]byte) string {
	t.Helper()
	dir := t.TempDir()
	for p, data := range files {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// opsRun runs a real program to completion in dir and returns its stdout. The process gets
// SIGTERM when the test ends early and dies with the test binary (Pdeathsig on Linux).
func opsRun(t *testing.T, dir string, env []string, name string, args ...string) (stdout string, err error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	cmd.SysProcAttr = opsProcAttr()
	cmd.Cancel = func() error { return cmd.Process.Signal(syscall.SIGTERM) }
	cmd.WaitDelay = 10 * time.Second
	var out, errOut strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		t.Logf("%s %s:\n%s\n%s", name, strings.Join(args, " "), out.String(), errOut.String())
		return out.String(), err
	}
	return out.String(), nil
}

// opsKeys returns the paths of files, sorted.
func opsKeys(files map[string][]byte) []string {
	keys := make([]string, 0, len(files))
	for k := range files {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// opsSorted returns a sorted copy of s.
func opsSorted(s []string) []string {
	out := append([]string(nil), s...)
	sort.Strings(out)
	return out
}
