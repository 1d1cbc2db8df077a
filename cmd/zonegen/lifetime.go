package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/zonegen/zonegen/internal/lifetime"
	"github.com/zonegen/zonegen/internal/terminal"
	"github.com/zonegen/zonegen/output"
	"github.com/zonegen/zonegen/topology"
)

// tokenEnv holds the LifeTime token when no --token-file is given. It is read from the
// environment only: never a flag (visible in ps) or a zonegen.yaml key (committed).
const tokenEnv = "ZONEGEN_LIFETIME_TOKEN"

var errLifetimeDrift = errors.New("the source's routing table differs from LifeTime")

// lifetimeFlags maps each flag of the lifetime commands to its configuration key:
// zonegen.yaml `lifetime-url: ...`, ZONEGEN_LIFETIME_URL. The prefix keeps them apart from
// the tree's keys (`output` is the generated folder; `lifetime-output` the pulled file).
var lifetimeFlags = []string{"url", "token-file", "ca", "map", "request-timeout", "output"}

func (a *app) lifetimeCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "lifetime",
		Short: "Read the routing table from LifeTime: pull it into a file, or check the source against it",
		Long: `lifetime reads which app LifeTime deployed to which deployment zone, with which modules,
through the LifeTime Deployment API v2 (HTTPS, a service account's token).

LifeTime environments map to the source's by host name (LifeTime's HostName against each
environment's Hostname, then its LifeTime address), or by --map 'Production=prod'.
Unmapped ones are listed and skipped; system apps and Extension modules are left out.

The token comes from --token-file or ` + tokenEnv + `; it is never printed.`,
		Example: "  ZONEGEN_LIFETIME_TOKEN=... zonegen lifetime pull --url https://lifetime.example.com\n" +
			"  zonegen lifetime check --url https://lifetime.example.com --token-file /run/secrets/lifetime",
		Args: cobra.NoArgs,
	}
	pf := cmd.PersistentFlags()
	pf.String("url", "", "LifeTime address, https://<lifetime host>")
	pf.String("token-file", "", "file holding the LifeTime service account's token (default: $"+tokenEnv+")")
	pf.String("ca", "", "PEM bundle of a private CA that issued LifeTime's certificate")
	pf.StringArray("map", nil, "LifeTime environment=source environment, when host names do not match (repeatable)")
	pf.Duration("request-timeout", lifetime.DefaultTimeout, "time limit of each request to LifeTime")
	for _, name := range lifetimeFlags {
		if pf.Lookup(name) != nil {
			setConfigKey(pf, name, "lifetime-"+name)
		}
	}
	cmd.AddCommand(a.lifetimePullCommand(), a.lifetimeCheckCommand())
	return cmd
}

func (a *app) lifetimePullCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "pull",
		Short: "Write LifeTime's apps, zones and modules into a jsonnet file the source imports",
		Long: `pull reads LifeTime and writes, per source environment, its apps (zone, modules,
mobile) as a jsonnet object the source imports:

  apps: (import 'apps.libsonnet').prod,

The file is deterministic and written atomically; unchanged bytes are not rewritten.
App and zone display names become keys (runs of other characters than letters, digits,
'_' and '-' become '_'); two names with one key, a zone the source does not declare, or a
module name the name rule refuses are errors naming them, and nothing is written.
A file that pull did not write is not replaced without --force.
Exit 0 when written or unchanged, 2 on any error.`,
		Example: "  zonegen lifetime pull --url https://lifetime.example.com -o apps.libsonnet\n" +
			"  zonegen lifetime pull --url https://lifetime.example.com --map 'Production=prod' --token-file /run/secrets/lifetime",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			lc, err := a.lifetimeConfig(cmd)
			if err != nil {
				return err
			}
			table, err := a.lifetimeTable(cmd, lc, true)
			if err != nil {
				return err
			}
			data := lifetime.Render(table)
			if old, err := os.ReadFile(lc.output); err == nil && !bytes.HasPrefix(old, []byte(lifetime.Header)) && !a.cfg.Force {
				return invalidf("%s exists and was not written by zonegen lifetime pull; nothing was written. "+
					"Choose another -o, or pass --force to replace it", lc.output)
			}
			written, err := output.WriteFileAtomic(lc.output, data)
			if err != nil {
				return fmt.Errorf("write %s: %w", lc.output, err)
			}
			apps, modules := 0, 0
			for _, e := range table.Envs {
				apps += len(e.Apps)
				for _, app := range e.Apps {
					modules += len(app.Modules)
				}
			}
			verb := "unchanged"
			if written {
				verb = "written"
			}
			fmt.Fprintf(a.stdout, "%s %s: %d environments, %d apps, %d modules from %s\n", lc.output, verb,
				len(table.Envs), apps, modules, table.URL)
			return nil
		},
	}
	cmd.Flags().StringP("output", "o", "apps.libsonnet", "the jsonnet file to write")
	setConfigKey(cmd.Flags(), "output", "lifetime-output")
	cmd.Flags().Bool("force", false, "replace the file even if zonegen lifetime pull did not write it")
	return cmd
}

