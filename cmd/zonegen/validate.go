package main

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"
	"github.com/zonegen/zonegen/internal/terminal"
	"github.com/zonegen/zonegen/topology"
)

func (a *app) validateCommand() *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "validate",
		Short: "Check the source against the schema and rules R1-R9; print errors and warnings",
		Long: `validate evaluates the source and checks every rule without rendering or writing
anything. Every problem is reported at once with its path in the source.
Exit 0 when valid (warnings allowed), 2 when not.`,
		Example: "  zonegen validate -f infra.jsonnet\n  zonegen validate --format json | jq .errors",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if format != "text" && format != "json" {
				return invalidf("--format %q: use text or json", format)
			}
			if format == "text" {
				_, err := a.plan("")
				if err == nil {
					fmt.Fprintf(a.stdout, "%s is valid\n", terminal.Escape(a.cfg.Source))
				}
				return err
			}
			return a.validateJSON()
		},
	}
	cmd.Flags().StringVar(&format, "format", "text", "output format: text or json")
	return cmd
}

// validateJSON prints {valid, errors, warnings} for machines; jsonnet errors become one
// error without a path.
func (a *app) validateJSON() error {
	type out struct {
		Valid    bool               `json:"valid"`
		Errors   []topology.Problem `json:"errors"`
		Warnings []topology.Problem `json:"warnings"`
	}
	o := out{Errors: []topology.Problem{}, Warnings: []topology.Problem{}}
	in := a.input("")
	in.PlanOnly = true
	res, err := a.run(in, false)
	if res != nil && res.Report != nil {
		o.Errors = append(o.Errors, res.Report.Errors...)
		o.Warnings = append(o.Warnings, res.Report.Warnings...)
	}
	var invalid *topology.InvalidError
	if err != nil && !errors.As(err, &invalid) {
		o.Errors = append(o.Errors, topology.Problem{Severity: topology.SeverityError, Path: a.cfg.Source, Message: err.Error()})
	}
	o.Valid = err == nil
	if e := writeJSON(a.stdout, o); e != nil {
		return e
	}
	if err != nil {
		return &exitError{code: exitInvalid, err: err, silent: true}
	}
	return nil
}
