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
