package lifetime_test

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	zonegen "github.com/zonegen/zonegen"
	"github.com/zonegen/zonegen/internal/lifetime"
	"github.com/zonegen/zonegen/internal/lifetime/lifetimetest"
	"github.com/zonegen/zonegen/topology"
)

var update = flag.Bool("update", false, "rewrite the example's pulled file")

const example = "../../jsonnet/examples/lifetime/"

// plan builds a source, with apps imported from the pulled file next to it.
func plan(t testing.TB, source string) *topology.Plan {
	t.Helper()
	res, err := zonegen.Build(zonegen.Input{Source: source, PlanOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range res.Report.Warnings {
		t.Errorf("%s: %s", source, w) // the example is what README shows: clean
	}
	return res.Plan
}

func client(t testing.TB, s *lifetimetest.Server, mod func(*lifetime.Options)) *lifetime.Client {
	t.Helper()
	opts := lifetime.Options{URL: s.URL, Token: s.Token, CAFile: s.CAFile, Timeout: 5 * time.Second}
	if mod != nil {
		mod(&opts)
	}
	c, err := lifetime.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func pull(t *testing.T, s *lifetimetest.Server, p *topology.Plan, explicit map[string]string) (*lifetime.Table, error) {
	t.Helper()
	snap, err := client(t, s, nil).Fetch(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return lifetime.Map(snap, p, explicit)
}

// The fixtures pulled for the example source give the example's committed apps.libsonnet,
// byte for byte: names with spaces become keys, the default zone's empty key is Global,
// the system app, the Extension module and the unmapped Sandbox are left out.
func TestPullExample(t *testing.T) {
	s := lifetimetest.Start(t)
	table, err := pull(t, s, plan(t, example+"infra.jsonnet"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(table.URL, s.URL+"/lifetimeapi/rest/v2") {
		t.Errorf("table URL %s", table.URL)
	}
	table.URL = "https://lifetime.company.com/lifetimeapi/rest/v2" // the example's, not the test server's port
	got := lifetime.Render(table)
	golden := example + "apps.libsonnet"
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("pulled file differs from %s (go test -update rewrites it):\n%s", golden, got)
	}
	for _, w := range []string{"'Customer_Portal': { zone: 'Public_Zone', modules: ['CustomerPortal', 'CustomerPortal_CS'] }",
		`// LifeTime app "Customer Portal"`, "mobile: true", "'EmployeeBackoffice': { zone: 'Global'"} {
		if !bytes.Contains(got, []byte(w)) {
			t.Errorf("pulled file lacks %q", w)
		}
	}
	for _, w := range []string{"ServiceCenter", "Integrations", "Sandbox'"} {
		if bytes.Contains(got, []byte(w)) {
			t.Errorf("pulled file holds %q, which must be left out", w)
		}
	}
	if len(table.Unmapped) != 1 || table.Unmapped[0].Name != "Sandbox" {
		t.Errorf("unmapped = %+v, want Sandbox", table.Unmapped)
	}
	if len(table.Notes) != 1 || !strings.Contains(table.Notes[0], `"Integrations" has no web module`) {
		t.Errorf("notes = %q", table.Notes)
	}
	if !lifetimetest.Redacted(string(got)) {
		t.Error("the token is in the pulled file")
	}
	for _, h := range s.Seen() {
		if h != "Bearer "+lifetimetest.Token {
			t.Errorf("request with Authorization %q", h)
		}
	}
}

func TestKey(t *testing.T) {
	for in, want := range map[string]string{
		"Orders": "Orders", "Customer Portal": "Customer_Portal", "  Sales  Mobile!": "Sales_Mobile",
		"HR-Portal_2": "HR-Portal_2", "Café Central": "Caf_Central", "a/b.c": "a_b_c", "###": "", "_x_": "x",
	} {
		if got := lifetime.Key(in); got != want {
			t.Errorf("Key(%q) = %q, want %q", in, got, want)
		}
	}
}

// Every refusal names the LifeTime names, and all are reported at once.
func TestMapRefusals(t *testing.T) {
	p := plan(t, example+"infra.jsonnet")
	s := lifetimetest.Start(t)
	s.Update(func(d *lifetimetest.Data) {
		d.RenameApp("Sales Mobile", "customer portal")           // case collision with "Customer Portal"
		d.RenameZone(lifetimetest.Production, "DZ1", "DZ 9")     // a zone the source does not declare
		d.RenameModule("CustomerPortal_CS", "CustomerPortal.CS") // refused by the name rule
		d.RenameApp("EmployeeBackoffice", "2nd Backoffice")      // a key that starts with a digit
	})
	_, err := pull(t, s, p, nil)
	if err == nil {
		t.Fatal("no error")
	}
	msg := err.Error()
	for _, want := range []string{
		`apps "Customer Portal" and "customer portal" both map to key`,
		`deployment zone "DZ 9" (key DZ_9) is not declared under environments.prod.zones (it declares DZ1, Global, Public_Zone)`,
		`module "CustomerPortal.CS" cannot be routed`,
		`app "2nd Backoffice" maps to key 2nd_Backoffice, which is not a valid app name`,
		`LifeTime environment "Production" (source prod)`,
		`LifeTime environment "Development" (source dev)`,
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("error lacks %q:\n%s", want, msg)
		}
	}
}

func TestEnvironmentMapping(t *testing.T) {
	p := plan(t, example+"infra.jsonnet")
	s := lifetimetest.Start(t)
	// An explicit map wins over host names and takes in an environment they do not match.
	table, err := pull(t, s, p, map[string]string{"Sandbox": "dev", "Development": "prod", "Production": "dev"})
	if err == nil || !strings.Contains(err.Error(), `LifeTime environments "Production" and "Sandbox" both map to source environment dev`) {
		t.Fatalf("two LifeTime environments on one source environment: %v", err)
	}
	_ = table
	for explicit, want := range map[string]string{
		"Staging=dev":      `--map "Staging=dev": LifeTime has no environment of that name (it has "Development", "Production", "Sandbox")`,
		"Sandbox=nope":     `--map "Sandbox=nope": the source has no environment "nope"`,
		"Sandbox=lifetime": `lifetime is the LifeTime environment, which runs no apps`,
	} {
		lt, env, _ := strings.Cut(explicit, "=")
		if _, err := pull(t, s, p, map[string]string{lt: env}); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("--map %s: %v, want %q", explicit, err, want)
		}
	}
	s.Update(func(d *lifetimetest.Data) { d.Environments[0]["HostName"] = "DEV-ENV.company.com" }) // DNS ignores case
	table, err = pull(t, s, p, map[string]string{"Sandbox": "dev", "Development": "prod"})
	if err == nil {
		t.Fatalf("Production matched prod by host name and Development was mapped to prod too")
	}
	table, err = pull(t, s, p, nil)
	if err != nil || len(table.Envs) != 2 {
		t.Fatalf("host names ignoring case: %v %+v", err, table)
	}
}

// The failures of the transport, each naming what to do, none with the token in it.
func TestClientErrors(t *testing.T) {
	s := lifetimetest.Start(t)
	ctx := context.Background()
	check := func(name string, err error, want ...string) {
		t.Helper()
		if err == nil {
			t.Errorf("%s: no error", name)
			return
		}
		for _, w := range want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: %q lacks %q", name, err, w)
			}
		}
		if !lifetimetest.Redacted(err.Error()) {
			t.Errorf("%s: the token is in the error: %s", name, err)
		}
	}
	_, err := client(t, s, func(o *lifetime.Options) { o.Token = "wrong-token" }).Fetch(ctx)
	check("401", err, "401 Unauthorized", "refused the service account", "GET "+s.URL+"/lifetimeapi/rest/v2/environments/", "User Management > Service Accounts")

	s.Respond("/applications/", http.StatusForbidden, lifetimetest.Fixture("exception-403.json"))
	_, err = client(t, s, nil).Fetch(ctx)
	check("403", err, "403 Forbidden", "refused the service account", `LifeTime says "No permissions to access the applications."`, "/applications/?IncludeEnvStatus=true")
	s.Respond("/applications/", 0, "")

	_, err = client(t, s, func(o *lifetime.Options) { o.URL = s.URL + "/lifetime" }).Fetch(ctx)
	check("404", err, "404 Not Found", "check --url", s.URL+"/lifetime/environments/")

	// A broken endpoint that echoes the request's token back: scrubbed all the same.
	s.Respond("/modules/", http.StatusInternalServerError, `{"Errors":["bad token Bearer `+lifetimetest.Token+`"],"StatusCode":500}`)
	_, err = client(t, s, nil).Fetch(ctx)
	check("500", err, "500 Internal Server Error", "the LifeTime endpoint failed", "GET "+s.URL+"/lifetimeapi/rest/v2/modules/", "[token]")

	s.Respond("/modules/", http.StatusOK, `[{"Key": "x", "Name": `)
	_, err = client(t, s, nil).Fetch(ctx)
	check("malformed", err, "malformed JSON", "/modules/?IncludeEnvStatus=true")

	s.Respond("/modules/", http.StatusOK, `{"Key": "x"}`)
	_, err = client(t, s, nil).Fetch(ctx)
	check("not a list", err, "malformed JSON", "/modules/")

	s.Respond("/modules/", http.StatusOK, `[] []`)
	_, err = client(t, s, nil).Fetch(ctx)
	check("trailing data", err, "data after the list")

	s.Respond("/modules/", http.StatusOK, "["+strings.Repeat(`{"Name":"M"},`, 10000)+`{"Name":"M"}]`)
	_, err = client(t, s, func(o *lifetime.Options) { o.MaxResponse = 64 << 10 }).Fetch(ctx)
	check("too large", err, "larger than 64 KiB")

	// 204 No Content is an empty list, not an error.
	s.Respond("/modules/", http.StatusNoContent, "")
	snap, err := client(t, s, nil).Fetch(ctx)
	if err != nil || len(snap.Modules) != 0 || len(snap.Applications) == 0 {
		t.Errorf("204: %v, %d modules", err, len(snap.Modules))
	}

	// Without --ca the test CA is not trusted: certificates are verified.
	_, err = client(t, s, func(o *lifetime.Options) { o.CAFile = "" }).Fetch(ctx)
	check("untrusted certificate", err, "certificate", "no answer from LifeTime")

	// A server that accepts and never answers: the timeout ends the wait.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			t.Cleanup(func() { c.Close() })
		}
	}()
	start := time.Now()
	_, err = client(t, s, func(o *lifetime.Options) { o.URL = "https://" + ln.Addr().String(); o.Timeout = 300 * time.Millisecond }).Fetch(ctx)
	check("timeout", err, "no answer from LifeTime")
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("timeout took %v", d)
	}
}

