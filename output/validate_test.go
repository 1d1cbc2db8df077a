package output

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zonegen/zonegen/internal/realprog"
)

const goodInclude = "server {\n    listen 127.0.0.1:18099;\n    location / { return 404; }\n}\n"

func TestNginxIncludeValidatorFailureReplacesNothing(t *testing.T) {
	nginx := realprog.Require(t, "nginx")
	dir := t.TempDir()
	v := NginxInclude{Pattern: "*/proxy/*.nginx.conf", Program: nginx}
	mustWrite(t, dir, gen("prod/proxy/www.nginx.conf", goodInclude, "prod/hosts/fe1.hosts", "h1"),
		WriteOptions{Validators: []Validator{v}})
	before := tree(t, dir)

	broken := "server {\n    listen 127.0.0.1:18099;\n    bogus_directive on;\n}\n"
	_, err := Write(dir, gen("prod/proxy/www.nginx.conf", broken, "prod/hosts/fe1.hosts", "h2"),
		WriteOptions{Validators: []Validator{v}})
	var ve *ValidationError
	if !errors.As(err, &ve) || len(ve.Failures) != 1 {
		t.Fatalf("got %v, want one validation failure", err)
	}
	msg := err.Error()
	for _, want := range []string{"nothing was written", "prod/proxy/www.nginx.conf", `unknown directive "bogus_directive"`, "prod/proxy/www.nginx.conf:3"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error does not contain %q:\n%s", want, msg)
		}
	}
	if strings.Contains(msg, stagingPrefix) {
		t.Errorf("error shows the staging path instead of the generated name:\n%s", msg)
	}
	after := tree(t, dir)
	if len(after) != len(before) {
		t.Errorf("files added or left behind: %v", keys(after))
	}
	for rel, content := range before {
		if after[rel] != content {
			t.Errorf("%s replaced despite the failed validation", rel)
		}
	}
	assertNoStaging(t, dir)
}

func TestCommandValidator(t *testing.T) {
	haproxy := realprog.Require(t, "haproxy")
	dir := t.TempDir()
	// The map file sits beside the config in staging; the command runs in its folder so
	// the config's relative reference resolves (haproxy -c loads map files).
	cfg := "defaults\n    mode http\n    timeout connect 1s\n    timeout client 1s\n    timeout server 1s\n" +
		"frontend fe\n    bind 127.0.0.1:28099\n" +
		"    http-request set-var(txn.zone) path,field(2,/),lower,map(www.haproxy.map)\n" +
		"    default_backend be\nbackend be\n    server s1 127.0.0.1:28100\n"
	v := Command{Pattern: "*/proxy/*.haproxy.cfg", Command: haproxy + " -c -f {}"}
	files := gen("prod/proxy/www.haproxy.cfg", cfg, "prod/proxy/www.haproxy.map", "app1 be\n")
	mustWrite(t, dir, files, WriteOptions{Validators: []Validator{v}})

	files[0].Data = []byte(strings.Replace(cfg, "backend be\n", "backend be;x\n", 1))
	_, err := Write(dir, files, WriteOptions{Validators: []Validator{v}})
	var ve *ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("got %v, want a *ValidationError", err)
	}
	if !strings.Contains(err.Error(), "prod/proxy/www.haproxy.cfg") || !strings.Contains(err.Error(), "Fatal errors found in configuration") {
		t.Errorf("error does not name the file and what haproxy said:\n%s", err)
	}
	if got := readFile(t, filepath.Join(dir, "prod/proxy/www.haproxy.cfg")); got != cfg {
		t.Error("config replaced despite the failed validation")
	}
	assertNoStaging(t, dir)
}

func TestValidatorsOnlySeeChangedMatchingFiles(t *testing.T) {
	dir := t.TempDir()
	var seen []string
	v := Func{Pattern: "*/proxy/*", Name: "spy", Check: func(_ context.Context, p string) error {
		b, err := os.ReadFile(p)
		seen = append(seen, filepath.Base(p)+"="+string(b))
		return err
	}}
	mustWrite(t, dir, gen("prod/proxy/a", "1", "prod/proxy/b", "1", "prod/hosts/c", "1"), WriteOptions{Validators: []Validator{v}})
	seen = nil
	mustWrite(t, dir, gen("prod/proxy/a", "1", "prod/proxy/b", "2", "prod/hosts/c", "2"), WriteOptions{Validators: []Validator{v}})
	if strings.Join(seen, ",") != "b=2" {
		t.Errorf("validated %v, want only the changed proxy file with its new bytes", seen)
	}
}

func TestCommandValidatorNeedsPlaceholder(t *testing.T) {
	dir := t.TempDir()
	_, err := Write(dir, gen("a", "1"), WriteOptions{Validators: []Validator{Command{Pattern: "*", Command: "true"}}})
	if err == nil || !strings.Contains(err.Error(), "no {} placeholder") {
		t.Errorf("got %v", err)
	}
}

func assertNoStaging(t *testing.T, dir string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), stagingPrefix) || e.Name() == LockName {
			t.Errorf("%s left in the output folder", e.Name())
		}
	}
}

func TestNginxStreamInclude(t *testing.T) {
	nginx := realprog.Require(t, "nginx")
	// Debian builds stream{} as a dynamic module; other builds have it compiled in.
	var modules []string
	if mod := "/usr/lib/nginx/modules/ngx_stream_module.so"; fileExists(mod) {
		modules = []string{mod}
	}
	v := NginxInclude{Pattern: "*/lb/*.nginx.conf", Program: nginx, Block: "stream", Modules: modules}
	pool := "upstream dz1_443 {\n    server 127.0.0.11:443;\n}\nserver {\n    listen 127.0.0.1:18443;\n    proxy_pass dz1_443;\n}\n"
	dir := t.TempDir()
	mustWrite(t, dir, gen("prod/lb/DZ1.nginx.conf", pool), WriteOptions{Validators: []Validator{v}})

	_, err := Write(dir, gen("prod/lb/DZ1.nginx.conf", strings.Replace(pool, "proxy_pass dz1_443", "proxy_pass", 1)),
		WriteOptions{Validators: []Validator{v}})
	if err == nil || !strings.Contains(err.Error(), "prod/lb/DZ1.nginx.conf:6") {
		t.Fatalf("got %v, want nginx's complaint about prod/lb/DZ1.nginx.conf:6", err)
	}
	if got := readFile(t, filepath.Join(dir, "prod/lb/DZ1.nginx.conf")); got != pool {
		t.Error("pool replaced despite the failed validation")
	}
}

func fileExists(name string) bool {
	_, err := os.Stat(name)
	return err == nil
}
