package main

import (
	"fmt"
	"io"
	"os"
	"slices"

	"github.com/zonegen/zonegen/generators"
	"github.com/zonegen/zonegen/generators/review"
	"github.com/zonegen/zonegen/output"
)

// files builds the source and returns the files in the run's scope (--only, --env).
func (a *app) files() ([]output.File, output.Scope, error) {
	scope := output.Scope{Kinds: a.cfg.Only, Env: a.cfg.Env}
	for _, k := range a.cfg.Only {
		if !slices.Contains(generators.Kinds(), k) {
			return nil, scope, invalidf("--only %s: unknown kind (kinds: %v)", k, generators.Kinds())
		}
	}
	res, err := a.build(true)
	if err != nil {
		return nil, scope, err
	}
	if a.cfg.Env != "" && res.Plan.Env(a.cfg.Env) == nil {
		return nil, scope, invalidf("--env %s: no such environment", a.cfg.Env)
	}
	var files []output.File
	for _, f := range res.Files {
		if scope.Contains(f.Kind, f.Env) {
			files = append(files, f)
		}
	}
	return files, scope, nil
}

// compare builds and compares against the output folder (diff, check).
func (a *app) compare() (*output.Comparison, error) {
	files, scope, err := a.files()
	if err != nil {
		return nil, err
	}
	return output.Compare(a.cfg.Output, files, scope)
}

// printSummary writes the semantic summary a reviewer reads first.
func printSummary(w io.Writer, cmp *output.Comparison) {
	lines := review.Summarize(cmp.Changes)
	if len(lines) == 0 {
		return
	}
	fmt.Fprintln(w, "Summary:")
	for _, l := range lines {
		fmt.Fprintln(w, "  "+l)
	}
	fmt.Fprintln(w)
}

// useColor resolves --color auto|always|never for w.
func useColor(mode string, w io.Writer) (bool, error) {
	switch mode {
	case "always":
		return true, nil
	case "never":
		return false, nil
	case "auto":
		f, ok := w.(*os.File)
		if !ok || os.Getenv("NO_COLOR") != "" {
			return false, nil
		}
		st, err := f.Stat()
		return err == nil && st.Mode()&os.ModeCharDevice != 0, nil
	}
	return false, invalidf("--color %q: use auto, always or never", mode)
}
