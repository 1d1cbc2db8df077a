package main

import (
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/zonegen/zonegen/internal/certcheck"
	"github.com/zonegen/zonegen/internal/terminal"
)

// certificatesFlags are the certificates command's flags; their zonegen.yaml keys are
// prefixed certificates- (certificates-ca), as the lifetime ones are.
var certificatesFlags = []string{"ca", "warn-days", "dial-timeout", "strict", "format"}

func (a *app) certificatesCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "certificates",
		Short: "Check every certificate of the inventory live: names, trust and expiry",
		Long: `certificates checks, over the network, every certificate <env>/certificates.md lists:
each proxy's listener, each front-end's IIS binding, each external load balancer, each
RabbitMQ node with TLS and each address LifeTime calls. It connects to every endpoint once per name the certificate must
cover, with that name as SNI, and reports what answered: FAIL when nothing answers TLS,
when the certificate does not cover the name, does not chain to a trusted CA (the system
roots plus --ca) or has expired; WARN when it expires within --warn-days. It sends no HTTP
request and changes nothing. --format json prints one object per check, for a monitoring
system (daysLeft per name). In zonegen.yaml the flags are certificates-ca,
certificates-warn-days, certificates-dial-timeout, certificates-strict and
certificates-format.

Run it where the machines are reachable (the Ansible controller, a scheduled job). Exit 0
when nothing failed (warnings allowed, unless --strict), 1 when a check failed, 2 on
invalid input.`,
		Example: "  zonegen certificates -f infra.jsonnet --ca /etc/ssl/certs/acme-ca.pem\n  zonegen certificates --env prod --warn-days 45",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			v := a.v
			for _, name := range certificatesFlags {
				if f := cmd.Flags().Lookup(name); f != nil {
					if err := v.BindPFlag(configKey(f), f); err != nil {
						return err
					}
				}
			}
			cas, warnDays, timeout := v.GetStringSlice("certificates-ca"), v.GetInt("certificates-warn-days"), v.GetDuration("certificates-dial-timeout")
			format := v.GetString("certificates-format")
			if format != "text" && format != "json" {
				return invalidf("--format %q: use text or json", format)
			}
			if warnDays < 1 || warnDays > 3650 {
				return invalidf("--warn-days %d: give days from 1 to 3650", warnDays)
			}
			if timeout <= 0 || timeout > 5*time.Minute {
				return invalidf("--dial-timeout %s: give a duration from 1ms to 5m", timeout)
			}
			roots, err := certcheck.Roots(cas...)
			if err != nil {
				return invalidf("--ca: %v", err)
			}
			plan, err := a.plan(a.cfg.Env)
			if err != nil {
				return err
			}
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			start := time.Now()
			results := certcheck.Check(ctx, plan, certcheck.Options{Roots: roots, Warn: time.Duration(warnDays) * 24 * time.Hour, Timeout: timeout})
			if format == "json" {
				if results == nil {
					results = []certcheck.Result{} // an empty list, not null
				}
				if err := writeJSON(a.stdout, results); err != nil {
					return err
				}
			} else {
				printCertificates(a.stdout, results, time.Since(start))
			}
			failed, warned := certcheck.Tally(results)
			if failed > 0 || warned > 0 && v.GetBool("certificates-strict") {
				return &exitError{code: exitChanges, err: fmt.Errorf("%d certificate checks failed, %d warned", failed, warned), silent: true}
			}
			return nil
		},
	}
	fs := cmd.Flags()
	fs.String("env", "", "only this environment's certificates")
	fs.StringArray("ca", nil, "PEM bundle of a private CA to trust besides the system roots (repeatable)")
	fs.Int("warn-days", certcheck.DefaultWarnDays, "warn when a certificate expires within this many days")
	fs.Duration("dial-timeout", certcheck.DefaultTimeout, "bound on each connection and handshake")
	fs.String("format", "text", "output format: text, or json (one object per check: env, kind, presentedBy, endpoint, name, notAfter, daysLeft, verdict, detail)")
	fs.Bool("strict", false, "exit 1 on warnings too: a scheduled job goes red --warn-days before an expiry")
	for _, name := range certificatesFlags {
		setConfigKey(fs, name, "certificates-"+name)
	}
	return cmd
}

// printCertificates writes one row per check, then the failures and warnings. Names and
// errors from the network are escaped.
func printCertificates(w io.Writer, results []certcheck.Result, elapsed time.Duration) {
	if len(results) == 0 {
		fmt.Fprintln(w, "certificates: nothing to check: nothing the source names answers TLS")
		return
	}
	tw := tabwriter.NewWriter(w, 0, 8, 2, ' ', 0)
	fmt.Fprintln(tw, "ENVIRONMENT\tPRESENTED BY\tENDPOINT\tNAME\tEXPIRES\tDAYS\tVERDICT")
	for _, r := range results {
		name, expires, days := r.Name, "—", "—"
		if name == "" {
			name = "(chain only)"
		}
		if !r.NotAfter.IsZero() {
			expires, days = r.NotAfter.UTC().Format(time.DateOnly), fmt.Sprint(r.DaysLeft)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", r.Env, r.Presenter, r.Endpoint, name, expires, days, r.Verdict)
	}
	tw.Flush()
	for _, section := range []struct{ title, verdict string }{{"Failures", certcheck.Fail}, {"Warnings", certcheck.Warn}} {
		first := true
		for _, r := range results {
			if r.Verdict != section.verdict {
				continue
			}
			if first {
				fmt.Fprintf(w, "\n%s:\n", section.title)
				first = false
			}
			fmt.Fprintf(w, "  %s: %s\n", r.Env, terminal.Escape(r.Detail))
		}
	}
	failed, warned := certcheck.Tally(results)
	fmt.Fprintf(w, "\ncertificates: %d checks: %d ok, %d WARN, %d FAIL, %s\n", len(results),
		len(results)-failed-warned, warned, failed, elapsed.Round(10*time.Millisecond))
}
