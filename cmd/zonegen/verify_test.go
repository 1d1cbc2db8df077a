package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/zonegen/zonegen/internal/realprog"
)

const example = "../../jsonnet/examples/acme.jsonnet"

// row finds the table row of path through proxy in engine and returns its fields after the
// path: proxy, engine, expected..., verdict.
func row(t *testing.T, out, path, proxy, engine string) string {
	t.Helper()
	re := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(path) + ` +` + regexp.QuoteMeta(proxy) + ` +` + engine + ` +(.*)$`)
	m := re.FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no row for %s via %s in %s:\n%s", path, proxy, engine, out)
	}
	return strings.TrimSpace(m[1])
}

func TestVerifyExample(t *testing.T) {
	realprog.Require(t, "nginx")
	realprog.Require(t, "haproxy")
	t.Setenv("TMPDIR", t.TempDir())
	code, out, errOut := run(t, "verify", "-f", example)
	if code != exitOK {
		t.Fatalf("exit %d, want 0\n%s%s", code, out, errOut)
	}
	if strings.Contains(out, "FAIL\n") {
		t.Errorf("a probe failed:\n%s", out)
	}
	if !regexp.MustCompile(`(?m)^verify: \d+ probes with nginx and haproxy: \d+ ok, 0 FAIL, `).MatchString(out) {
		t.Errorf("no summary line with both engines and 0 FAIL:\n%s", out)
	}
	for _, engine := range []string{"nginx", "haproxy"} {
		for _, c := range []struct{ path, proxy, want string }{
			{"/SalesMobile/Page?q=1", "prod/www", `zone DZ2 +prod-dz2-fe1 \(zone DZ2\) +ok`},
			{"/ORDERS/", "prod/www", `zone DZ1 +prod-dz1-fe[12] \(zone DZ1\) +ok`},
			{"/Ordersx/", "prod/www", `404 +404 +ok`},
			{"/CustomerPortal/../zonegen-no-such-path/", "prod/www", `400 +400 +ok`},
			{"/ServiceCenter/x", "prod/www", `403 from an outsider +403 +ok`},
			{"/servicecenter", "prod/www", `zone Global from an allowed source +prod-\S+ \(zone Global\) +ok`},
			{"http://www.acme.example/CustomerPortal/x?y=1", "prod/www", `308 https +308 https +ok`},
			// Round robin over the zone's front-ends, over HTTP and through TLS.
			{"https://prod-lb0.acme.example/", "prod/pool Global", `prod-dz1-fe1, prod-dz1-fe2, prod-dz2-fe1 in turn +(\S+ +){6}ok`},
			{"http://qa-lb.acme.example/", "qa/pool Global", `qa-fe1, qa-fe2 in turn +(qa-fe\d +){4}ok`},
		} {
			got := row(t, out, c.path, c.proxy, engine)
			if !regexp.MustCompile(`^` + c.want + `$`).MatchString(got) {
				t.Errorf("%s via %s in %s: row %q, want %q", c.path, c.proxy, engine, got, c.want)
			}
		}
	}
	assertNothingLeft(t)
}

// TestVerifyAnsibleDeploysTheExample deploys the example's Linux side with its own generated
// Ansible to this machine (README "Deploy with Ansible"): prod's nginx proxy and HAProxy
// pools, qa's HAProxy proxy and nginx pool, each machine its own engine; every probe of what
// Ansible put in place passes, and nothing is left running.
func TestVerifyAnsibleDeploysTheExample(t *testing.T) {
	for _, prog := range []string{"ansible-playbook", "nginx", "haproxy"} {
		realprog.Require(t, prog)
	}
	t.Setenv("TMPDIR", t.TempDir())
	code, out, errOut := run(t, "verify", "--ansible", "-f", example)
	if code != exitOK {
		t.Fatalf("exit %d, want 0\n%s%s", code, out, errOut)
	}
	for _, want := range []string{
		"ansible-playbook site.yml --tags zonegen_pools -e zonegen_env=prod\n",
		"ansible-playbook site.yml --tags zonegen_pools -e zonegen_env=qa\n",
		"ansible-playbook site.yml --tags zonegen_proxies -e zonegen_env=prod\n",
		"ansible-playbook site.yml --tags zonegen_proxies -e zonegen_env=qa\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("no line %q:\n%s", want, out)
		}
	}
	if !regexp.MustCompile(`(?m)^verify: \d+ probes with haproxy and nginx: \d+ ok, 0 FAIL, `).MatchString(out) {
		t.Errorf("no summary line with 0 FAIL:\n%s", out)
	}
	for _, c := range []struct{ path, proxy, engine, want string }{
		{"/ORDERS/", "prod/www", "nginx", `zone DZ1 +prod-dz1-fe[12] \(zone DZ1\) +ok`},
		{"https://prod-lb0.acme.example/", "prod/pool Global", "haproxy", `prod-dz1-fe1, prod-dz1-fe2, prod-dz2-fe1 in turn +(\S+ +){6}ok`},
		// DZ1's pool shares machine prod-pool1 with Global's, each on its own VIP (issue 17):
		// its connections reach DZ1's front-ends only.
		{"https://prod-lb1.acme.example/", "prod/pool DZ1", "haproxy", `prod-dz1-fe1, prod-dz1-fe2 in turn +(prod-dz1-fe[12],? +)+ok`},
		{"http://prod-lb1.acme.example/", "prod/pool DZ1", "haproxy", `prod-dz1-fe1, prod-dz1-fe2 in turn +(prod-dz1-fe[12],? +)+ok`},
		{"/CustomerPortal/Page?q=1", "qa/testers", "haproxy", `zone Global +qa-fe[12] \(zone Global\) +ok`},
		{"http://qa-lb.acme.example/", "qa/pool Global", "nginx", `qa-fe1, qa-fe2 in turn +(qa-fe\d +){4}ok`},
	} {
		got := row(t, out, c.path, c.proxy, c.engine)
		if !regexp.MustCompile(`^` + c.want + `$`).MatchString(got) {
			t.Errorf("%s via %s in %s: row %q, want %q", c.path, c.proxy, c.engine, got, c.want)
		}
	}
	assertNothingLeft(t)

	// Each machine names its engine: --engine does not apply.
	if code, _, errOut := run(t, "verify", "--ansible", "--engine", "nginx", "-f", example); code != exitInvalid || !strings.Contains(errOut, "--engine and --ansible") {
		t.Errorf("--engine with --ansible: exit %d, want 2:\n%s", code, errOut)
	}
	// A source whose proxies and pools name no machine has nothing to deploy.
	code, _, errOut = run(t, "verify", "--ansible", "-f", "../../golden/s03-farm-load-balancer-proxy/source.jsonnet")
	if code != exitInvalid || !strings.Contains(errOut, "no proxy or pool names a machine") {
		t.Errorf("exit %d, want 2 naming the missing machines:\n%s", code, errOut)
	}
}

