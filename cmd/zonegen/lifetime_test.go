package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/zonegen/zonegen/internal/lifetime/lifetimetest"
)

// lifetimeWorkspace makes a temp folder holding the LifeTime example (infra.jsonnet and
// its pulled apps.libsonnet) as the working directory, and a fake LifeTime.
func lifetimeWorkspace(t *testing.T) (string, *lifetimetest.Server) {
	t.Helper()
	dir := t.TempDir()
	for _, name := range []string{"infra.jsonnet", "apps.libsonnet"} {
		b, err := os.ReadFile(filepath.Join("../../jsonnet/examples/lifetime", name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
	return dir, lifetimetest.Start(t)
}

// noToken fails when the token appears in any output or any file under dir.
func noToken(t *testing.T, dir string, outputs ...string) {
	t.Helper()
	for _, o := range outputs {
		if !lifetimetest.Redacted(o) {
			t.Errorf("the token is in the output:\n%s", o)
		}
	}
	for p, content := range snapshot(t, dir) {
		if !lifetimetest.Redacted(content) {
			t.Errorf("the token is in %s", p)
		}
	}
}

// The README's workflow: pull, generate, check; then LifeTime moves an app and a module
// appears: check fails naming them, pull updates the file, generate and check pass again.
func TestLifetimeWorkflow(t *testing.T) {
	dir, lt := lifetimeWorkspace(t)
	t.Setenv("ZONEGEN_LIFETIME_TOKEN", lt.Token)
	var outputs []string
	do := func(want int, args ...string) (string, string) {
		t.Helper()
		code, out, errOut := run(t, args...)
		outputs = append(outputs, out, errOut)
		if code != want {
			t.Fatalf("%v: exit %d, want %d\n%s%s", args, code, want, out, errOut)
		}
		return out, errOut
	}
	flags := []string{"--url", lt.URL, "--ca", lt.CAFile}

	// The committed file came from these fixtures, through another address: only the
	// header's URL changes.
	out, errOut := do(0, append([]string{"lifetime", "pull"}, flags...)...)
	if !strings.Contains(out, "apps.libsonnet written: 2 environments, 6 apps, 10 modules from "+lt.URL) {
		t.Errorf("pull said %q", out)
	}
	for _, want := range []string{`skipped LifeTime environment "Sandbox": no source environment has Hostname "sandbox.company.com"`,
		`app "Integrations" has no web module there`} {
		if !strings.Contains(errOut, want) {
			t.Errorf("pull's stderr lacks %q:\n%s", want, errOut)
		}
	}
	fi, _ := os.Stat("apps.libsonnet")
	time.Sleep(10 * time.Millisecond)
	if out, _ := do(0, append([]string{"lifetime", "pull"}, flags...)...); !strings.Contains(out, "apps.libsonnet unchanged") {
		t.Errorf("second pull: %q", out)
	}
	if fi2, _ := os.Stat("apps.libsonnet"); !fi2.ModTime().Equal(fi.ModTime()) {
		t.Error("an unchanged pull rewrote the file")
	}
	do(0, "generate")
	if b, err := os.ReadFile("generated/prod/proxy/www.haproxy.map"); err != nil || !strings.Contains(string(b), "customerportal_cs") {
		t.Errorf("the generated map lacks the pulled module: %v\n%s", err, b)
	}
	out, _ = do(0, append([]string{"lifetime", "check"}, flags...)...)
	if !strings.Contains(out, `prod (LifeTime "Production"): in sync, 3 apps`) || !strings.Contains(out, "\nin sync\n") {
		t.Errorf("check in sync said:\n%s", out)
	}
	do(0, "check")

	lt.Update(func(d *lifetimetest.Data) {
		d.MoveApp(lifetimetest.Production, "Customer Portal", "DZ1")
		d.AddModule(lifetimetest.Production, "Sales Mobile", "SalesMobile_Offline")
	})
	out, _ = do(1, append([]string{"lifetime", "check"}, flags...)...)
	for _, want := range []string{"app Customer_Portal: LifeTime has zone DZ1, the source Public_Zone",
		"app Sales_Mobile: LifeTime deploys module SalesMobile_Offline, the source does not route it"} {
		if !strings.Contains(out, want) {
			t.Errorf("check after the move lacks %q:\n%s", want, out)
		}
	}
	out, _ = do(1, append([]string{"lifetime", "check", "--format", "json"}, flags...)...)
	var rep struct {
		InSync       bool
		Environments []struct {
			Environment string
			Drift       []struct{ App, Kind, Lifetime, Source string }
		}
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil || rep.InSync || len(rep.Environments) != 2 {
		t.Fatalf("json: %v %+v\n%s", err, rep, out)
	}
	if d := rep.Environments[1].Drift; len(d) != 2 || d[0].Kind != "zone" || d[0].Lifetime != "DZ1" || d[0].Source != "Public_Zone" {
		t.Errorf("json drift of prod: %+v", d)
	}

	do(0, append([]string{"lifetime", "pull"}, flags...)...)
	b, _ := os.ReadFile("apps.libsonnet")
	if !strings.Contains(string(b), "'Customer_Portal': { zone: 'DZ1'") || !strings.Contains(string(b), "'SalesMobile_Offline'") {
		t.Errorf("pulled file after the move:\n%s", b)
	}
	do(1, "check")
	do(0, "generate")
	do(0, append([]string{"lifetime", "check"}, flags...)...)
	noToken(t, dir, outputs...)
}

// The settings come from zonegen.yaml and ZONEGEN_* like every other flag; the token only
// from a file or ZONEGEN_LIFETIME_TOKEN.
func TestLifetimeConfig(t *testing.T) {
	dir, lt := lifetimeWorkspace(t)
	tokenFile := filepath.Join(t.TempDir(), "token")
	os.WriteFile(tokenFile, []byte(lt.Token+"\n"), 0o600)
	os.WriteFile("zonegen.yaml", []byte("output: generated\nlifetime-url: "+lt.URL+"\nlifetime-ca: "+lt.CAFile+
		"\nlifetime-token-file: "+tokenFile+"\nlifetime-output: pulled.libsonnet\nlifetime-map: ['Sandbox=dev', 'Development=prod', 'Production=nope']\n"), 0o644)
	code, out, errOut := run(t, "lifetime", "pull")
	if code != 2 || !strings.Contains(errOut, `--map "Production=nope": the source has no environment "nope"`) {
		t.Fatalf("map from zonegen.yaml: %d\n%s%s", code, out, errOut)
	}
	os.WriteFile("zonegen.yaml", []byte("output: generated\nlifetime-url: "+lt.URL+"\nlifetime-ca: "+lt.CAFile+
		"\nlifetime-token-file: "+tokenFile+"\nlifetime-output: pulled.libsonnet\n"), 0o644)
	code, out, errOut = run(t, "lifetime", "pull")
	if code != 0 || !strings.Contains(out, "pulled.libsonnet written") {
		t.Fatalf("pull configured by zonegen.yaml: %d\n%s%s", code, out, errOut)
	}
	t.Setenv("ZONEGEN_LIFETIME_OUTPUT", "env.libsonnet")
	if code, out, errOut = run(t, "lifetime", "pull"); code != 0 || !strings.Contains(out, "env.libsonnet written") {
		t.Fatalf("ZONEGEN_LIFETIME_OUTPUT: %d\n%s%s", code, out, errOut)
	}
	if code, out, errOut = run(t, "lifetime", "pull", "-o", "flag.libsonnet"); code != 0 || !strings.Contains(out, "flag.libsonnet written") {
		t.Fatalf("-o: %d\n%s%s", code, out, errOut)
	}
	if _, err := os.Stat("generated"); err == nil {
		t.Error("pull wrote into the output folder")
	}
	noToken(t, dir, out, errOut)
}

// Bad settings and a file pull did not write: exit 2, a message saying what to do, no
// token in it, nothing written.
func TestLifetimeRefusals(t *testing.T) {
	dir, lt := lifetimeWorkspace(t)
	flags := []string{"--url", lt.URL, "--ca", lt.CAFile}
	var outputs []string
	refuse := func(want string, env map[string]string, args ...string) {
		t.Helper()
		for k, v := range env {
			t.Setenv(k, v)
		}
		code, out, errOut := run(t, args...)
		outputs = append(outputs, out, errOut)
		if code != 2 || !strings.Contains(errOut, want) {
			t.Errorf("%v: exit %d, want 2 and %q\n%s%s", args, code, want, out, errOut)
		}
	}
	pull := append([]string{"lifetime", "pull"}, flags...)
	refuse("no LifeTime token: pass --token-file FILE or set ZONEGEN_LIFETIME_TOKEN", map[string]string{"ZONEGEN_LIFETIME_TOKEN": ""}, pull...)
	refuse("401 Unauthorized: LifeTime refused the service account", map[string]string{"ZONEGEN_LIFETIME_TOKEN": "not-" + lt.Token}, pull...)
	t.Setenv("ZONEGEN_LIFETIME_TOKEN", lt.Token)
	refuse("no LifeTime address: pass --url", nil, "lifetime", "pull")
	refuse("the LifeTime API is HTTPS only", nil, "lifetime", "check", "--url", strings.Replace(lt.URL, "https", "http", 1))
	refuse("certificate", nil, "lifetime", "check", "--url", lt.URL)
	refuse(`--map "Production": write 'LifeTime environment=source environment'`, nil, append(pull, "--map", "Production")...)
	refuse("--format \"yaml\"", nil, append([]string{"lifetime", "check", "--format", "yaml"}, flags...)...)
	refuse("token file: open", nil, append(pull, "--token-file", "missing-token")...)
	os.WriteFile("infra.jsonnet.bak", []byte("keep me"), 0o644)
	refuse("infra.jsonnet.bak exists and was not written by zonegen lifetime pull", nil, append(pull, "-o", "infra.jsonnet.bak")...)
	if b, _ := os.ReadFile("infra.jsonnet.bak"); string(b) != "keep me" {
		t.Error("pull replaced a file it did not write")
	}
	if code, _, errOut := run(t, append(pull, "-o", "infra.jsonnet.bak", "--force")...); code != 0 {
		t.Errorf("--force: %d %s", code, errOut)
	}
	before, _ := os.ReadFile("apps.libsonnet")
	lt.Update(func(d *lifetimetest.Data) { d.RenameZone(lifetimetest.Production, "DZ1", "DZ 9") })
	refuse(`deployment zone "DZ 9" (key DZ_9) is not declared under environments.prod.zones`, nil, pull...)
	refuse(`deployment zone "DZ 9"`, nil, append([]string{"lifetime", "check"}, flags...)...)
	if after, _ := os.ReadFile("apps.libsonnet"); string(after) != string(before) {
		t.Error("a refused pull changed the file")
	}
	noToken(t, dir, outputs...)
}

// The first pull, before there is a file to import: the source's apps are still written by
// hand; then it imports the pulled file and generates.
func TestLifetimeFirstPull(t *testing.T) {
	_, lt := lifetimeWorkspace(t)
	t.Setenv("ZONEGEN_LIFETIME_TOKEN", lt.Token)
	os.Remove("apps.libsonnet")
	editSource(t, "local apps = import 'apps.libsonnet';", "local apps = { dev: {}, prod: {} };")
	if code, out, errOut := run(t, "lifetime", "pull", "--url", lt.URL, "--ca", lt.CAFile); code != 0 || !strings.Contains(out, "apps.libsonnet written") {
		t.Fatalf("first pull: %d\n%s%s", code, out, errOut)
	}
	editSource(t, "local apps = { dev: {}, prod: {} };", "local apps = import 'apps.libsonnet';")
	if code, out, errOut := run(t, "generate"); code != 0 {
		t.Fatalf("generate after the first pull: %d\n%s%s", code, out, errOut)
	}
	if code, out, _ := run(t, "lifetime", "check", "--url", lt.URL, "--ca", lt.CAFile); code != 0 {
		t.Fatalf("check after the first pull: %d\n%s", code, out)
	}
}
