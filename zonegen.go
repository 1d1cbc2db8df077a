// Package zonegen runs the stages in order (jsonnet → topology → narrowing → generators) for
// the command line, the golden tests, the lab and the benchmarks, so that all of them build
// files the same way. The scope (Input.Only, Input.Env) is applied here once, before
// rendering, for every command.
package zonegen

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/zonegen/zonegen/generators"
	"github.com/zonegen/zonegen/jsonnet"
	"github.com/zonegen/zonegen/output"
	"github.com/zonegen/zonegen/templates"
	"github.com/zonegen/zonegen/topology"
)

// Input says what to build.
type Input struct {
	Source    string // path of the jsonnet source
	Jsonnet   jsonnet.Options
	Templates string // override folder, "" for the built-in templates
	// Only and Env are the scope (--only, --env), applied once, before rendering: only the
	// generators of these kinds run (empty for all), on the Plan of environment Env alone
	// ("" for all). The whole source is validated either way.
	Only []string
	Env  string
	// PlanOnly stops after validation, derivation and narrowing (validate, explain, route,
	// verify).
	PlanOnly bool
	// Evaluate replaces the evaluation in this process (jsonnet.Evaluate) when set: the CLI
	// evaluates in a child process where one allocation could exceed the address space.
	Evaluate func(path string, opts jsonnet.Options) ([]byte, []jsonnet.Read, error)
}

// Scope is the part of the output folder a build of in is responsible for.
func (in Input) Scope() output.Scope { return output.Scope{Kinds: in.Only, Env: in.Env} }

// ScopeError is an Only or Env that names no kind or environment of the build.
type ScopeError struct {
	Field string // "only" or "env"
	Value string
	Known []string
}

func (e *ScopeError) Error() string {
	what := "kind"
	if e.Field == "env" {
		what = "environment"
	}
	return fmt.Sprintf("%s: no such %s (%ss: %s)", e.Value, what, what, strings.Join(e.Known, ", "))
}

// Result is what a build produced. Report is set whenever the source evaluated; Plan (narrowed
// to Env) and Files (of the scope) only when it is valid.
type Result struct {
	Plan   *topology.Plan
	Report *topology.Report
	Files  []output.File
	// Inputs records what the build read, for output.WriteOptions.Inputs: a write that saves
	// it lets the next run with the same inputs skip the build (UpToDate). Set with Files; nil
	// when the build cannot be recorded (noop.go).
	Inputs []byte
}

// Build evaluates, validates, narrows to the scope and renders. An invalid source returns the
// report's *topology.InvalidError, a scope naming nothing a *ScopeError; a jsonnet error is
// returned wrapped.
func Build(in Input) (*Result, error) {
	// The name goes into every header and into jsonnet's messages: refuse it first.
	if err := topology.CheckSourceName(filepath.Base(in.Source)); err != nil {
		return &Result{Report: &topology.Report{Errors: err.(*topology.InvalidError).Problems}}, err
	}
	for _, k := range in.Only {
		if !slices.Contains(generators.Kinds(), k) {
			return nil, &ScopeError{Field: "only", Value: k, Known: generators.Kinds()}
		}
	}
	eval := evaluate
	if in.Evaluate != nil {
		eval = in.Evaluate
	}
	data, reads, err := eval(in.Source, in.Jsonnet)
	if err != nil {
		return nil, fmt.Errorf("evaluate %s: %w", in.Source, err)
	}
	plan, report := topology.Load(data, filepath.Base(in.Source))
	res := &Result{Plan: plan, Report: report}
	if err := report.Err(); err != nil {
		return res, err
	}
	if in.Env != "" {
		if res.Plan = plan.Narrow(in.Env); res.Plan == nil {
			var envs []string
			for _, e := range plan.Environments {
				envs = append(envs, e.Name)
			}
			return res, &ScopeError{Field: "env", Value: in.Env, Known: envs}
		}
	}
	if in.PlanOnly {
		return res, nil
	}
	tpl, err := templates.New(in.Templates)
	if err != nil {
		return res, err
	}
	files, err := generators.Run(res.Plan, tpl, in.Only)
	if err != nil {
		return res, err
	}
	for _, f := range files {
		// A file of no environment (the Ansible tree) describes the whole infrastructure:
		// rendered from one environment it would be wrong, so --env leaves it out.
		if in.Env == "" || f.Env == in.Env {
			res.Files = append(res.Files, f)
		}
	}
	warnings := make([]string, len(report.Warnings))
	for i, w := range report.Warnings {
		warnings[i] = w.String()
	}
	res.Inputs = recordInputs(in, reads, tpl.Digest, warnings)
	return res, nil
}
