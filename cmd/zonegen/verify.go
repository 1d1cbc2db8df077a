package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/zonegen/zonegen/generators"
	"github.com/zonegen/zonegen/internal/lab"
	"github.com/zonegen/zonegen/internal/terminal"
	"github.com/zonegen/zonegen/templates"
	"github.com/zonegen/zonegen/topology"
)

// engineKinds are the outputs each engine runs in a lab: the proxies, the zones' pools and
// the machines' monitoring endpoints (each machine's for its own engine).
var engineKinds = map[lab.Impl][]string{
	lab.Nginx:   {"nginx-proxy", "nginx-lb", "monitor"},
	lab.HAProxy: {"haproxy-proxy", "haproxy-lb", "monitor"},
}

func (a *app) verifyCommand() *cobra.Command {
	var engine string
	var ansible bool
	cmd := &cobra.Command{
		Use:   "verify",
		Short: "Run the generated proxies and pools on loopback and probe every route",
		Long: `verify proves, with the real programs, that the generated proxies and load-balancer
pools route as the source says. It renders a copy of the source where every front-end,
load balancer and proxy listens on its own 127.B.x.y address (with a throw-away test CA),
starts stub front-ends that answer with their own name, the zones' pools and the proxies
in nginx and/or HAProxy from PATH, and probes:

  every module path of every proxy, in three letter cases   → a front-end of its zone
  /<module>x and an unknown path                            → 404
  paths with //, . or .. segments, %2e, %2f, %5c or \       → 400
  platform paths (Service Center, server.api, ...)          → 403 from an outsider,
                                                              its zone from an allowed source
  the HTTP listener of a TLS proxy                          → 308 to HTTPS
  every pool, over HTTP and HTTPS                           → each front-end in turn
  every answer through a proxy                              → its hsts policy alone, else
                                                              the front-end's header as sent

With --ansible the generated Ansible puts the files in place instead: each Linux machine of
the source (machines, proxies.P.machines, zones.Z.lbMachines, cacheInvalidation.lbMachines) becomes its own nginx or
HAProxy, started from a temporary prefix shaped like Debian's packages, and
ansible/site.yml runs once per environment against this machine (local connection, every
destination in the prefix), checking, copying and reloading as it would on the real
machines: --tags zonegen_pools first, then the pools are probed, then --tags
zonegen_proxies and the proxies are probed, each proxy and pool in its machine's engine;
those no machine runs are listed, not probed.

It prints one row per probe and stops every process it started before it returns, also
on Ctrl-C. Exit 0 when every probe is ok, 1 when a probe fails, a generated config fails
nginx -t / haproxy -c or an Ansible run fails, 2 on invalid input, on a system other
than Linux, or when nginx, haproxy (or, with --ansible, ansible-playbook) is missing
(make deps installs them).`,
		Example: "  zonegen verify -f infra.jsonnet\n  zonegen verify --engine haproxy --env prod\n  zonegen verify --ansible -f infra.jsonnet",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			start := time.Now()
			if !lab.Supported {
				return invalidf("verify runs only on Linux (its lab takes addresses across 127.0.0.0/8 and runs nginx and HAProxy in process groups): run it there, in WSL or in CI; generate, check and diff run here")
			}
			engines, err := parseEngine(engine)
			if err != nil {
				return err
			}
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
			defer stop()

			plan, err := a.plan(a.cfg.Env)
			if err != nil {
				return err
			}
			if !lab.HasNetwork(plan) {
				fmt.Fprintln(a.stdout, "verify: nothing to run: no reverse proxy and no load balancer")
				return nil
			}
			for _, s := range lab.NotProbed(plan) {
				fmt.Fprintf(a.stdout, "not probed: %s\n", s)
			}
			tpl, err := templates.New(a.cfg.Templates)
			if err != nil {
				return invalidf("%v", err)
			}

			if ansible {
				if cmd.Flags().Changed("engine") {
					return invalidf("--engine and --ansible: with --ansible each machine runs its own engine (machines.M.engine)")
				}
				probes, names, err := a.verifyAnsible(ctx, plan, tpl)
				if ctx.Err() != nil {
					return &exitError{code: exitInvalid, err: errors.New("interrupted; every process verify started is stopped")}
				}
				if err != nil {
					return err
				}
				if failed := printProbes(a.stdout, probes, names, time.Since(start)); failed > 0 {
					return &exitError{code: exitChanges, err: fmt.Errorf("%d of %d probes failed", failed, len(probes))}
				}
				return nil
			}
			var probes []lab.Probe
			for _, impl := range engines {
				p, err := a.verifyWith(ctx, plan, tpl, impl)
				if ctx.Err() != nil {
					return &exitError{code: exitInvalid, err: errors.New("interrupted; every process verify started is stopped")}
				}
				if err != nil {
					return err
				}
				probes = append(probes, p...)
			}
			failed := printProbes(a.stdout, probes, engines, time.Since(start))
			if failed > 0 {
				return &exitError{code: exitChanges, err: fmt.Errorf("%d of %d probes failed", failed, len(probes))}
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&engine, "engine", "both", "run the proxies and pools in nginx, haproxy or both")
	cmd.Flags().BoolVar(&ansible, "ansible", false, "deploy with the generated Ansible to this machine, each machine in its own engine, and probe that")
	cmd.Flags().String("env", "", "only this environment's proxies and pools")
	return cmd
}

// parseEngine turns --engine into the programs to run, in order.
func parseEngine(s string) ([]lab.Impl, error) {
	switch s {
	case "nginx":
		return []lab.Impl{lab.Nginx}, nil
	case "haproxy":
		return []lab.Impl{lab.HAProxy}, nil
	case "both":
		return []lab.Impl{lab.Nginx, lab.HAProxy}, nil
	}
	return nil, invalidf("--engine %q: use nginx, haproxy or both", s)
}

// verifyWith runs one engine's lab: a loopback copy of plan, its proxy and pool files
// checked and started in impl, every probe, and every process stopped before it returns.
func (a *app) verifyWith(ctx context.Context, plan *topology.Plan, tpl *templates.Set, impl lab.Impl) (_ []lab.Probe, err error) {
	dir, err := os.MkdirTemp("", "zonegen-verify-")
	if err != nil {
		return nil, fmt.Errorf("verify: %w", err)
	}
	defer os.RemoveAll(dir)
	l, err := lab.New(plan, dir)
	if err != nil {
		return nil, fmt.Errorf("verify: %w", err)
	}
	defer func() {
		if cerr := l.Close(); cerr != nil {
			fmt.Fprintln(a.stderr, "warning: verify:", cerr)
		}
	}()
	if err := l.Available(impl); err != nil {
		return nil, invalidf("verify needs %s: %v", impl, err)
	}
	files, err := generators.Run(l.Plan, tpl, engineKinds[impl])
	if err != nil {
		return nil, fmt.Errorf("verify: %w", err)
	}
	if err := l.Check(files); err != nil {
		return nil, &exitError{code: exitChanges, err: fmt.Errorf("the generated %s configs do not pass: %w", impl, err)}
	}
	if err := l.StartContext(ctx, files, lab.Options{LB: impl}); err != nil {
		return nil, fmt.Errorf("verify: start the pools in %s: %w", impl, err)
	}
	// The pools are probed before the proxies start: a proxy's traffic and health checks
	// through a zone's load balancer would move its round robin on between two probes.
	probes := l.ProbePools(ctx)
	stopProxies, err := l.StartProxiesContext(ctx, impl)
	if err != nil {
		return nil, fmt.Errorf("verify: start the proxies in %s: %w", impl, err)
	}
	defer stopProxies()
	return append(probes, l.ProbeProxies(ctx)...), nil
}

// verifyAnsible deploys a loopback copy of plan with its own generated Ansible (lab.Deploy)
// and probes what each machine runs; it returns the probes and the engines that ran.
func (a *app) verifyAnsible(ctx context.Context, plan *topology.Plan, tpl *templates.Set) (_ []lab.Probe, _ []lab.Impl, err error) {
	for _, prog := range []string{"ansible-playbook", "nginx", "haproxy"} {
		if _, err := exec.LookPath(prog); err != nil {
			return nil, nil, invalidf("verify --ansible needs %s (make deps installs it): %v", prog, err)
		}
	}
	engineOf, skipped, err := machineEngines(plan)
	if err != nil {
		return nil, nil, err
	}
	if len(engineOf) == 0 {
		return nil, nil, invalidf("verify --ansible: no proxy or pool names a machine (machines, proxies.P.machines, zones.Z.lbMachines): nothing to deploy")
	}
	dir, err := os.MkdirTemp("", "zonegen-verify-ansible-")
	if err != nil {
		return nil, nil, fmt.Errorf("verify: %w", err)
	}
	defer os.RemoveAll(dir)
	l, err := lab.New(plan, filepath.Join(dir, "lab"))
	if err != nil {
		return nil, nil, fmt.Errorf("verify: %w", err)
	}
	defer func() {
		if cerr := l.Close(); cerr != nil {
			fmt.Fprintln(a.stderr, "warning: verify:", cerr)
		}
	}()
	if err := l.StartFrontEnds(lab.HAProxy); err != nil {
		return nil, nil, fmt.Errorf("verify: %w", err)
	}
	files, err := generators.Run(l.Plan, tpl, nil)
	if err != nil {
		return nil, nil, fmt.Errorf("verify: %w", err)
	}
	d, err := l.Deploy(ctx, filepath.Join(dir, "deploy"))
	if err != nil {
		return nil, nil, fmt.Errorf("verify: %w", err)
	}
	if err := d.Generate(files); err != nil {
		return nil, nil, fmt.Errorf("verify: %w", err)
	}
	var envs []string
	for k := range engineOf {
		envs = append(envs, strings.SplitN(k, "/", 2)[0])
	}
	slices.Sort(envs)
	envs = slices.Compact(envs)
	// The pools are deployed and probed before the proxies, as in verifyWith: a proxy's
	// health checks through a zone's load balancer would move its round robin on.
	deploy := func(tag string) error {
		for _, env := range envs {
			fmt.Fprintf(a.stdout, "ansible-playbook site.yml --tags %s -e zonegen_env=%s\n", tag, env)
			if out, err := d.Play(ctx, "--tags", tag, "-e", "zonegen_env="+env); err != nil {
				return &exitError{code: exitChanges, err: fmt.Errorf("deploying %s with the generated Ansible failed: %w\n%s", env, err, out)}
			}
		}
		return nil
	}
	if err := deploy("zonegen_pools"); err != nil {
		return nil, nil, err
	}
	// Only what a machine runs, each in its machine's engine.
	var probes []lab.Probe
	keep := func(impl lab.Impl, ps []lab.Probe) {
		for _, p := range ps {
			p.Engine = impl
			probes = append(probes, p)
		}
	}
	for _, env := range l.Plan.Environments {
		for _, z := range env.Zones {
			if impl, ok := engineOf[env.Name+"/pool "+z.Name]; ok {
				keep(impl, l.ProbePool(ctx, env, z))
			}
		}
		if impl, ok := engineOf[env.Name+"/pool "+topology.CachePoolName]; ok {
			keep(impl, l.ProbeCache(ctx, env))
		}
	}
	if err := deploy("zonegen_proxies"); err != nil {
		return nil, nil, err
	}
	for _, s := range skipped {
		fmt.Fprintf(a.stdout, "not deployed, so not probed: %s (no machine runs it)\n", s)
	}
	fmt.Fprintln(a.stdout)
	for _, env := range l.Plan.Environments {
		for _, p := range env.Proxies {
			if impl, ok := engineOf[env.Name+"/"+p.Name]; ok {
				keep(impl, l.ProbeProxy(ctx, env, p))
			}
		}
	}
	var impls []lab.Impl
	for _, impl := range engineOf {
		impls = append(impls, impl)
	}
	slices.Sort(impls)
	return probes, slices.Compact(impls), nil
}

// machineEngines maps each proxy ("<env>/<proxy>") and pool ("<env>/pool <zone>", "<env>/pool
// cache-invalidation") that a machine runs to that machine's engine, and lists those no
// machine runs.
// On this one machine a lab address takes one listener, so a proxy or pool on two
// machines cannot be deployed twice here: invalid.
func machineEngines(plan *topology.Plan) (map[string]lab.Impl, []string, error) {
	engine := map[string]lab.Impl{}
	for _, env := range plan.Environments {
		for _, m := range env.Machines {
			engine[m.Name] = lab.Impl(m.Engine)
		}
	}
	out := map[string]lab.Impl{}
	var skipped []string
	place := func(key, what string, machines []string) error {
		switch len(machines) {
		case 0:
			skipped = append(skipped, what)
		case 1:
			out[key] = engine[machines[0]]
		default:
			return invalidf("verify --ansible: %s runs on %s; on this one machine each needs its own address: verify without --ansible, or name one machine", what, strings.Join(machines, " and "))
		}
		return nil
	}
	for _, env := range plan.Environments {
		for _, z := range env.Zones {
			if !z.Pool() {
				continue
			}
			if err := place(env.Name+"/pool "+z.Name, "pool of zone "+z.Name+" ("+env.Name+")", z.LBMachines); err != nil {
				return nil, nil, err
			}
		}
		if c := env.CacheInvalidation; c != nil {
			if err := place(env.Name+"/pool "+topology.CachePoolName, "cache-invalidation pool ("+env.Name+")", c.LBMachines); err != nil {
				return nil, nil, err
			}
		}
		for _, p := range env.Proxies {
			if err := place(env.Name+"/"+p.Name, "proxy "+p.Name+" ("+env.Name+")", p.Machines); err != nil {
				return nil, nil, err
			}
		}
	}
	return out, skipped, nil
}

// printProbes writes the table, the reason of every failure and the summary line, and
// returns how many probes failed.
func printProbes(w io.Writer, probes []lab.Probe, engines []lab.Impl, elapsed time.Duration) int {
	tw := tabwriter.NewWriter(w, 0, 8, 2, ' ', 0)
	fmt.Fprintln(tw, "PATH\tPROXY\tENGINE\tEXPECTED\tREACHED\tVERDICT")
	for _, p := range probes {
		verdict := "ok"
		if !p.OK {
			verdict = "FAIL"
		}
		fmt.Fprintf(tw, "%s\t%s/%s\t%s\t%s\t%s\t%s\n", p.Path, p.Env, p.Proxy, p.Engine, p.Want, p.Got, verdict)
	}
	tw.Flush()

	failures := lab.Failures(probes)
	if len(failures) > 0 {
		fmt.Fprintln(w, "\nFailures:")
		for _, p := range failures {
			fmt.Fprintf(w, "  %s %s/%s: %s\n", p.Engine, p.Env, p.Proxy, terminal.Escape(p.Detail))
		}
	}
	names := make([]string, len(engines))
	for i, e := range engines {
		names[i] = string(e)
	}
	fmt.Fprintf(w, "\nverify: %d probes with %s: %d ok, %d FAIL, %s\n", len(probes), strings.Join(names, " and "),
		len(probes)-len(failures), len(failures), elapsed.Round(10*time.Millisecond))
	return len(failures)
}
