package zonegen

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zonegen/zonegen/jsonnet"
	"github.com/zonegen/zonegen/output"
)

// Issue 18: a regenerate with nothing changed answers from the no-op record without
// evaluating, and every input the build read, each kind on its own, makes it build again:
// the source, a file it imports, an import that a folder searched first now shadows, a new
// --jpath, an external variable, the templates folder and a template in it, the scope flags,
// zonegen's own version, and a hand edit of an output file.
func TestNoOpAndWhatInvalidatesIt(t *testing.T) {
	dir := t.TempDir()
	acme, err := os.ReadFile("jsonnet/examples/acme.jsonnet")
	if err != nil {
		t.Fatal(err)
	}
	write := func(rel, data string) {
		t.Helper()
		p := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("acme.jsonnet", string(acme))
	write("lib2/extra.libsonnet", "{ comment: 'from lib2' }")
	for _, d := range []string{"lib0", "lib1"} { // --jpath folders must exist
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	write("infra.jsonnet", "(import 'acme.jsonnet') + { assert (import 'extra.libsonnet').comment != '' }\n")
	tplHeader, err := os.ReadFile("templates/_header.tmpl")
	if err != nil {
		t.Fatal(err)
	}
	write("tpl/_header.tmpl", string(tplHeader))
	base := Input{Source: filepath.Join(dir, "infra.jsonnet"),
		Jsonnet: jsonnet.Options{JPath: []string{filepath.Join(dir, "lib1"), filepath.Join(dir, "lib2")}}}
	out := filepath.Join(dir, "out")

	evaluations := 0
	real := evaluate
	evaluate = func(path string, opts jsonnet.Options) ([]byte, []jsonnet.Read, error) {
		evaluations++
		return real(path, opts)
	}
	t.Cleanup(func() { evaluate = real })
	generate := func(in Input) {
		t.Helper()
		res, err := Build(in)
		if err != nil {
			t.Fatal(err)
		}
		if res.Inputs == nil {
			t.Fatal("the build recorded no inputs")
		}
		if _, err := output.Write(out, res.Files, output.WriteOptions{Scope: in.Scope(), Inputs: res.Inputs}); err != nil {
			t.Fatal(err)
		}
	}
	generate(base)
	before := evaluations
	cmp, _, ok := UpToDate(base, out)
	if !ok || evaluations != before {
		t.Fatalf("a run with nothing changed: up to date %v after %d evaluations, want true after none", ok, evaluations-before)
	}
	if len(cmp.Changes) == 0 || cmp.Changes[0].Action != output.Unchanged {
		t.Fatalf("the no-op's comparison lists no unchanged file: %+v", cmp.Changes)
	}

	for _, c := range []struct {
		name   string
		change func() (Input, func())
	}{
		{"the source", func() (Input, func()) {
			write("infra.jsonnet", "(import 'acme.jsonnet') + { assert (import 'extra.libsonnet').comment != '' }\n// edited\n")
			return base, func() {
				write("infra.jsonnet", "(import 'acme.jsonnet') + { assert (import 'extra.libsonnet').comment != '' }\n")
			}
		}},
		{"an imported file", func() (Input, func()) {
			write("acme.jsonnet", string(acme)+"\n// edited\n")
			return base, func() { write("acme.jsonnet", string(acme)) }
		}},
		{"an import shadowed by a folder searched first", func() (Input, func()) {
			// The importing folder comes first, then --jpath from the right-most.
			write("extra.libsonnet", "{ comment: 'from the source folder' }")
			return base, func() { os.Remove(filepath.Join(dir, "extra.libsonnet")) }
		}},
		{"a new --jpath folder", func() (Input, func()) {
			in := base
			in.Jsonnet.JPath = append([]string{filepath.Join(dir, "lib0")}, base.Jsonnet.JPath...)
			return in, func() {}
		}},
		{"an external variable", func() (Input, func()) {
			in := base
			in.Jsonnet.ExtStr = map[string]string{"token": "s3cret"}
			return in, func() {}
		}},
		{"a templates folder", func() (Input, func()) {
			in := base
			in.Templates = filepath.Join(dir, "tpl")
			return in, func() {}
		}},
		{"--only", func() (Input, func()) {
			in := base
			in.Only = []string{"hosts"}
			return in, func() {}
		}},
		{"--env", func() (Input, func()) {
			in := base
			in.Env = "prod"
			return in, func() {}
		}},
		{"zonegen's version", func() (Input, func()) {
			v := toolVersion
			toolVersion = func() string { return "zonegen@v99" }
			return base, func() { toolVersion = v }
		}},
		{"a hand edit of an output file", func() (Input, func()) {
			p := filepath.Join(out, "prod", "servicecenter.json")
			old, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, append(old, ' '), 0o644); err != nil {
				t.Fatal(err)
			}
			return base, func() {
				if err := os.WriteFile(p, old, 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}},
	} {
		in, restore := c.change()
		if _, _, ok := UpToDate(in, out); ok {
			t.Errorf("%s changed, and the no-op still says up to date", c.name)
		}
		restore()
		if _, _, ok := UpToDate(base, out); !ok {
			t.Errorf("after %s is restored, the no-op says not up to date", c.name)
		}
	}

	// A template in the templates folder: the record of a build with it, then an edit.
	withTpl := base
	withTpl.Templates = filepath.Join(dir, "tpl")
	generate(withTpl)
	if _, _, ok := UpToDate(withTpl, out); !ok {
		t.Fatal("a build with a templates folder is not up to date right after it")
	}
	write("tpl/_header.tmpl", strings.Replace(string(tplHeader), "\n", "\n{{/* edited */}}\n", 1))
	if _, _, ok := UpToDate(withTpl, out); ok {
		t.Error("a template in the templates folder changed, and the no-op still says up to date")
	}

	// The record never holds an external variable's value: its key is a salted digest.
	generate(Input{Source: base.Source, Jsonnet: jsonnet.Options{JPath: base.Jsonnet.JPath, ExtStr: map[string]string{"token": "s3cret"}}})
	rec, err := os.ReadFile(filepath.Join(out, output.CacheName))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(rec), "s3cret") {
		t.Error("the no-op record holds an external variable's value")
	}
}
