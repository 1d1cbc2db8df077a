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
	for source, scopes := range map[string][]output.Scope{
		"jsonnet/examples/acme.jsonnet": {{Env: "prod"}, {Env: "lifetime"}, {Env: "dev", Kinds: []string{"hosts", "topology"}}, {Kinds: []string{"ansible"}}},
		// qa's proxy runs on a machine prod declares.
		"golden/v12-machines-shared-across-environments/source.jsonnet": {{Env: "qa"}, {Env: "prod"}},
	} {
		narrowedIsScope(t, source, scopes)
	}
}

func narrowedIsScope(t *testing.T, source string, scopes []output.Scope) {
	t.Helper()
	in := zonegen.Input{Source: source}
	all, err := zonegen.Build(in)
	if err != nil {
		t.Fatal(err)
	}
	for _, scope := range scopes {
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
			t.Errorf("%s %+v: the narrowed build differs from the whole build's scope (%d files, want %d)", source, scope, len(part.Files), len(want))
		}
	}
}

func TestScopeErrors(t *testing.T) {
	in := zonegen.Input{Source: "jsonnet/examples/acme.jsonnet"}
	var scopeErr *zonegen.ScopeError
	for _, in := range []zonegen.Input{{Source: in.Source, Env: "nope"}, {Source: in.Source, Only: []string{"nope"}}} {
		if _, err := zonegen.Build(in); !errors.As(err, &scopeErr) {
			t.Errorf("%+v: got %v, want a ScopeError", in, err)
		}
	}
}
