package labtest

import (
	"path/filepath"
	"runtime"
	"testing"

	"github.com/zonegen/zonegen/internal/lab"
	"github.com/zonegen/zonegen/jsonnet"
	"github.com/zonegen/zonegen/topology"
)

// Acme is the Plan of testdata/acme.jsonnet, a two-environment estate with every proxy and
// pool shape (its comment lists them).
func Acme() *topology.Plan { return Load("acme.jsonnet") }

// Load builds the Plan of testdata/name through the real pipeline (jsonnet, then
// topology.Load), so that tests run on Plans a source can produce; it panics on an
// invalid fixture, which is a bug in the fixture.
func Load(name string) *topology.Plan {
	_, self, _, _ := runtime.Caller(0)
	path := filepath.Join(filepath.Dir(self), "testdata", name)
	src, err := jsonnet.EvaluateFile(path, jsonnet.Options{})
	if err != nil {
		panic(err)
	}
	plan, report := topology.Load(src, name)
	if err := report.Err(); err != nil {
		panic(err)
	}
	return plan
}

// New brings plan to loopback in a test folder (lab.New) and closes the lab when the test
// ends; a process that had to be killed on Close fails the test.
func New(t testing.TB, plan *topology.Plan) *lab.Lab {
	t.Helper()
	l, err := lab.New(plan, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := l.Close(); err != nil {
			t.Error(err)
		}
	})
	return l
}