func TestOptionsRefused(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		opts lifetime.Options
		want string
	}{
		{lifetime.Options{URL: "http://lt.example.com", Token: "t"}, "HTTPS only; write https://lt.example.com"},
		{lifetime.Options{URL: "https://user:secret@lt.example.com", Token: "t"}, "remove the user name and password"},
		{lifetime.Options{URL: "https://lt.example.com/?x=1", Token: "t"}, "remove the query"},
		{lifetime.Options{URL: "https://lt.example.com\n", Token: "t"}, "printable ASCII"},
		{lifetime.Options{URL: "lt.example.com", Token: "t"}, "write https://<lifetime host>"},
		{lifetime.Options{URL: "https://lt.example.com"}, "no LifeTime token"},
		{lifetime.Options{URL: "https://lt.example.com", Token: "a b"}, "holds a space"},
		{lifetime.Options{URL: "https://lt.example.com", Token: "t", CAFile: filepath.Join(dir, "none.pem")}, "--ca"},
	} {
		_, err := lifetime.New(c.opts)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: %v, want %q", c.opts.URL, err, c.want)
		}
		if err != nil && strings.Contains(err.Error(), "secret") {
			t.Errorf("the password is in the error: %v", err)
		}
	}
	notPEM := filepath.Join(dir, "ca.pem")
	os.WriteFile(notPEM, []byte("not a certificate"), 0o644)
	if _, err := lifetime.New(lifetime.Options{URL: "https://lt.example.com", Token: "t", CAFile: notPEM}); err == nil || !strings.Contains(err.Error(), "no PEM certificate") {
		t.Errorf("CA file without a certificate: %v", err)
	}
	tok := filepath.Join(dir, "token")
	os.WriteFile(tok, []byte("  s3cr3t-value\n"), 0o600)
	if got, err := lifetime.ReadToken(tok); err != nil || got != "s3cr3t-value" {
		t.Errorf("ReadToken = %q, %v", got, err)
	}
	if _, err := lifetime.ReadToken(filepath.Join(dir, "missing")); err == nil || errors.Is(err, os.ErrNotExist) == false {
		t.Errorf("missing token file: %v", err)
	}
}

