package topology

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"text/tabwriter"
)

// Settings lists the derived values that are Service Center or LifeTime settings, in the
// order of servicecenter.json's "reasons": the hostname (R4), each zone's address (R2) and
// network security (R10), the address LifeTime registers the environment with (R8). Keys are
// relative to the environment.
func (e *EnvPlan) Settings() []Derivation {
	out := []Derivation{{"hostname", e.Hostname}}
	for _, z := range e.Zones {
		out = append(out, Derivation{"deploymentZones." + z.Name + ".address", z.Address})
	}
	out = append(out, e.networkSettings()...)
	if e.LifetimeAddress != nil {
		out = append(out, Derivation{"lifetimeAddress", *e.LifetimeAddress})
	}
	return out
}

// networkSettings are the R10 values, sorted by key.
func (e *EnvPlan) networkSettings() []Derivation {
	var out []Derivation
	ns := e.Network
	if ns.ProxyHeader != nil {
		out = append(out, Derivation{"networkSecurity.httpToHttpsProxyHeader", *ns.ProxyHeader})
	}
	for _, d := range ns.TrustedProxies {
		out = append(out, Derivation{"networkSecurity.trustedProxyAddresses[" + d.Value + "]", d})
	}
	for _, d := range ns.InternalNetwork {
		out = append(out, Derivation{"networkSecurity.internalNetworkAddresses[" + d.Value + "]", d})
	}
	for _, d := range ns.Unresolved {
		out = append(out, Derivation{"networkSecurity.internalNetworkAddresses[" + d.Value + "]",
			Derived{"(its IP address)", d.Rule, d.Reason + "; known only by name: enter its IP address"}})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out
}

// Derivations lists every derived value of the environment with its rule and reason: the
// Settings, the zones' certificate facts, hosts entries and proxy allow lists. Keys are
// relative to the environment and sorted.
func (e *EnvPlan) Derivations() []Derivation {
	out := e.Settings()
	for _, z := range e.Zones {
		if c := z.Certificate; c.Holds {
			reason := c.Reason
			if len(c.Needs) > 0 {
				reason += "; needed because " + strings.Join(c.Needs, "; ")
			}
			out = append(out, Derivation{"deploymentZones." + z.Name + ".certificate", Derived{"covers " + z.Address.Value, RuleZoneAddr, reason}})
		}
	}
	for _, z := range e.Zones {
		if z.Maintenance != nil {
			out = append(out, Derivation{"deploymentZones." + z.Name + ".maintenance",
				Derived{fmt.Sprintf("503, Retry-After %d", z.Maintenance.RetryAfter), Explicit, z.maintenanceReason()}})
		}
	}
	for _, s := range e.Servers {
		for _, h := range s.Hosts {
			out = append(out, Derivation{"hosts." + s.Name + "." + h.Name,
				Derived{"127.0.0.1", RuleHosts, h.Reason}})
		}
		for _, h := range s.SkippedHosts {
			out = append(out, Derivation{"hosts." + s.Name + "." + h.Name,
				Derived{"(not mapped)", RuleHosts, h.Reason}})
		}
	}
	for _, p := range e.Proxies {
		if !p.Platform {
			continue
		}
		allow := strings.Join(p.Allow, " ")
		if allow == "" {
			allow = "(nobody)"
		}
		reason := "who may reach the platform paths (/ServiceCenter, /server.api, /server.identity)"
		if p.AllowReason != "" {
			reason += ": " + p.AllowReason
		}
		out = append(out, Derivation{"proxies." + p.Name + ".allow", Derived{allow, RuleLTAddress, reason}})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out
}

// Explain renders every derived value of the plan, or of environment env when not "", with
// the rule and reason behind it, followed by each proxy's route table.
func Explain(plan *Plan, env string) (string, error) {
	var b strings.Builder
	found := false
	for _, e := range plan.Environments {
		if env != "" && e.Name != env {
			continue
		}
		found = true
		fmt.Fprintf(&b, "environment %s (%s)\n", e.Name, e.Purpose)
		tw := tabwriter.NewWriter(&b, 0, 4, 2, ' ', 0)
		for _, d := range e.Derivations() {
			rule := string(d.Rule)
			fmt.Fprintf(tw, "  %s\t%s\t%s: %s\n", d.Key, d.Value, rule, d.Reason)
		}
		tw.Flush()
		plan.explainMachines(&b, e)
		for _, p := range e.Proxies {
			fmt.Fprintf(&b, "  proxy %s (%s, tls %s, balance %s)\n", p.Name, p.Host, p.TLS, p.Balance)
			fmt.Fprintf(&b, "    limits: body %s (413 above), request headers %s (400), response headers %s (502)\n",
				FormatSize(p.Limits.Body), FormatSize(p.Limits.RequestHeaders), FormatSize(p.Limits.ResponseHeaders))
			if p.HSTS != nil {
				fmt.Fprintf(&b, "    hsts: Strict-Transport-Security: %s on every HTTPS answer, in place of the front-ends'\n", p.HSTS.Header())
			}
			if len(p.RealIPFrom) > 0 {
				fmt.Fprintf(&b, "    client: the last address of X-Forwarded-For from %s (realIpFrom), else the TCP peer\n", strings.Join(p.RealIPFrom, " "))
			}
			tw := tabwriter.NewWriter(&b, 0, 4, 2, ' ', 0)
			for _, rt := range p.Routes {
				who := "app " + rt.App
				if rt.Platform {
					who = "platform"
				} else if rt.System {
					who = "system"
				}
				u := p.Upstream(rt.Upstream)
				fmt.Fprintf(tw, "    /%s\t→ zone %s\t%s\t%s\n", rt.Path, rt.Zone, who, u.describe())
			}
			tw.Flush()
		}
	}
	if env != "" && !found {
		return "", fmt.Errorf("no environment %q (have %s)", env, strings.Join(plan.envNames(), ", "))
	}
	if plan.Lifetime != nil && (env == "" || env == plan.Lifetime.Env) {
		fmt.Fprintf(&b, "lifetime %s registers\n", plan.Lifetime.Env)
		tw := tabwriter.NewWriter(&b, 0, 4, 2, ' ', 0)
		for _, t := range plan.Lifetime.Environments {
			fmt.Fprintf(tw, "  %s\thttps://%s\t%s: %s\n", t.Name, t.Address.Value, t.Address.Rule, t.Address.Reason)
			fmt.Fprintf(tw, "  %s calls back\thttps://%s\t%s: %s\n", t.Name, t.Callback.Value, t.Callback.Rule, t.Callback.Reason)
		}
		tw.Flush()
	}
	return b.String(), nil
}

func (p *Plan) envNames() []string {
	var names []string
	for _, e := range p.Environments {
		names = append(names, e.Name)
	}
	return names
}

// Upstream returns the proxy's upstream with the given ID, or nil.
func (p *ProxyPlan) Upstream(id string) *Upstream {
	for _, u := range p.Upstreams {
		if u.ID == id {
			return u
		}
	}
	return nil
}

func (u *Upstream) describe() string {
	var targets []string
	for _, t := range u.Targets {
		targets = append(targets, t.Label())
	}
	d := u.Scheme + "://" + strings.Join(targets, ",")
	if u.Maintenance != nil {
		d += " (maintenance: 503)"
	}
	return d
}

// failoverRank says where machine stands for f's address: ", holds 10.0.3.3 first
// (keepalived vrid 3, priority 200)"; "" without a failover.
func failoverRank(f *Failover, machine string) string {
	if f == nil {
		return ""
	}
	i := slices.IndexFunc(f.Machines, func(m FailoverMachine) bool { return m.Name == machine })
	if i < 0 {
		return ""
	}
	rank := "first"
	if i > 0 {
		rank = "after " + f.Machines[i-1].Name
	}
	return fmt.Sprintf(", holds %s %s (keepalived vrid %d, priority %d)", f.Address, rank, f.VRID, f.Machines[i].Priority)
}

// explainMachines lists the Linux machines declared in e, what each runs (of any
// environment: one nginx may serve qa and prod) and the Ansible groups that deploy it; then
// e's proxies and pools that name no machine, whose groups the user's inventory fills.
func (p *Plan) explainMachines(b *strings.Builder, e *EnvPlan) {
	runs := map[string][]string{}
	var unplaced []string
	place := func(env *EnvPlan, machines []string, what, field string, f *Failover) {
		for _, m := range machines {
			runs[m] = append(runs[m], what+failoverRank(f, m))
		}
		if env == e && len(machines) == 0 {
			unplaced = append(unplaced, what+": name its machines in "+field)
		}
	}
	for _, env := range p.Environments {
		for _, z := range env.Zones {
			if z.Pool() {
				place(env, z.LBMachines, "pool of zone "+z.Name+" ("+env.Name+", "+z.LoadBalancer+") in group "+PoolGroup(env.Name, z.Name),
					"zones."+z.Name+".lbMachines", z.Failover)
			}
		}
		for _, px := range env.Proxies {
			place(env, px.Machines, "proxy "+px.Name+" ("+env.Name+", "+px.Host+") in group "+ProxyGroup(env.Name, px.Name),
				"proxies."+px.Name+".machines", px.Failover)
		}
		if c := env.CacheInvalidation; c != nil {
			place(env, c.LBMachines, cacheOwner+" ("+env.Name+", "+c.LoadBalancer+") in group "+PoolGroup(env.Name, CachePoolName),
				"cacheInvalidation.lbMachines", c.Failover)
		}
	}
	for _, m := range e.Machines {
		fmt.Fprintf(b, "  machine %s (%s, address %s)\n", m.Name, m.Engine, m.Address)
		if len(runs[m.Name]) == 0 {
			fmt.Fprintf(b, "    runs nothing: no proxy or zone names it\n")
		}
		for _, w := range runs[m.Name] {
			fmt.Fprintf(b, "    runs %s\n", w)
		}
		if mon := m.Monitoring; mon != nil {
			fmt.Fprintf(b, "    answers monitoring on %s for %s (%s) in group %s\n", mon.HostPort(),
				strings.Join(mon.Allow, " "), mon.AllowReason, MonitorGroup(m.Name))
		}
	}
	for _, w := range unplaced {
		fmt.Fprintf(b, "  no machine runs %s, or fill the group in your own inventory\n", w)
	}
}
