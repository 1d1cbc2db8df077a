package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/zonegen/zonegen/topology"
)

func (a *app) explainCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "explain [ENV]",
		Short: "Show every derived value with the rule and reason behind it",
		Long: `explain prints, per environment, each derived value (Hostname, Deployment Zone
Addresses, the LifeTime address, hosts entries, platform allow lists) with the rule of
DESIGN.md that produced it and why, then each proxy's route table.`,
		Example: "  zonegen explain\n  zonegen explain prod",
		Args:    cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			plan, err := a.plan("")
			if err != nil {
				return err
			}
			env := ""
			if len(args) == 1 {
				env = args[0]
			}
			text, err := topology.Explain(plan, env)
			if err != nil {
				return invalidf("%v", err)
			}
			fmt.Fprint(a.stdout, text)
			return nil
		},
	}
}
