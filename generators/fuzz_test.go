package generators_test

import (
	"encoding/json"
	"path"
	"strings"
	"testing"

	"github.com/zonegen/zonegen/generators"
	"github.com/zonegen/zonegen/generators/hostsfile"
	"github.com/zonegen/zonegen/templates"
	"github.com/zonegen/zonegen/topology"
)

// FuzzRender: validation is the only gate before the templates (DESIGN.md "Safety"), so any
// source topology.Load accepts must render, with every generator, into well-formed files.
// The corpus holds the valid golden sources, evaluated to JSON, and structured mutations of
// each: mixed-case, long and keyword names, many modules, every tls and balance mode,
// platform routing, health checks, IPv4 load balancers, IPv6 servers and listeners, ports.
func FuzzRender(f *testing.F) {
	tpl := templates.MustDefault()
	f.Fuzz(func(t *testing.T, data []byte) {
		plan, report := topology.Load(data, "source.jsonnet")
		if !report.OK() {
			return
		}
		files, err := generators.Run(plan, tpl, nil)
		if err != nil {
			t.Fatalf("a valid source does not render: %v", err)
		}
		folded := map[string]string{}
		for _, file := range files {
			checkOutputPath(t, file.Path)
			// A checkout on Windows or macOS folds case: two paths must not become one.
			if prev, dup := folded[strings.ToLower(file.Path)]; dup {
				t.Fatalf("%s and %s differ only in case", prev, file.Path)
			}
			folded[strings.ToLower(file.Path)] = file.Path
			switch path.Ext(file.Path) {
			case ".hosts":
				if _, err := hostsfile.Parse(file.Data); err != nil {
					t.Fatalf("%s: %v", file.Path, err)
				}
			case ".json":
				if !json.Valid(file.Data) {
					t.Fatalf("%s is not valid JSON", file.Path)
				}
			}
		}
	})
}

// checkOutputPath asserts a path stays inside the output folder and is portable.
func checkOutputPath(t *testing.T, p string) {
	t.Helper()
	if p == "" || path.IsAbs(p) || path.Clean(p) != p || p == ".." || strings.HasPrefix(p, "../") {
		t.Fatalf("output path %q leaves the output folder or is not clean", p)
	}
	for i := 0; i < len(p); i++ {
		c := p[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("._-/", c) >= 0) {
			t.Fatalf("output path %q holds %q", p, c)
		}
	}
}

// FuzzSourceName: the source file's name is printed in the header of every generated file
// (issue 12, hole 1: a name with a newline added an nginx server{} and an Ansible play).
// Whatever the name, an accepted one changes no line count of any file and adds only
// printable ASCII; anything else is refused by topology.Load.
func FuzzSourceName(f *testing.F) {
	for _, s := range []string{"infra.jsonnet", "a\nserver { listen 80; }\n.jsonnet", "a\rb.jsonnet",
		"\xff\xfe.jsonnet", "caf\u00e9.jsonnet", "", "x\x1b[2J.jsonnet", "x\u2028y.jsonnet", "a\tb"} {
		f.Add(s)
	}
	tpl := templates.MustDefault()
	const src = `{"name":"x","environments":{"p":{"purpose":"production","servers":{"fe1":{},"fe2":{}},` +
		`"zones":{"Global":{"allServers":true,"loadBalancer":"lb.example"}},"apps":{"A":{}},` +
		`"proxies":{"www":{"host":"www.example","platform":true,"allow":["10.0.0.0/8"]}}}}}`
	render := func(t testing.TB, name string) map[string][]byte {
		plan, report := topology.Load([]byte(src), name)
		if !report.OK() {
			return nil
		}
		files, err := generators.Run(plan, tpl, nil)
		if err != nil {
			t.Fatalf("source name %q: %v", name, err)
		}
		out := map[string][]byte{}
		for _, file := range files {
			out[file.Path] = file.Data
		}
		return out
	}
	ref := render(f, "source.jsonnet")
	if ref == nil {
		f.Fatal("the fuzz source is invalid")
	}
	f.Fuzz(func(t *testing.T, name string) {
		got := render(t, name)
		printable := len(name) > 0
		for i := 0; i < len(name); i++ {
			printable = printable && name[i] >= ' ' && name[i] <= '~'
		}
		if got == nil {
			if printable && len(name) <= 255 {
				t.Fatalf("printable source name %q refused", name)
			}
			return
		}
		if !printable {
			t.Fatalf("source name %q accepted", name)
		}
		for p, data := range got {
			if n, want := strings.Count(string(data), "\n"), strings.Count(string(ref[p]), "\n"); n != want {
				t.Fatalf("source name %q: %s has %d lines, %d with a plain name", name, p, n, want)
			}
		}
	})
}
