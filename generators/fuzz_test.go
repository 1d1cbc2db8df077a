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
