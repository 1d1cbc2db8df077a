package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/viper"

	"github.com/zonegen/zonegen/internal/terminal"
	"github.com/zonegen/zonegen/jsonnet"
	"github.com/zonegen/zonegen/topology"
)

// Exit statuses shared by every command.
const (
	exitOK      = 0
	exitChanges = 1 // diff: changes; check: drift; verify: a route went astray
	exitInvalid = 2 // invalid input or any other error
)

// exitError carries a status for errors that are not invalid input (e.g. drift).
type exitError struct {
	code   int
	err    error
	silent bool // already reported to the user
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

// Main runs the command line and returns the exit status.
func Main(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	app := newApp(stdout, stderr)
	root := app.rootCommand()
	root.SetArgs(args)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return exitOK
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if !ee.silent {
			fmt.Fprintln(stderr, "zonegen:", terminal.Escape(ee.err.Error()))
		}
		return ee.code
	}
	fmt.Fprintln(stderr, "zonegen:", terminal.Escape(err.Error()))
	var invalid *topology.InvalidError
	if errors.As(err, &invalid) {
		fmt.Fprintln(stderr, "nothing was written.")
	}
	return exitInvalid
}

// app holds what the commands share: output streams, viper and the resolved Config.
type app struct {
	stdout, stderr io.Writer
	v              *viper.Viper
	cfg            Config
}

func newApp(stdout, stderr io.Writer) *app {
	return &app{stdout: stdout, stderr: stderr, v: viper.New()}
}

func (a *app) rootCommand() *cobra.Command {
	root := &cobra.Command{
		Use:   "zonegen",
		Short: "Generate the network files of an OutSystems 11 on-premises infrastructure",
		Long: `zonegen turns one jsonnet source describing OutSystems 11 environments, servers,
deployment zones, load balancers and reverse proxies into nginx and HAProxy configs,
per-zone load-balancer pools, Windows hosts entries, Service Center and LifeTime settings,
an Ansible inventory and playbook, and a drawing of the topology.

Configuration comes from flags, then ZONEGEN_* environment variables (ZONEGEN_FILE,
ZONEGEN_OUTPUT, ...), then zonegen.yaml in the current folder (or --config).`,
		Example:       "  zonegen generate -f infra.jsonnet -o generated\n  zonegen diff\n  zonegen explain prod",
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error {
			return a.loadConfig(cmd)
		},
	}
	addSourceFlags(root.PersistentFlags())
	root.AddCommand(
		a.generateCommand(),
		a.diffCommand(),
		a.checkCommand(),
		a.validateCommand(),
		a.explainCommand(),
		a.routeCommand(),
		a.verifyCommand(),
		a.certificatesCommand(),
		a.lifetimeCommand(),
		a.versionCommand(),
		a.completionCommand(root),
	)
	return root
}

// invalidf makes an input error (exit 2) for bad flag values.
func invalidf(format string, args ...any) error {
	return &exitError{code: exitInvalid, err: fmt.Errorf(format, args...)}
}

// parsePairs turns name=value flags into a map.
func parsePairs(flag string, pairs []string) (map[string]string, error) {
	if len(pairs) == 0 {
		return nil, nil
	}
	m := map[string]string{}
	for _, p := range pairs {
		name, value, ok := strings.Cut(p, "=")
		if !ok || name == "" {
			return nil, invalidf("--%s %q: write name=value", flag, p)
		}
		m[name] = value
	}
	return m, nil
}

// jsonnetOptions builds the evaluator options from the config.
func (c *Config) jsonnetOptions() jsonnet.Options {
	return jsonnet.Options{JPath: c.JPath, ExtStr: c.ExtStr, ExtCode: c.ExtCode, TLAStr: c.TLAStr, TLACode: c.TLACode}
}
