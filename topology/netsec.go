package topology

// R10 Network security: what SSL offloading and Service Center's Network Security need
// beyond the proxy's own headers (docs-howtos reverse-proxy-config.md §C; docs-product
// configure-internal-network.md; notes/production.md §2).

import (
	"fmt"
	"net/netip"
	"strings"
)

// ProxyHeaderParameter and ProxyHeaderValue are the platform parameter SSL offloading needs
// (reverse-proxy-config.md §C).
const (
	ProxyHeaderParameter = "OutSystems.HubEdition.HTTPtoHTTPSproxyHeader"
	ProxyHeaderValue     = "X-Forwarded-Proto: https"
)

// egress checks an egress field: one IP address (it is what IIS sees as the TCP peer).
func (r *resolver) egress(path, s string) string {
	if s == "" {
		return ""
	}
	if !ipOK(s) {
		r.errorf(path, RuleNetSec, "the IP address the machine connects to the front-ends from, e.g. 10.0.3.2", "invalid egress address %s", quote(s))
		return ""
	}
	return canonicalIP(s)
}

// addressList collects IP addresses with their reasons, once each, in first-seen order.
type addressList struct {
	list *[]Derived
	seen map[string]int
}

func newAddressList(list *[]Derived) addressList {
	return addressList{list: list, seen: map[string]int{}}
}

func (l addressList) add(addr, reason string) {
	if i, ok := l.seen[addr]; ok {
		if !strings.Contains((*l.list)[i].Reason, reason) {
			(*l.list)[i].Reason += "; " + reason
		}
		return
	}
	l.seen[addr] = len(*l.list)
	*l.list = append(*l.list, Derived{addr, RuleNetSec, reason})
}

