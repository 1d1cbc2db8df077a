package main

import (
	"errors"

	"github.com/spf13/cobra"
)

var errChanges = errors.New("the output folder differs from the source")

func (a *app) checkCommand() *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "check",
		Short: "Drift check for CI: changed, missing, stale and hand-edited files",
		Long: `check compares the output folder with what the source generates, without writing.
It lists changed, missing, stale (would be pruned), hand-edited and foreign files, after
the reviewer's summary. Exit 0 when in sync, 1 on drift, 2 on error.`,
		Example: "  zonegen check -f infra.jsonnet -o generated\n  zonegen check --format json",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if format != "text" && format != "json" {
				return invalidf("--format %q: use text or json", format)
			}
			cmp, err := a.compare()
			if err != nil {
				return err
			}
			res := cmp.Check()
			if format == "json" {
				err = writeJSON(a.stdout, res)
			} else {
				printSummary(a.stdout, cmp)
				err = res.WriteText(a.stdout)
			}
			if err != nil {
				return err
			}
			if res.Drift() {
				return &exitError{code: exitChanges, err: errChanges, silent: true}
			}
			return nil
		},
	}
	addScopeFlags(cmd.Flags())
	cmd.Flags().StringVar(&format, "format", "text", "output format: text or json")
	return cmd
}
