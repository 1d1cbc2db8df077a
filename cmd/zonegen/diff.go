package main

import (
	"github.com/spf13/cobra"

	"github.com/zonegen/zonegen/output"
)

func (a *app) diffCommand() *cobra.Command {
	var color string
	var stat bool
	cmd := &cobra.Command{
		Use:   "diff",
		Short: "Show what generate would change, as a summary and a unified diff",
		Long: `diff compares what generate would write with the output folder and prints a
summary a reviewer reads first (apps moved between zones, routes added or removed, hosts
entries, Service Center and LifeTime values), then a unified diff of every changed, new
and pruned file. Exit 0 when nothing would change, 1 when something would, 2 on error.`,
		Example: "  zonegen diff\n  zonegen diff --stat\n  zonegen diff --color always | less -R",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			colored, err := useColor(color, a.stdout)
			if err != nil {
				return err
			}
			cmp, err := a.compare()
			if err != nil {
				return err
			}
			printSummary(a.stdout, cmp)
			opts := output.DiffOptions{Color: colored}
			if stat {
				err = cmp.Stat(a.stdout, opts)
			} else {
				err = cmp.Diff(a.stdout, opts)
			}
			if err != nil {
				return err
			}
			if cmp.HasChanges() || len(cmp.Conflicts()) > 0 {
				return &exitError{code: exitChanges, err: errChanges, silent: true}
			}
			return nil
		},
	}
	addScopeFlags(cmd.Flags())
	cmd.Flags().StringVar(&color, "color", "auto", "colour the diff: auto, always or never")
	cmd.Flags().BoolVar(&stat, "stat", false, "one summary line per file instead of the diff")
	return cmd
}
