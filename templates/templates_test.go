package templates

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestOverrideReplacesByName(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "hosts.tmpl"), []byte(`custom {{ .X }}`), 0o644); err != nil {
		t.Fatal(err)
	}
	set, err := New(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(set.Overridden) != 1 || set.Overridden[0] != "hosts.tmpl" {
		t.Errorf("Overridden = %v", set.Overridden)
	}
	out, err := set.Render("hosts.tmpl", map[string]string{"X": "ok"})
	if err != nil || string(out) != "custom ok" {
		t.Errorf("Render = %q, %v", out, err)
	}
}

func TestOverrideWithUnknownNameIsAnError(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "nginx-prxy.conf.tmpl"), []byte(`x`), 0o644)
	if _, err := New(dir); err == nil || !strings.Contains(err.Error(), "names no built-in template") {
		t.Fatalf("want an error naming the typo, got %v", err)
	}
}

// A missing key is an error, not "<no value>" in a config file.
func TestMissingKeyIsAnError(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "hosts.tmpl"), []byte(`{{ .Missing }}`), 0o644)
	set, err := New(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := set.Render("hosts.tmpl", map[string]string{}); err == nil {
		t.Fatal("want an error for a missing key")
	}
}

// Hermetic: no clock, randomness or environment functions reach a template.
func TestFuncsAreHermetic(t *testing.T) {
	for _, name := range []string{"now", "env", "expandenv", "randAlphaNum", "uuidv4"} {
		if _, ok := Funcs()[name]; ok {
			t.Errorf("template function %s is not hermetic", name)
		}
	}
}