// networkSecurity applies R10 to one environment. It runs after R8, which it needs for the
// LifeTime environment's list of managed servers.
func (r *resolver) networkSecurity(plan *Plan, ep *EnvPlan) {
	path := joinKey("environments", ep.Name)
	env := r.spec.Environments[ep.Name]
	ns := &ep.Network
	trusted := newAddressList(&ns.TrustedProxies)
	internal := newAddressList(&ns.InternalNetwork)
	unresolved := newAddressList(&ns.Unresolved)
	reported := map[string]bool{}
	unknown := func(p *ProxyPlan, at, who string) {
		if !reported[at] {
			reported[at] = true
			r.trustUnknown(p, at, who)
		}
	}
	machine := func(addr, reason string) {
		if isIP(addr) {
			internal.add(canonicalIP(addr), reason)
		} else {
			unresolved.add(addr, reason)
		}
	}

	// The header: the platform treats a request as HTTPS only when told so (§C step 2).
	for _, p := range ep.Proxies {
		if p.TLS == TLSOffload {
			ns.ProxyHeader = &Derived{ProxyHeaderValue, RuleNetSec,
				"proxy " + p.Name + " offloads TLS and sends X-Forwarded-Proto: the platform must read it (reverse-proxy-config.md §C)"}
			break
		}
	}

	// Trusted proxies: the TCP peer of IIS for each proxied request (§C step 3). Behind
	// balance: zone with a load balancer that is the zone's L4 load balancer, otherwise the
	// proxy itself.
	for _, p := range ep.Proxies {
		pp := joinKey(path+".proxies", p.Name)
		for _, u := range p.Upstreams {
			z := ep.Zone(u.Zone)
			if _, pool := p.Peer(z); pool {
				z.Proxied = true
				from := z.FromAddrs()
				if len(from) == 0 {
					unknown(p, joinKey(path+".zones", z.Name)+".egress", "zone "+z.Name+"'s load balancer "+z.LoadBalancer)
					continue
				}
				for _, a := range from {
					trusted.add(a, "zone "+z.Name+"'s load balancer"+failoverNote(z.Failover, a)+", which proxy "+p.Name+" sends to (balance: zone): IIS sees it as the client")
				}
				continue
			}
			from := p.FromAddrs()
			if len(from) == 0 {
				unknown(p, pp+".egress", "proxy "+p.Name+" itself")
				continue
			}
			how := "it balances over zone " + z.Name + "'s front-ends (balance: servers)"
			if p.Balance == BalanceZone {
				how = "zone " + z.Name + " has no load balancer: it connects to the front-end itself"
			}
			for _, a := range from {
				trusted.add(a, "proxy "+p.Name+failoverNote(p.Failover, a)+": "+how+", so IIS sees it as the client")
			}
		}
	}

	// Internal network: the machines that call Service Center and the environment's
	// internal-only endpoints (configure-internal-network.md).
	internal.add("127.0.0.1", "the servers' calls to themselves (localhost, and the hosts-file shortcut of R7)")
	for _, s := range ep.Servers {
		role := "front-end"
		if s.Controller && !s.Frontend {
			role = "deployment controller"
		} else if s.Controller {
			role = "front-end and deployment controller"
		}
		machine(s.Address, "server "+s.Name+", a "+role+" (configure-internal-network.md: the controller and all front-ends)")
	}
	for _, z := range ep.Zones {
		if z.LoadBalancer == "" {
			continue
		}
		reason := "zone " + z.Name + "'s load balancer: calls into the zone from other zones arrive from it"
		from := z.FromAddrs()
		if len(from) == 0 {
			unresolved.add(z.LoadBalancer, reason)
		}
		for _, a := range from {
			internal.add(a, strings.Replace(reason, "'s load balancer", "'s load balancer"+failoverNote(z.Failover, a), 1))
		}
	}
	for _, p := range ep.Proxies {
		for _, a := range p.FromAddrs() {
			internal.add(a, "proxy "+p.Name+"'s own address"+failoverNote(p.Failover, a)+": with it a trusted proxy, its clients are judged by X-Forwarded-For, not by it")
		}
	}
	if ep.Purpose == PurposeLifetime && plan.Lifetime != nil {
		for _, t := range plan.Lifetime.Environments {
			for _, s := range plan.Env(t.Name).Servers {
				machine(s.Address, "server "+s.Name+" of managed environment "+t.Name+": it calls LifeTime back (network-requirements.md, LifeTime both ways)")
			}
		}
	}
	// LifeTime manages the environment through its Service Center and deployment services,
	// which the list guards (configure-internal-network.md; network-requirements.md: LifeTime
	// both ways).
	if lt := plan.Lifetime; lt != nil {
		for _, a := range ep.LifetimeServers {
			machine(a, "a server of LifeTime environment "+lt.Env+": LifeTime manages this environment through Service Center")
		}
	}
	for _, c := range env.InternalNetwork {
		prefix, err := parseAllow(c)
		if err != nil {
			continue // reported by checkInternalNetwork
		}
		addr := prefix.String()
		if prefix.IsSingleIP() {
			addr = prefix.Addr().String()
		}
		internal.add(addr, "listed in internalNetwork (the networks people and monitoring connect from)")
	}
}

// failoverNote names the machine of f whose own address a is, for a reason: " on machine
// M (its listen address fails over)"; "" without a failover.
func failoverNote(f *Failover, a string) string {
	if f == nil {
		return ""
	}
	for _, m := range f.Machines {
		if m.Address == a {
			return " on machine " + m.Name + " (its listen address fails over)"
		}
	}
	return ""
}

// Peer is the address the front-ends of zone z see proxy p's requests come from, the
// trusted proxy (R10): the egress of the zone's load balancer with balance: zone (pool is
// then true), else the proxy's own; "" when unknown, or when it fails over (FromAddrs, which
// it does not bind). Both bind it (source, proxy_bind).
func (p *ProxyPlan) Peer(z *ZonePlan) (addr string, pool bool) {
	if p.Balance == BalanceZone && z.LoadBalancer != "" {
		return z.Egress, true
	}
	return p.Egress, false
}

