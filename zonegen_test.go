package zonegen_test

import (
	"errors"
	"slices"
	"testing"

	zonegen "github.com/zonegen/zonegen"
	"github.com/zonegen/zonegen/output"
)

// Narrowing before rendering (Input.Env, Input.Only) gives exactly the files of the whole
// build that are in that scope: no environment's files depend on another's.
func TestNarrowedBuildIsTheScopeOfTheWholeBuild(t *testing.T) {
	in := zonegen.Input{Source: "jsonnet/examples/acme.jsonnet"}
	all, err := zonegen.Build(in)
	if err != nil {
		t.Fatal(err)
	}
	for _, scope := range []output.Scope{
		{Env: "prod"}, {Env: "lifetime"}, {Env: "dev", Kinds: []string{"hosts", "topology"}}, {Kinds: []string{"ansible"}},
	} {
		in.Env, in.Only = scope.Env, scope.Kinds
		part, err := zonegen.Build(in)
		if err != nil {
			t.Fatal(err)
		}
		var want []output.File
		for _, f := range all.Files {
			if scope.Contains(f.Kind, f.Env) {
				want = append(want, f)
			}
		}
		if len(want) == 0 || !slices.EqualFunc(part.Files, want, func(a, b output.File) bool {
			return a.Path == b.Path && a.Kind == b.Kind && a.Env == b.Env && string(a.Data) == string(b.Data)
		}) {
			t.Errorf("%+v: the narrowed build differs from the whole build's scope (%d files, want %d)", scope, len(part.Files), len(want))
		}
	}
	var scopeErr *zonegen.ScopeError
	for _, in := range []zonegen.Input{{Source: in.Source, Env: "nope"}, {Source: in.Source, Only: []string{"nope"}}} {
		if _, err := zonegen.Build(in); !errors.As(err, &scopeErr) {
			t.Errorf("%+v: got %v, want a ScopeError", in, err)
		}
	}
}
