package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	zonegen "github.com/zonegen/zonegen"
	"github.com/zonegen/zonegen/generators/review"
	"github.com/zonegen/zonegen/internal/terminal"
	"github.com/zonegen/zonegen/output"
	"github.com/zonegen/zonegen/topology"
)

// The commands build through these, so that the scope (--only, --env, or ZONEGEN_ONLY and
// ZONEGEN_ENV) is applied in one step, zonegen.Build, before anything is rendered.

// files renders the source in the run's scope (generate, diff, check).
func (a *app) files() ([]output.File, output.Scope, error) {
	res, err := a.run(a.input(a.cfg.Env), true)
	if err != nil {
		return nil, output.Scope{}, err
	}
	return res.Files, output.Scope{Kinds: a.cfg.Only, Env: a.cfg.Env}, nil
}

// plan validates the source and returns its Plan narrowed to env ("" for all).
func (a *app) plan(env string) (*topology.Plan, error) {
	in := a.input(env)
	in.PlanOnly = true
	res, err := a.run(in, true)
	if err != nil {
		return nil, err
	}
	return res.Plan, nil
}

func (a *app) input(env string) zonegen.Input {
	return zonegen.Input{Source: a.cfg.Source, Jsonnet: a.cfg.jsonnetOptions(), Templates: a.cfg.Templates,
		Only: a.cfg.Only, Env: env}
}

// run builds in, printing the warnings to stderr when warn. An invalid source comes back as
// an error wrapping *topology.InvalidError, a scope naming nothing as an invalid flag (both
// exit 2).
func (a *app) run(in zonegen.Input, warn bool) (*zonegen.Result, error) {
	res, err := bounded(&a.cfg, a.stderr, func() (*zonegen.Result, error) { return zonegen.Build(in) })
	if warn && res != nil && res.Report != nil {
		for _, w := range res.Report.Warnings {
			fmt.Fprintln(a.stderr, "warning:", terminal.Escape(w.String()))
		}
	}
	var scope *zonegen.ScopeError
	if errors.As(err, &scope) {
		return res, invalidf("--%s %v", scope.Field, err)
	}
	return res, err
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
		fmt.Fprintln(w, "  "+terminal.Escape(l))
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