// trustUnknown reports a machine IIS sees as the client of proxied requests whose address
// is unknown (a name, or a proxy listening on all addresses). With SSL offloading the
// platform then ignores X-Forwarded-Proto from it, and without it in the list every user has
// its address, which brute-force protection locks out (notes/production.md §2).
func (r *resolver) trustUnknown(p *ProxyPlan, at, who string) {
	hint := "set egress to the IP address it connects to the front-ends from"
	if p.TLS != TLSOffload {
		r.warnf(at, RuleNetSec, hint, "Trusted proxy addresses cannot list %s, the client IIS sees behind proxy %s: its address is unknown, so every user would have it", who, p.Name)
		return
	}
	r.errorf(at, RuleNetSec, hint, "proxy %s offloads TLS, and Trusted proxy addresses must list %s, the client IIS sees: its address is unknown", p.Name, who)
}

// canonicalIP writes an IP literal the way netip does (IPv6 compressed, lower case).
func canonicalIP(s string) string {
	if a, err := netip.ParseAddr(s); err == nil {
		return a.String()
	}
	return s
}

// checkInternalNetwork validates internalNetwork with the rest of the environment, so that
// its problems are reported with every other one.
func (r *resolver) checkInternalNetwork(path string, env *Environment) {
	// The list also guards the people: Service Center's console everywhere, LifeTime's on the
	// LifeTime environment, and Service Studio's and Integration Studio's connections
	// (configure-internal-network.md). Saved with servers only, it shuts them out where they
	// must get in: developers on development, everyone on LifeTime.
	if len(env.InternalNetwork) == 0 {
		who := ""
		switch env.Purpose {
		case PurposeDevelopment:
			who = "every developer's Service Studio and Integration Studio, and Service Center's console"
		case PurposeLifetime:
			who = "everyone from the LifeTime console and Service Center"
		}
		if who != "" {
			r.warnf(path+".internalNetwork", RuleNetSec, "list the networks people connect from in internalNetwork, as CIDRs such as 10.20.0.0/16",
				"Internal network addresses would list only servers: saved so, they shut out %s (configure-internal-network.md)", who)
		}
	}
	for i, c := range env.InternalNetwork {
		at := fmt.Sprintf("%s.internalNetwork[%d]", path, i)
		prefix, err := parseAllow(c)
		if err != nil {
			r.errorf(at, RuleNetSec, "a CIDR such as 10.0.8.0/24 or an IP address", "invalid internal network entry %s", quote(c))
		} else if problem := mappedProblem(c, prefix); problem != "" {
			// The list is also the default allow list of the environment's monitoring
			// endpoints, which nginx and HAProxy would then read differently.
			r.errorf(at, RuleNetSec, mappedHint(prefix), "%s (internalNetwork is also the monitoring endpoints' default allow list)", problem)
		}
	}
	// The setting limits Service Center, LifeTime and the development tools to the listed
	// addresses (FACTS.md, configure-internal-network.md); a list of everyone lifts that,
	// and opens the monitoring endpoints that default to it.
	accepted := internalCIDRs(env)
	for _, all := range everyone {
		if covers(accepted, all.prefix) {
			r.warnf(path+".internalNetwork", RuleNetSec, "list only the networks people and monitoring connect from",
				"internalNetwork holds %s: Service Center, LifeTime and the development tools would answer every %s client, and so would the monitoring endpoints that default to it", all.prefix, all.what)
		}
	}
}

// internalCIDRs are the entries of env's internalNetwork that checkInternalNetwork accepts,
// as canonical CIDRs in source order: the monitoring endpoints' default allow list.
func internalCIDRs(env *Environment) []string {
	var out []string
	for _, c := range env.InternalNetwork {
		if prefix, err := parseAllow(c); err == nil && mappedProblem(c, prefix) == "" {
			out = append(out, prefix.String())
		}
	}
	return out
}
