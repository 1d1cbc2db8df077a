package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zonegen/zonegen/internal/testfs"
)

// run calls Main in-process and returns the exit status and both streams.
func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := Main(context.Background(), args, &out, &errOut)
	return code, out.String(), errOut.String()
}

// workspace makes a temp folder holding the bundled example as infra.jsonnet and makes it
// the working directory, like a user's infra repo.
func workspace(t *testing.T) string {
	t.Helper()
	src, err := os.ReadFile("../../jsonnet/examples/acme.jsonnet")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "infra.jsonnet"), src, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	return dir
}

func editSource(t *testing.T, old, new string) {
	t.Helper()
	b, err := os.ReadFile("infra.jsonnet")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b, []byte(old)) {
		t.Fatalf("source does not contain %q", old)
	}
	if err := os.WriteFile("infra.jsonnet", bytes.Replace(b, []byte(old), []byte(new), 1), 0o644); err != nil {
		t.Fatal(err)
	}
}

// snapshot reads every file under dir.
var snapshot = testfs.ReadTree

// The reviewer's loop from the pull-request workflow issue: move one app, see the summary
// and the exact lines in diff, check fails until generate runs, then passes.
func TestReviewLoop(t *testing.T) {
	workspace(t)
	if code, out, errOut := run(t, "generate"); code != 0 {
		t.Fatalf("generate: %d\n%s%s", code, out, errOut)
	}
	if code, out, _ := run(t, "check"); code != 0 {
		t.Fatalf("check after generate: %d\n%s", code, out)
	}
	if code, out, _ := run(t, "generate"); code != 0 || !strings.Contains(out, "0 created, 0 updated") {
		t.Fatalf("second generate should change nothing: %d %s", code, out)
	}

	editSource(t, "SalesMobile: zg.app('DZ2', mobile=true)", "SalesMobile: zg.app('DZ1', mobile=true)")
	code, out, _ := run(t, "diff", "--color", "never")
	if code != exitChanges {
		t.Fatalf("diff after a change: exit %d, want 1\n%s", code, out)
	}
	for _, want := range []string{
		"app SalesMobile moved DZ2 → DZ1 (prod)",
		"--- a/prod/servicecenter.json",
		"-salesmobile", // the map line of the moved module
		"+salesmobile",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("diff output lacks %q:\n%s", want, out)
		}
	}
	if code, out, _ := run(t, "check"); code != exitChanges || !strings.Contains(out, "prod/servicecenter.json") {
		t.Fatalf("check before regenerating: exit %d, want 1\n%s", code, out)
	}
	if code, _, errOut := run(t, "generate"); code != 0 {
		t.Fatalf("generate: %d %s", code, errOut)
	}
	if code, out, _ := run(t, "check", "--format", "json"); code != 0 {
		t.Fatalf("check after regenerating: %d %s", code, out)
	}
}

