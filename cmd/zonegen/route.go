package main

import (
	"fmt"
	"net/netip"
	"strings"

	"github.com/spf13/cobra"
)

func (a *app) routeCommand() *cobra.Command {
	var from string
	cmd := &cobra.Command{
		Use:   "route URL",
		Short: "Show where a request goes: proxy, module, app, zone, load balancer, front-ends",
		Long: `route answers, from the source alone, what the generated proxies do with a URL:
which proxy answers its host, which module and app the first path segment matches
(case-insensitively), which zone serves it, the zone address and its front-ends; or why
the request gets 400, 403 or 404. Exit 0 when routed, 1 when not, 2 on error.`,
		Example: "  zonegen route https://www.exampledomain.com/App1InDZ1/Home\n  zonegen route --from 10.0.9.5 https://www.exampledomain.com/ServiceCenter/",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			var src netip.Addr
			if from != "" {
				var err error
				if src, err = netip.ParseAddr(from); err != nil {
					return invalidf("--from %q: not an IP address", from)
				}
			}
			plan, err := a.plan(a.cfg.Env)
			if err != nil {
				return err
			}
			r, err := plan.Route(args[0], "", src) // the plan is narrowed to --env already
			if err != nil {
				if a.cfg.Env != "" {
					return invalidf("%v (--env %s)", err, a.cfg.Env)
				}
				return invalidf("%v", err)
			}
			w := a.stdout
			fmt.Fprintf(w, "proxy     %s (%s, environment %s)\n", r.Proxy.Name, r.Proxy.Host, r.Env.Name)
			fmt.Fprintf(w, "status    %d\n", r.Status)
			if h := r.Proxy.HSTS; h != nil {
				fmt.Fprintf(w, "hsts      Strict-Transport-Security: %s on every HTTPS answer (proxies.%s.hsts)\n", h.Header(), r.Proxy.Name)
			}
			if r.Route != nil {
				app := r.Route.App
				if r.Route.Platform {
					app = "(platform path)"
				} else if r.Route.System {
					app = "(System Component)"
				}
				fmt.Fprintf(w, "module    /%s\n", r.Route.Path)
				fmt.Fprintf(w, "app       %s\n", app)
				fmt.Fprintf(w, "zone      %s (address %s)\n", r.Zone.Name, r.Zone.Address.Value)
				var targets []string
				for _, t := range r.Upstream.Targets {
					targets = append(targets, t.Label())
				}
				fmt.Fprintf(w, "upstream  %s://%s\n", r.Upstream.Scheme, strings.Join(targets, ", "))
				fmt.Fprintf(w, "servers   %s\n", strings.Join(r.Zone.Servers, ", "))
			}
			fmt.Fprintf(w, "why       %s\n", r.Reason)
			if r.Status != 200 {
				return &exitError{code: exitChanges, err: fmt.Errorf("not routed"), silent: true}
			}
			return nil
		},
	}
	cmd.Flags().String("env", "", "only look at this environment's proxies")
	cmd.Flags().StringVar(&from, "from", "", "client IP address, for platform allow lists")
	return cmd
}
