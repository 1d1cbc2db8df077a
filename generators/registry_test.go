package generators_test

import (
	"bytes"
	"runtime"
	"strings"
	"testing"

	"github.com/zonegen/zonegen/generators"
	"github.com/zonegen/zonegen/internal/lab/labtest"
	"github.com/zonegen/zonegen/templates"
)

// Run renders the generators concurrently; the files must be exactly those of a run on one
// thread, in the same order, with the same kinds (make test runs it with -race, which checks the sharing).
func TestRunConcurrentEqualsSequential(t *testing.T) {
	plan, tpl := labtest.Acme(), templates.MustDefault()
	prev := runtime.GOMAXPROCS(1)
	seq, err := generators.Run(plan, tpl, nil)
	runtime.GOMAXPROCS(max(prev, 4))
	defer runtime.GOMAXPROCS(prev)
	if err != nil {
		t.Fatal(err)
	}
	for range 5 {
		par, err := generators.Run(plan, tpl, nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(par) != len(seq) {
			t.Fatalf("%d files, want %d", len(par), len(seq))
		}
		for i := range seq {
			if par[i].Path != seq[i].Path || par[i].Kind != seq[i].Kind || par[i].Env != seq[i].Env ||
				!bytes.Equal(par[i].Data, seq[i].Data) {
				t.Fatalf("file %d: %s (%s) differs from the sequential %s (%s)", i, par[i].Path, par[i].Kind, seq[i].Path, seq[i].Kind)
			}
		}
	}
}

// A generator error names its kind, and only the kinds asked for run.
func TestRunOnlyAndErrors(t *testing.T) {
	files, err := generators.Run(labtest.Acme(), templates.MustDefault(), []string{"servicecenter"})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("servicecenter made no files")
	}
	for _, f := range files {
		if f.Kind != "servicecenter" {
			t.Errorf("%s has kind %q", f.Path, f.Kind)
		}
	}
	plan := labtest.Acme()
	// nginx verifies one TLS name per upstream; HAProxy one per server.
	for i := range plan.Environments[1].Proxies[0].Upstreams[0].Targets {
		plan.Environments[1].Proxies[0].Upstreams[0].Targets[i].TLSName = plan.Environments[1].Proxies[0].Upstreams[0].Targets[i].Name
	}
	if _, err := generators.Run(plan, templates.MustDefault(), nil); err == nil || !strings.Contains(err.Error(), "generate nginx-proxy:") {
		t.Errorf("got %v, want an error naming nginx-proxy", err)
	}
	// A broken invariant stops the run before any generator (Plan.Check).
	plan = labtest.Acme()
	plan.Environments[0].Proxies[0].HAProxyMap = "relative.map"
	if _, err := generators.Run(plan, templates.MustDefault(), []string{"servicecenter"}); err == nil || !strings.Contains(err.Error(), "plan invariant: environment dev: proxy edge: haproxy map path") {
		t.Errorf("got %v, want the Plan.Check error", err)
	}
}