// Invalid input: exit 2, the source path and the fix in the message, nothing written.
func TestInvalidSourceWritesNothing(t *testing.T) {
	workspace(t)
	if code, _, errOut := run(t, "generate"); code != 0 {
		t.Fatal(errOut)
	}
	before := snapshot(t, "generated")
	editSource(t, "'Orders', 'Inventory'", "'Orders', 'x dz2; Admin dz1;'")
	code, _, errOut := run(t, "generate")
	if code != exitInvalid {
		t.Fatalf("exit %d, want 2", code)
	}
	for _, want := range []string{`environments.dev.apps["x dz2; Admin dz1;"]`, "could inject configuration", "nothing was written"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
	after := snapshot(t, "generated")
	if len(before) != len(after) {
		t.Fatalf("file count changed: %d → %d", len(before), len(after))
	}
	for p, b := range before {
		if after[p] != b {
			t.Errorf("%s changed", p)
		}
	}
}

func TestValidateJSON(t *testing.T) {
	workspace(t)
	editSource(t, `zg.farm(dz1, 'prod-lb1.acme.example', {
            localCertificate: true, ca: '/etc/ssl/certs/acme-internal-ca.pem', lbMachines: ['prod-pool1'], listen: { address: '10.0.3.3' },
          })`, "zg.farm(dz1)")
	code, out, _ := run(t, "validate", "--format", "json")
	if code != exitInvalid {
		t.Fatalf("exit %d, want 2", code)
	}
	var res struct {
		Valid  bool
		Errors []struct{ Path, Rule, Message string }
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if res.Valid || len(res.Errors) != 1 || res.Errors[0].Path != "environments.prod.zones.DZ1" || res.Errors[0].Rule != "R2" {
		t.Errorf("unexpected result: %+v", res)
	}
}

// Flags win over ZONEGEN_* variables, which win over zonegen.yaml.
func TestConfigPrecedence(t *testing.T) {
	workspace(t)
	os.WriteFile("zonegen.yaml", []byte("output: from-yaml\n"), 0o644)
	if code, _, errOut := run(t, "generate", "--only", "servicecenter"); code != 0 {
		t.Fatal(errOut)
	}
	t.Setenv("ZONEGEN_OUTPUT", "from-env")
	if code, _, errOut := run(t, "generate", "--only", "servicecenter"); code != 0 {
		t.Fatal(errOut)
	}
	if code, _, errOut := run(t, "generate", "--only", "servicecenter", "-o", "from-flag"); code != 0 {
		t.Fatal(errOut)
	}
	for _, d := range []string{"from-yaml", "from-env", "from-flag"} {
		if _, err := os.Stat(filepath.Join(d, "prod", "servicecenter.json")); err != nil {
			t.Errorf("%s: %v", d, err)
		}
	}
	if _, err := os.Stat("generated"); err == nil {
		t.Error("the default output folder was used")
	}
}

func TestExplainAndRoute(t *testing.T) {
	workspace(t)
	code, out, _ := run(t, "explain", "prod")
	if code != 0 || !strings.Contains(out, "hostname") || !strings.Contains(out, "www.acme.example") {
		t.Fatalf("explain: %d\n%s", code, out)
	}
	code, out, _ = run(t, "route", "https://www.acme.example/salesmobile/x")
	if code != 0 || !strings.Contains(out, "zone      DZ2") || !strings.Contains(out, "hsts      Strict-Transport-Security: max-age=31536000 on every HTTPS answer (proxies.www.hsts)") {
		t.Fatalf("route: %d\n%s", code, out)
	}
	if code, _, _ := run(t, "route", "https://www.acme.example/Nope/"); code != exitChanges {
		t.Fatalf("unknown path: exit %d, want 1", code)
	}
	// An IPv4 client seen through a dual-stack socket is matched as IPv4 by nginx and HAProxy.
	if code, out, _ := run(t, "route", "--from", "::ffff:10.0.9.5", "https://www.acme.example/ServiceCenter/"); code != 0 {
		t.Fatalf("mapped allowed source: exit %d, want 0\n%s", code, out)
	}
	if code, _, _ := run(t, "route", "--from", "::ffff:192.0.2.1", "https://www.acme.example/ServiceCenter/"); code != exitChanges {
		t.Fatalf("mapped outsider: exit %d, want 1", code)
	}
	if code, _, _ := run(t, "explain", "nope"); code != exitInvalid {
		t.Fatalf("unknown env: exit %d, want 2", code)
	}
}

func TestJsonnetErrorKeepsPosition(t *testing.T) {
	workspace(t)
	editSource(t, "name: 'acme',", "name: 'acme' +,")
	code, _, errOut := run(t, "validate")
	if code != exitInvalid || !strings.Contains(errOut, "infra.jsonnet:") {
		t.Fatalf("exit %d, want 2 with file:line:col\n%s", code, errOut)
	}
}

func TestCompletionAndHelp(t *testing.T) {
	for _, shell := range []string{"bash", "zsh", "fish"} {
		if code, out, _ := run(t, "completion", shell); code != 0 || !strings.Contains(out, "zonegen") {
			t.Errorf("completion %s: %d", shell, code)
		}
	}
	root := newApp(nil, nil).rootCommand()
	for _, c := range root.Commands() {
		if c.Example == "" && c.Name() != "help" {
			t.Errorf("command %s has no example in --help", c.Name())
		}
	}
}

// The source shown in README.md is valid, so the first thing a reader copies works.
func TestReadmeSourceIsValid(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(readme), "```jsonnet\n")
	src, _, ok2 := strings.Cut(rest, "```")
	if !ok || !ok2 {
		t.Fatal("README.md has no jsonnet block")
	}
	t.Chdir(t.TempDir())
	if err := os.WriteFile("infra.jsonnet", []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, out, errOut := run(t, "validate"); code != 0 || errOut != "" {
		t.Fatalf("README source: exit %d\n%s%s", code, out, errOut)
	}
}

// generate --validate runs zonegen.yaml's validators on the staged files: a failing one
// replaces nothing and names the generated file; a passing one lets the write through.
func TestGenerateValidateWithConfiguredValidators(t *testing.T) {
	workspace(t)
	if code, _, errOut := run(t, "generate"); code != 0 {
		t.Fatal(errOut)
	}
	before := snapshot(t, "generated")
	editSource(t, "SalesMobile: zg.app('DZ2', mobile=true)", "SalesMobile: zg.app('DZ1', mobile=true)")

	os.WriteFile("zonegen.yaml", []byte("validators:\n  - files: \"*/proxy/*.haproxy.map\"\n    command: \"grep -q no-such-line {}\"\n"), 0o644)
	code, _, errOut := run(t, "generate", "--validate")
	if code != exitInvalid || !strings.Contains(errOut, "prod/proxy/www.haproxy.map") {
		t.Fatalf("failing validator: exit %d, want 2 naming the map\n%s", code, errOut)
	}
	after := snapshot(t, "generated")
	for p, b := range before {
		if after[p] != b {
			t.Errorf("%s was replaced although its validator failed", p)
		}
	}

	os.WriteFile("zonegen.yaml", []byte("validators:\n  - files: \"*/proxy/*.haproxy.map\"\n    command: \"grep -q salesmobile {}\"\n"), 0o644)
	if code, _, errOut := run(t, "generate", "--validate"); code != 0 {
		t.Fatalf("passing validator: exit %d\n%s", code, errOut)
	}
	if code, out, _ := run(t, "check"); code != 0 {
		t.Fatalf("check after a validated generate: %d\n%s", code, out)
	}
}

// --only and --env narrow a run to part of the tree and prune nothing outside it.
func TestNarrowedGenerate(t *testing.T) {
	workspace(t)
	if code, _, errOut := run(t, "generate"); code != 0 {
		t.Fatal(errOut)
	}
	editSource(t, "SalesMobile: zg.app('DZ2', mobile=true)", "SalesMobile: zg.app('DZ1', mobile=true)")
	if code, out, errOut := run(t, "generate", "--only", "servicecenter", "--env", "prod"); code != 0 || !strings.Contains(out, "1 updated") {
		t.Fatalf("narrowed generate: %d %s %s", code, out, errOut)
	}
	code, out, _ := run(t, "check")
	if code != exitChanges || strings.Contains(out, "servicecenter.json") || !strings.Contains(out, "prod/proxy/www.haproxy.map") {
		t.Fatalf("check after a narrowed generate: exit %d, want drift in the proxy files only\n%s", code, out)
	}
	if _, err := os.Stat("generated/dev/servicecenter.json"); err != nil {
		t.Errorf("a file outside the narrowed scope was pruned: %v", err)
	}
	if code, _, _ := run(t, "generate", "--only", "nope"); code != exitInvalid {
		t.Errorf("--only with an unknown kind: exit %d, want 2", code)
	}
}

// route narrows like every command: --env and ZONEGEN_ENV alike (viper), not a flag of its
// own.
func TestRouteHonoursZonegenEnv(t *testing.T) {
	workspace(t)
	t.Setenv("ZONEGEN_ENV", "qa")
	code, _, errOut := run(t, "route", "https://www.acme.example/salesmobile/x")
	if code != exitInvalid || !strings.Contains(errOut, "(--env qa)") {
		t.Fatalf("ZONEGEN_ENV=qa: exit %d, want 2 (www is a prod proxy)\n%s", code, errOut)
	}
	if code, out, _ := run(t, "route", "--env", "prod", "https://www.acme.example/salesmobile/x"); code != 0 || !strings.Contains(out, "zone      DZ2") {
		t.Fatalf("--env prod over ZONEGEN_ENV=qa: exit %d\n%s", code, out)
	}
	t.Setenv("ZONEGEN_ENV", "nope")
	if code, _, errOut := run(t, "route", "https://www.acme.example/salesmobile/x"); code != exitInvalid || !strings.Contains(errOut, "--env nope: no such environment") {
		t.Fatalf("ZONEGEN_ENV=nope: exit %d\n%s", code, errOut)
	}
}
