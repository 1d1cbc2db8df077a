package main

import (
	"errors"
	"fmt"
	"slices"

	"github.com/spf13/cobra"
	"github.com/zonegen/zonegen/internal/terminal"
	"github.com/zonegen/zonegen/output"
)

func (a *app) generateCommand() *cobra.Command {
	var validate bool
	cmd := &cobra.Command{
		Use:   "generate",
		Short: "Write every output file; skip unchanged ones, prune stale owned ones",
		Long: `generate evaluates and validates the source, renders every output and writes the
tree atomically into the output folder. Files whose bytes are unchanged are not touched;
owned files the source no longer produces are pruned. A file zonegen does not own, or one
edited by hand since zonegen wrote it, stops the run before anything is written, unless
--force. With --validate, the validators (zonegen.yaml validators:, or nginx -t and
haproxy -c by default) check the staged files before any file is replaced.
Exit 0 when written, 2 on invalid input or any error (nothing written).`,
		Example: "  zonegen generate -f infra.jsonnet -o generated\n  zonegen generate --only nginx-proxy,haproxy-proxy --env prod\n  zonegen generate --validate",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			// A no-op stages nothing, so --validate, which checks the staged files, builds.
			if !validate {
				if cmp, ok := a.upToDate(); ok {
					a.printWritten(&output.Result{Comparison: cmp, Unchanged: paths(cmp.Changes)})
					return nil
				}
			}
			built, scope, err := a.build()
			if err != nil {
				return err
			}
			files := built.Files
			opts := output.WriteOptions{Scope: scope, Force: a.cfg.Force, Context: cmd.Context(), Inputs: built.Inputs,
				Logf: func(format string, args ...any) { fmt.Fprintf(a.stderr, format+"\n", args...) }}
			if validate {
				opts.Validators = a.validators()
				a.warnUnmatchedValidators(opts.Validators, files)
			}
			res, err := output.Write(a.cfg.Output, files, opts)
			if err != nil {
				var conflict *output.ConflictError
				if errors.As(err, &conflict) {
					return fmt.Errorf("%w\nnothing was written; re-run with --force to overwrite", err)
				}
				return err
			}
			a.printWritten(res)
			return nil
		},
	}
	addScopeFlags(cmd.Flags())
	cmd.Flags().Bool("force", false, "overwrite or prune files that are not ours or were edited by hand")
	cmd.Flags().BoolVar(&validate, "validate", false, "run the validators on the staged files before replacing any")
	return cmd
}

// printWritten says what a write did, in the same words for a no-op.
func (a *app) printWritten(res *output.Result) {
	fmt.Fprintf(a.stdout, "%s: %d created, %d updated, %d unchanged, %d pruned\n", a.cfg.Output,
		len(res.Created), len(res.Updated), len(res.Unchanged), len(res.Pruned))
}

func paths(changes []output.Change) []string {
	out := make([]string, len(changes))
	for i, ch := range changes {
		out[i] = ch.Path
	}
	return out
}

// warnUnmatchedValidators says which validators of zonegen.yaml match no generated file:
// a mistyped glob would otherwise let --validate pass without checking anything (issue 12).
func (a *app) warnUnmatchedValidators(vs []output.Validator, files []output.File) {
	if len(a.cfg.Validators) == 0 {
		return // the defaults: a source without proxies has nothing for them
	}
	for i, v := range vs {
		if !slices.ContainsFunc(files, func(f output.File) bool { return v.Applies(f.Path) }) {
			fmt.Fprintf(a.stderr, "warning: config validators[%d]: files %q matches no generated file; it checks nothing\n",
				i, terminal.Escape(a.cfg.Validators[i].Files))
		}
	}
}
