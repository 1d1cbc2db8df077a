package main

import (
	"fmt"

	zonegen "github.com/zonegen/zonegen"
)

// build runs the pipeline with the config (rendering files when withFiles) and prints
// warnings to stderr. An invalid source comes back as an error wrapping
// *topology.InvalidError (exit 2).
func (a *app) build(withFiles bool) (*zonegen.Result, error) {
	res, err := bounded(&a.cfg, a.stderr, func() (*zonegen.Result, error) { return zonegen.Build(a.pipelineInput(withFiles)) })
	if res != nil && res.Report != nil {
		for _, w := range res.Report.Warnings {
			fmt.Fprintln(a.stderr, "warning:", printable(w.String()))
		}
	}
	return res, err
}

// pipelineQuiet validates without printing anything.
func (a *app) pipelineQuiet() (*zonegen.Result, error) {
	return bounded(&a.cfg, a.stderr, func() (*zonegen.Result, error) { return zonegen.Build(a.pipelineInput(false)) })
}

func (a *app) pipelineInput(withFiles bool) zonegen.Input {
	return zonegen.Input{Source: a.cfg.Source, Jsonnet: a.cfg.jsonnetOptions(), Templates: a.cfg.Templates,
		Only: a.cfg.Only, PlanOnly: !withFiles}
}
