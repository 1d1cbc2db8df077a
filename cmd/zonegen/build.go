package main

import (
	"encoding/json"
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

// build renders the source in the run's scope (generate, diff, check).
func (a *app) build() (*zonegen.Result, output.Scope, error) {
	in := a.input(a.cfg.Env)
	res, err := a.run(in, true)
	if err != nil {
		return nil, output.Scope{}, err
	}
	if a.cfg.NoCache {
		res.Inputs = nil
	}
	return res, in.Scope(), nil
}

// upToDate is the no-op (zonegen.UpToDate): the comparison of an output folder the last
// build left as it is, from inputs that did not change, without building; the build's
// warnings are printed again. ok is false with --no-cache or on any doubt.
func (a *app) upToDate() (*output.Comparison, bool) {
	if a.cfg.NoCache {
		return nil, false
	}
	cmp, warnings, ok := zonegen.UpToDate(a.input(a.cfg.Env), a.cfg.Output)
	if ok {
		a.printWarnings(warnings)
	}
	return cmp, ok
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
		Only: a.cfg.Only, Env: env, Evaluate: a.childEvaluator()}
}

// run builds in, printing the warnings to stderr when warn. An invalid source comes back as
// an error wrapping *topology.InvalidError, a scope naming nothing as an invalid flag (both
// exit 2).
func (a *app) run(in zonegen.Input, warn bool) (*zonegen.Result, error) {
	res, err := bounded(&a.cfg, a.stderr, func() (*zonegen.Result, error) { return zonegen.Build(in) })
	if warn && res != nil && res.Report != nil {
		warnings := make([]string, len(res.Report.Warnings))
		for i, w := range res.Report.Warnings {
			warnings[i] = w.String()
		}
		a.printWarnings(warnings)
	}
	var scope *zonegen.ScopeError
	if errors.As(err, &scope) {
		return res, invalidf("--%s %v", scope.Field, err)
	}
	return res, err
}

func (a *app) printWarnings(warnings []string) {
	for _, w := range warnings {
		fmt.Fprintln(a.stderr, "warning:", terminal.Escape(w))
	}
}

// compare builds and compares against the output folder (diff, check), unless the no-op
// record shows it up to date.
func (a *app) compare() (*output.Comparison, error) {
	if cmp, ok := a.upToDate(); ok {
		return cmp, nil
	}
	res, scope, err := a.build()
	if err != nil {
		return nil, err
	}
	return output.Compare(a.cfg.Output, res.Files, scope)
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

// writeJSON writes v as --format json documents it: indented, one document, a newline, and
// nothing a terminal acts on (a file name may hold U+202E; terminal.EscapeJSON).
func writeJSON(w io.Writer, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(terminal.EscapeJSON(b), '\n'))
	return err
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
