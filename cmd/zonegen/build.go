package main

import (
	"fmt"

	"github.com/zonegen/zonegen/pipeline"
)

// build runs the pipeline with the config (rendering files when withFiles) and prints
// warnings to stderr. An invalid source comes back as an error wrapping
// *topology.InvalidError (exit 2).
func (a *app) build(withFiles bool) (*pipeline.Result, error) {
	res, err := pipeline.Build(a.pipelineInput(withFiles))
	if res != nil && res.Report != nil {
		for _, w := range res.Report.Warnings {
			fmt.Fprintln(a.stderr, "warning:", w.String())
		}
	}
	return res, err
}

// pipelineQuiet validates without printing anything.
func (a *app) pipelineQuiet() (*pipeline.Result, error) {
	return pipeline.Build(a.pipelineInput(false))
}

func (a *app) pipelineInput(withFiles bool) pipeline.Input {
	return pipeline.Input{Source: a.cfg.Source, Jsonnet: a.cfg.jsonnetOptions(), Templates: a.cfg.Templates,
		Only: a.cfg.Only, PlanOnly: !withFiles}
}