// TestVerifyCatchesMisrouting overrides the nginx proxy template with one that sends zone
// DZ2's paths to DZ1: the configs still pass nginx -t, so only the probes can tell.
func TestVerifyCatchesMisrouting(t *testing.T) {
	realprog.Require(t, "nginx")
	t.Setenv("TMPDIR", t.TempDir())
	tmpl, err := os.ReadFile("../../templates/nginx-proxy.conf.tmpl")
	if err != nil {
		t.Fatal(err)
	}
	line := []byte("{{ .NginxKey }} {{ .Upstream }};")
	if !bytes.Contains(tmpl, line) {
		t.Fatalf("nginx-proxy.conf.tmpl has no route line %q any more", line)
	}
	broken := bytes.Replace(tmpl, line, []byte(`{{ .NginxKey }} {{ if eq .Upstream "zone_dz2" }}zone_dz1{{ else }}{{ .Upstream }}{{ end }};`), 1)
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "nginx-proxy.conf.tmpl"), broken, 0o644); err != nil {
		t.Fatal(err)
	}

	code, out, errOut := run(t, "verify", "-f", example, "--engine", "nginx", "--env", "prod", "--templates", dir)
	if code != exitChanges {
		t.Fatalf("exit %d, want 1\n%s%s", code, out, errOut)
	}
	got := row(t, out, "/SalesMobile/Page?q=1", "prod/www", "nginx")
	if !regexp.MustCompile(`^zone DZ2 +prod-dz1-fe[12] \(zone DZ1\+Global\) +FAIL$`).MatchString(got) {
		t.Errorf("SalesMobile row %q, want it reaching DZ1 and failing", got)
	}
	if got := row(t, out, "/Orders/Page?q=1", "prod/www", "nginx"); !strings.HasSuffix(got, " ok") {
		t.Errorf("DZ1's routes are untouched, yet: %q", got)
	}
	if !strings.Contains(out, "which is not in the route's zone DZ2") {
		t.Errorf("no failure reason naming the zone:\n%s", out)
	}
	if !regexp.MustCompile(`(?m)^verify: \d+ probes with nginx: \d+ ok, 3 FAIL, `).MatchString(out) {
		t.Errorf("summary line: want 3 FAIL (three letter cases of /SalesMobile):\n%s", out)
	}
	if strings.Contains(out, "qa/") {
		t.Errorf("--env prod probed another environment:\n%s", out)
	}
	if !strings.Contains(errOut, "3 of ") {
		t.Errorf("stderr: %q, want the count of failed probes", errOut)
	}
	assertNothingLeft(t)
}

// TestVerifyRunsTheConfigCheck breaks a pool template so that nginx refuses the config:
// verify says so, exit 1, before starting anything.
func TestVerifyRunsTheConfigCheck(t *testing.T) {
	realprog.Require(t, "nginx")
	t.Setenv("TMPDIR", t.TempDir())
	tmpl, err := os.ReadFile("../../templates/nginx-lb.conf.tmpl")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "nginx-lb.conf.tmpl"), append(tmpl, "\nno_such_directive on;\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := run(t, "verify", "-f", example, "--engine", "nginx", "--templates", dir)
	if code != exitChanges || !strings.Contains(errOut, "the generated nginx configs do not pass") || !strings.Contains(errOut, "no_such_directive") {
		t.Fatalf("exit %d, want 1 and nginx's complaint\n%s%s", code, out, errOut)
	}
	assertNothingLeft(t)
}