// Compare: in sync, then after an app moved zones, a module appeared and an app went away.
func TestCompare(t *testing.T) {
	p := plan(t, example+"infra.jsonnet")
	s := lifetimetest.Start(t)
	table, err := pull(t, s, p, nil)
	if err != nil {
		t.Fatal(err)
	}
	if rep := lifetime.Compare(table, p); !rep.InSync {
		t.Fatalf("fixtures against the example: %+v", rep)
	}
	s.Update(func(d *lifetimetest.Data) {
		d.MoveApp(lifetimetest.Production, "Customer Portal", "DZ1")
		d.AddModule(lifetimetest.Production, "EmployeeBackoffice", "EmployeeBackoffice_API")
		d.Applications = d.Applications[1:]                                        // EmployeeBackoffice's app is gone; its modules with it
		d.AddModule(lifetimetest.Development, "Customer Portal", "customerportal") // same path, other case: in sync
	})
	table, err = pull(t, s, p, nil)
	if err != nil {
		t.Fatal(err)
	}
	rep := lifetime.Compare(table, p)
	var text bytes.Buffer
	rep.WriteText(&text, "infra.jsonnet")
	for _, want := range []string{
		"app Customer_Portal: LifeTime has zone DZ1, the source Public_Zone",
		"app EmployeeBackoffice: the source has it in zone DZ1, LifeTime does not deploy it there",
		`prod (LifeTime "Production"): 2 differences`,
		`dev (LifeTime "Development"): 1 difference`,
		`not compared: LifeTime environment "Sandbox"`,
		"drift: 3 differences",
	} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, text.String())
		}
	}
	if rep.InSync {
		t.Error("in sync after changes")
	}
	s.Update(func(d *lifetimetest.Data) {
		*d = lifetimetest.Fixtures()
		d.AddModule(lifetimetest.Production, "Sales Mobile", "SalesMobile_Offline")
		d.Applications[2]["Kind"] = "WebResponsive"
	})
	table, _ = pull(t, s, p, nil)
	text.Reset()
	lifetime.Compare(table, p).WriteText(&text, "infra.jsonnet")
	for _, want := range []string{
		"app Sales_Mobile: LifeTime deploys module SalesMobile_Offline, the source does not route it",
		"app Sales_Mobile: LifeTime has a web app, the source a mobile app",
	} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, text.String())
		}
	}
}