func (a *app) lifetimeCheckCommand() *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "check",
		Short: "Compare the source's apps with what LifeTime deployed (CI)",
		Long: `check compares, per mapped environment, the source's apps with LifeTime's: an app in
another zone, a module the source does not route, an app one side has and the other does
not. Exit 0 in sync, 1 on drift, 2 on error.`,
		Example: "  zonegen lifetime check --url https://lifetime.example.com\n  zonegen lifetime check --format json",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if format != "text" && format != "json" {
				return invalidf("--format %q: use text or json", format)
			}
			lc, err := a.lifetimeConfig(cmd)
			if err != nil {
				return err
			}
			table, err := a.lifetimeTable(cmd, lc, false)
			if err != nil {
				return err
			}
			rep := lifetime.Compare(table, lc.plan)
			if format == "json" {
				err = writeJSON(a.stdout, rep)
			} else {
				err = rep.WriteText(a.stdout, a.cfg.Source)
			}
			if err != nil {
				return err
			}
			if !rep.InSync {
				return &exitError{code: exitChanges, err: errLifetimeDrift, silent: true}
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&format, "format", "text", "output format: text or json")
	return cmd
}

// lifetimeRun is the resolved configuration of one lifetime command.
type lifetimeRun struct {
	opts     lifetime.Options
	explicit map[string]string
	output   string
	plan     *topology.Plan
}

// lifetimeConfig binds the lifetime flags to their keys and resolves them, the token last.
func (a *app) lifetimeConfig(cmd *cobra.Command) (*lifetimeRun, error) {
	v := a.v
	for _, name := range lifetimeFlags {
		if f := cmd.Flags().Lookup(name); f != nil {
			if err := v.BindPFlag(configKey(f), f); err != nil {
				return nil, err
			}
		}
	}
	lc := &lifetimeRun{output: v.GetString("lifetime-output"), explicit: map[string]string{}}
	lc.opts = lifetime.Options{URL: v.GetString("lifetime-url"), CAFile: v.GetString("lifetime-ca"),
		Timeout: v.GetDuration("lifetime-request-timeout")}
	if lc.opts.URL == "" {
		return nil, invalidf("no LifeTime address: pass --url https://<lifetime host> (or lifetime-url in zonegen.yaml)")
	}
	if _, err := lifetime.ParseURL(lc.opts.URL); err != nil {
		return nil, invalidf("--url: %v", err)
	}
	if lc.opts.Timeout <= 0 {
		lc.opts.Timeout = lifetime.DefaultTimeout
	}
	for _, m := range v.GetStringSlice("lifetime-map") {
		lt, env, ok := strings.Cut(m, "=")
		if !ok || lt == "" || env == "" {
			return nil, invalidf("--map %+q: write 'LifeTime environment=source environment', e.g. 'Production=prod'", m)
		}
		if prev, dup := lc.explicit[lt]; dup && prev != env {
			return nil, invalidf("--map: LifeTime environment %+q is mapped twice (%s, %s)", lt, prev, env)
		}
		lc.explicit[lt] = env
	}
	if file := v.GetString("lifetime-token-file"); file != "" {
		token, err := lifetime.ReadToken(file)
		if err != nil {
			return nil, invalidf("%v", err)
		}
		lc.opts.Token = token
	} else {
		lc.opts.Token = strings.TrimSpace(os.Getenv(tokenEnv))
	}
	if err := lifetime.CheckToken(lc.opts.Token); err != nil {
		return nil, invalidf("%v", err)
	}
	return lc, nil
}

// lifetimeTable builds the source's plan, reads LifeTime and maps it; with notify,
// unmapped environments and left-out apps go to stderr (check reports them itself).
func (a *app) lifetimeTable(cmd *cobra.Command, lc *lifetimeRun, notify bool) (*lifetime.Table, error) {
	plan, err := a.plan("")
	if err != nil {
		return nil, err
	}
	lc.plan = plan
	client, err := lifetime.New(lc.opts)
	if err != nil {
		return nil, invalidf("%v", err)
	}
	snap, err := client.Fetch(cmd.Context())
	if err != nil {
		return nil, err
	}
	table, err := lifetime.Map(snap, plan, lc.explicit)
	if err != nil {
		return nil, fmt.Errorf("LifeTime %s does not fit the source %s; nothing was written:\n%w", snap.URL, a.cfg.Source, err)
	}
	if !notify {
		return table, nil
	}
	for _, u := range table.Unmapped {
		fmt.Fprintf(a.stderr, "skipped LifeTime environment %+q: %s\n", u.Name, terminal.Escape(u.Reason))
	}
	for _, n := range table.Notes {
		fmt.Fprintf(a.stderr, "note: %s\n", terminal.Escape(n))
	}
	return table, nil
}