func TestVerifyNeedsThePrograms(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	t.Setenv("TMPDIR", t.TempDir())
	for _, engine := range []string{"nginx", "haproxy"} {
		code, out, errOut := run(t, "verify", "-f", example, "--engine", engine)
		if code != exitInvalid {
			t.Fatalf("%s missing: exit %d, want 2\n%s%s", engine, code, out, errOut)
		}
		for _, want := range []string{engine + " is not installed", "make deps", "apt-get install " + engine} {
			if !strings.Contains(errOut, want) {
				t.Errorf("%s missing: stderr %q lacks %q", engine, errOut, want)
			}
		}
	}
	assertNothingLeft(t)
}

func TestVerifyRefusesBadInput(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--engine", "apache"}, "--engine"},
		{[]string{"--env", "nope"}, "no such environment"},
	} {
		code, _, errOut := run(t, append([]string{"verify", "-f", example}, c.args...)...)
		if code != exitInvalid || !strings.Contains(errOut, c.want) {
			t.Errorf("verify %v: exit %d %q, want 2 and %q", c.args, code, errOut, c.want)
		}
	}
	// A single server: no proxy and no load balancer, nothing to run.
	code, out, _ := run(t, "verify", "-f", "../../golden/s01-single-server/source.jsonnet")
	if code != exitOK || !strings.Contains(out, "nothing to run") {
		t.Errorf("single server: exit %d %q, want 0 and nothing to run", code, out)
	}
}

// TestVerifyStopsEverythingOnInterrupt cancels the command's context (what Ctrl-C does) as
// soon as the first nginx runs: verify must stop every process and remove its folders.
func TestVerifyStopsEverythingOnInterrupt(t *testing.T) {
	realprog.Require(t, "nginx")
	realprog.Require(t, "haproxy")
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		defer cancel()
		for range 2000 { // at most ~10 s
			if len(processesUnder(tmp)) > 0 {
				return
			}
			time.Sleep(5 * time.Millisecond)
		}
	}()
	var out, errOut bytes.Buffer
	code := Main(ctx, []string{"verify", "-f", example}, &out, &errOut)
	if code != exitInvalid || !strings.Contains(errOut.String(), "interrupted") {
		t.Fatalf("exit %d, want 2 and interrupted\n%s%s", code, out.String(), errOut.String())
	}
	assertNothingLeft(t)
}

// assertNothingLeft checks that verify stopped every process it started and removed its
// folders from TMPDIR (which the test pointed at a folder of its own).
func assertNothingLeft(t *testing.T) {
	t.Helper()
	tmp := os.Getenv("TMPDIR")
	if procs := processesUnder(tmp); len(procs) > 0 {
		t.Errorf("processes still running: %v", procs)
	}
	entries, err := os.ReadDir(tmp)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		t.Errorf("left in TMPDIR: %s", e.Name())
	}
}

// processesUnder lists the command lines of running processes that mention dir.
func processesUnder(dir string) []string {
	var out []string
	pids, _ := filepath.Glob("/proc/[0-9]*/cmdline")
	for _, p := range pids {
		b, err := os.ReadFile(p)
		if err == nil && bytes.Contains(b, []byte(dir)) {
			out = append(out, string(bytes.ReplaceAll(b, []byte{0}, []byte{' '})))
		}
	}
	return out
}

// Issue 17: a zone whose load balancer is not zonegen's gets no pool, so verify cannot probe
// the routes a proxy sends to it: it says so, probes everything else, and passes.
func TestVerifyExternalLoadBalancer(t *testing.T) {
	realprog.Require(t, "nginx")
	realprog.Require(t, "haproxy")
	t.Setenv("TMPDIR", t.TempDir())
	code, out, errOut := run(t, "verify", "-f", "../../golden/v15-external-load-balancer/source.jsonnet")
	if code != exitOK {
		t.Fatalf("exit %d, want 0\n%s%s", code, out, errOut)
	}
	want := "not probed: proxy www (prod) to zone DZ1: its load balancer dz1.acme.test is external, not zonegen's\n"
	if !strings.Contains(out, want) {
		t.Errorf("verify does not say what it cannot probe, %q:\n%s", want, out)
	}
	for _, engine := range []string{"nginx", "haproxy"} {
		if got := row(t, out, "/PORTAL/", "prod/www", engine); !regexp.MustCompile(`^zone Global +fe[12] \(zone Global\) +ok$`).MatchString(got) {
			t.Errorf("/PORTAL/ via www in %s: %q, want zone Global ok", engine, got)
		}
		if strings.Contains(out, "pool DZ1") {
			t.Errorf("a pool of DZ1 was probed:\n%s", out)
		}
	}
}
