package main

import (
	"github.com/spf13/cobra"
)

func (a *app) completionCommand(root *cobra.Command) *cobra.Command {
	return &cobra.Command{
		Use:               "completion bash|zsh|fish",
		Short:             "Print a shell completion script",
		Example:           "  source <(zonegen completion bash)\n  zonegen completion zsh > \"${fpath[1]}/_zonegen\"\n  zonegen completion fish > ~/.config/fish/completions/zonegen.fish",
		Args:              cobra.MatchAll(cobra.ExactArgs(1), cobra.OnlyValidArgs),
		ValidArgs:         []string{"bash", "zsh", "fish"},
		PersistentPreRunE: func(*cobra.Command, []string) error { return nil },
		RunE: func(cmd *cobra.Command, args []string) error {
			switch args[0] {
			case "bash":
				return root.GenBashCompletionV2(a.stdout, true)
			case "zsh":
				return root.GenZshCompletion(a.stdout)
			default:
				return root.GenFishCompletion(a.stdout, true)
			}
		},
	}
}
