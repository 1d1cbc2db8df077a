// Package zonegen runs the stages in order (jsonnet → topology → generators) for the
// command line, the golden tests, the lab and the benchmarks, so that all of them build
// files the same way.
package zonegen

import (
	"fmt"
	"path/filepath"

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
	Templates string   // override folder, "" for the built-in templates
	Only      []string // generator kinds, empty for all
	// PlanOnly stops after validation and derivation (validate, explain, route).
	PlanOnly bool
}

// Result is what a build produced. Report is set whenever the source evaluated; Plan and
// Files only when it is valid.
type Result struct {
	Plan   *topology.Plan
	Report *topology.Report
	Files  []output.File
}

// Build evaluates, validates and renders. An invalid source returns the report's
// *topology.InvalidError; a jsonnet error is returned wrapped.
func Build(in Input) (*Result, error) {
	// The name goes into every header and into jsonnet's messages: refuse it first.
	if err := topology.CheckSourceName(filepath.Base(in.Source)); err != nil {
		return &Result{Report: &topology.Report{Errors: err.(*topology.InvalidError).Problems}}, err
	}
	data, err := jsonnet.EvaluateFile(in.Source, in.Jsonnet)
	if err != nil {
		return nil, fmt.Errorf("evaluate %s: %w", in.Source, err)
	}
	return BuildJSON(data, filepath.Base(in.Source), in)
}

// BuildJSON is Build from an already evaluated source.
func BuildJSON(data []byte, source string, in Input) (*Result, error) {
	plan, report := topology.Load(data, source)
	res := &Result{Plan: plan, Report: report}
	if err := report.Err(); err != nil {
		return res, err
	}
	if in.PlanOnly {
		return res, nil
	}
	tpl, err := templates.New(in.Templates)
	if err != nil {
		return res, err
	}
	files, err := generators.Run(plan, tpl, in.Only)
	if err != nil {
		return res, err
	}
	res.Files = files
	return res, nil
}
