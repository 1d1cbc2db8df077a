package topology

// Firewall flows: the TCP connections an environment needs, derived from the servers, zones,
// proxies, machines and LifeTime of the Plan (docs-product setup/network-requirements.md;
// FACTS §2, §3). A platform team hands them to the network team before production day.

import (
	"net/netip"
	"slices"
	"strconv"
	"strings"
)

// Flow is one firewall rule: who connects to whom, on which TCP ports, and why.
type Flow struct {
	From, To string // who, in words
	// FromAddrs and ToAddrs are the addresses as the source gives them (IP addresses or
	// names), sorted; empty when the source does not know them (From or To says what).
	FromAddrs, ToAddrs []string
	Ports              []int // sorted
	Why                string
	// Deny marks a connection to refuse: the destinations must not be reachable from the
	// sources on the ports.
	Deny bool
}

// OutSystems services' ports (network-requirements.md "Open ports").
const (
	portDeploymentController = 12000
	portDeploymentService    = 12001
	portScheduler            = 12002
	portCacheInvalidation    = DefaultCachePort // RabbitMQ, on the controller by default
	portEPMD                 = 4369             // RabbitMQ clustering: peer discovery
	portRabbitCluster        = 25672            // RabbitMQ clustering: inter-node traffic
	portSQLServer            = 1433
	portOracle               = 1521
)

// InternalOnlyPorts must never be open to the Internet (network-requirements.md; FACTS §3).
var InternalOnlyPorts = []int{portDeploymentController, portDeploymentService, portScheduler, 12102}

// Flows lists environment e's firewall flows, in a fixed order: clients, proxies, pools,
// internal calls, the platform services, databases, LifeTime, mobile builds, operations.
func (p *Plan) Flows(e *EnvPlan) []Flow {
	var out []Flow
	add := func(f Flow) {
		// Copies: the lists may be the Plan's own.
		f.FromAddrs = slices.Compact(slices.SortedFunc(slices.Values(f.FromAddrs), compareAddr))
		f.ToAddrs = slices.Compact(slices.SortedFunc(slices.Values(f.ToAddrs), compareAddr))
		f.Ports = slices.Compact(slices.DeleteFunc(slices.Sorted(slices.Values(f.Ports)), func(p int) bool { return p == 0 }))
		self := len(f.FromAddrs) == 1 && slices.Equal(f.FromAddrs, f.ToAddrs) // a server calling itself
		if len(f.Ports) > 0 && !self {
			out = append(out, f)
		}
	}
	var fes, ctrls, all []string
	for _, s := range e.Servers {
		all = append(all, s.Address)
		if s.Frontend {
			fes = append(fes, s.Address)
		}
		if s.Controller {
			ctrls = append(ctrls, s.Address)
		}
	}
	// The address a proxy or pool connects from: its egress (R10), else unknown; only the
	// environment's own values are read, so that a narrowed Plan (--env) gives the same flows.
	from := func(who string, addrs []string, machines []string) (string, []string) {
		switch {
		case len(addrs) > 0:
			return who, addrs
		case len(machines) > 0:
			return who + ", from its machines " + strings.Join(machines, ", "), nil
		}
		return who + " (its outgoing address: set egress)", nil
	}

	const clients = "clients: users, mobile apps, developers' Service Studio and Integration Studio"
	if len(e.Proxies) == 0 {
		add(Flow{From: clients, To: "the environment address (Hostname)", ToAddrs: []string{e.Hostname.Value}, Ports: []int{80, 443},
			Why: "End Users and Development Tools reach the front-ends on 80 and 443 (network-requirements.md)"})
	}
	for _, px := range e.Proxies {
		to := []string{px.Host}
		if a := listenEgress(px.Listen.Address); a != "" { // not all addresses ("::" included)
			to = []string{a}
		}
		f := Flow{From: clients, To: "proxy " + px.Name + " (" + px.Host + ")", ToAddrs: to, Ports: []int{px.Listen.HTTP, px.Listen.HTTPS},
			Why: "the environment is published through the proxy (R6)" + redirectNote(px)}
		if len(px.RealIPFrom) > 0 {
			// Behind a WAF or CDN its peers are the clients' way in (notes/production.md §6).
			f.From, f.FromAddrs = "the WAF or CDN in front of proxy "+px.Name+" (realIpFrom)", px.RealIPFrom
			f.Why = "clients reach the proxy through it, which names them in X-Forwarded-For (R6); allow clients directly too only if some reach the proxy without it" + redirectNote(px)
		}
		add(f)
		for _, u := range px.Upstreams {
			f := Flow{Why: "the proxy forwards zone " + u.Zone + "'s routes (" + u.Scheme + ")"}
			f.From, f.FromAddrs = from("proxy "+px.Name, px.FromAddrs(), px.Machines)
			if z := e.Zone(u.Zone); px.Balance == BalanceZone && z != nil && z.LoadBalancer != "" {
				f.To = "zone " + u.Zone + "'s load balancer"
			} else if px.Balance == BalanceZone {
				f.To = "zone " + u.Zone + "'s address"
			} else {
				f.To = "zone " + u.Zone + "'s front-ends"
			}
			for _, t := range u.Targets {
				f.ToAddrs = append(f.ToAddrs, t.Host)
				f.Ports = append(f.Ports, t.Port)
			}
			add(f)
		}
	}
	for _, z := range e.Zones {
		if z.LoadBalancer == "" {
			continue
		}
		f := Flow{To: "zone " + z.Name + "'s front-ends", Why: "the pool balances over the zone's front-ends, and checks them (FACTS §5)"}
		f.From, f.FromAddrs = from("zone "+z.Name+"'s load balancer", z.FromAddrs(), z.LBMachines)
		if z.External {
			f.From, f.FromAddrs = from("zone "+z.Name+"'s external load balancer", z.FromAddrs(), nil)
			f.Why = "it balances over the zone's front-ends, and checks them (FACTS §5)"
		}
		for _, sn := range z.Servers {
			if s := e.Server(sn); s != nil {
				f.ToAddrs = append(f.ToAddrs, s.Address)
				f.Ports = append(f.Ports, s.Ports.HTTP)
				if s.TLS {
					f.Ports = append(f.Ports, s.Ports.HTTPS)
				}
			}
		}
		add(f)
	}
	for _, z := range e.Zones {
		if z.Address.Value == "" {
			continue
		}
		add(Flow{From: "the environment's servers", FromAddrs: all, To: "zone " + z.Name + "'s address", ToAddrs: []string{z.Address.Value}, Ports: []int{80, 443},
			Why: "internal server-to-server calls into the zone go to its Deployment Zone Address (R2; FACTS §2)"})
	}
	// Every environment has a deployment controller: with one server, that server ("Single
	// server", possible setups); a source with several that names none (a warning) still
	// needs the flows: any front-end may be the one, so the rows name them all.
	ctrl := "deployment controller"
	switch {
	case len(ctrls) == 0 && len(all) == 1:
		ctrls = all
	case len(ctrls) == 0:
		ctrl = "the deployment controller, one of the front-ends (no server has the controller role: give one roles ['frontend', 'controller'])"
		ctrls = fes
	}
	add(Flow{From: "front-ends", FromAddrs: fes, To: ctrl, ToAddrs: ctrls, Ports: []int{portDeploymentController},
		Why: "OutSystems Deployment Controller Service (network-requirements.md)"})
	if c := e.CacheInvalidation; c != nil {
		// cache-invalidation/high-availability.md: the modules connect to the load balancer,
		// which passes each connection to a node; the nodes form one RabbitMQ cluster.
		to := listenEgress(c.BindAddress)
		if to == "" {
			to = c.LoadBalancer
		}
		add(Flow{From: "the environment's servers", FromAddrs: all, To: "the cache-invalidation pool (" + c.LoadBalancer + ")", ToAddrs: []string{to}, Ports: []int{c.Port},
			Why: "Cache Invalidation Service: the Configuration Tool's address is the pool (cache-invalidation/high-availability.md)"})
		f := Flow{To: "the RabbitMQ nodes", Why: "the pool passes each connection to a node, and checks them"}
		for _, n := range c.Nodes {
			f.ToAddrs, f.Ports = append(f.ToAddrs, n.Host), append(f.Ports, n.Port)
		}
		nodes := f.ToAddrs
		f.From, f.FromAddrs = from("the cache-invalidation pool", fromAddrs("", c.Failover), c.LBMachines)
		if len(f.FromAddrs) == 0 && len(c.LBMachines) == 1 {
			f.From, f.FromAddrs = "the cache-invalidation pool's machine "+c.LBMachines[0], c.LBMachineAddrs
		}
		add(f)
		if len(nodes) > 1 {
			add(Flow{From: "the RabbitMQ nodes", FromAddrs: nodes, To: "the RabbitMQ nodes", ToAddrs: nodes, Ports: []int{portEPMD, portRabbitCluster},
				Why: "RabbitMQ clustering: peer discovery (epmd 4369) and inter-node traffic (25672), www.rabbitmq.com/docs/networking"})
		}
	} else {
		add(Flow{From: "front-ends", FromAddrs: fes, To: ctrl, ToAddrs: ctrls, Ports: []int{portCacheInvalidation},
			Why: "Cache Invalidation Service (RabbitMQ), on the controller by default: change the destination if it runs elsewhere, and the port to its TLS listener (5671 in cache-invalidation/enable-tls.md) when the Configuration Tool enables TLS"})
	}
	add(Flow{From: ctrl, FromAddrs: ctrls, To: "front-ends", ToAddrs: fes, Ports: []int{80, portDeploymentService, portScheduler},
		Why: "OutSystems Deployment Service (12001); IIS and Scheduler Service monitoring (80, 12002)"})
	if len(fes) > 1 {
		add(Flow{From: "front-ends", FromAddrs: fes, To: "front-ends", ToAddrs: fes, Ports: []int{80, portDeploymentService, portScheduler},
			Why: "IIS, Deployment Service and Scheduler Service monitoring between front-ends"})
	}
	add(Flow{From: "the environment's servers", FromAddrs: all, To: "the platform and logging databases (not in the source)", Ports: []int{portSQLServer, portOracle},
		Why: "SQL Server 1433 or Oracle 1521: open the one you use"})

	if e.LifetimeAddress != nil {
		add(Flow{From: "LifeTime's servers", FromAddrs: e.LifetimeServers, To: "the environment's LifeTime address", ToAddrs: []string{e.LifetimeAddress.Value}, Ports: []int{443},
			Why: "LifeTime manages the environment over HTTPS (R8; network-requirements.md: both ways)"})
		if e.LifetimeCallback != nil {
			add(Flow{From: "the environment's servers", FromAddrs: all, To: "LifeTime", ToAddrs: []string{e.LifetimeCallback.Value}, Ports: []int{443},
				Why: "the environment calls LifeTime back over HTTPS (R8)"})
		}
	}
	if lt := p.Lifetime; lt != nil && lt.Env == e.Name {
		for _, t := range lt.Environments {
			add(Flow{From: "LifeTime's servers", FromAddrs: all, To: "environment " + t.Name + "'s LifeTime address", ToAddrs: []string{t.Address.Value}, Ports: []int{443},
				Why: "LifeTime manages " + t.Name + " over HTTPS (R8)"})
			add(Flow{From: "environment " + t.Name + "'s servers", FromAddrs: t.Servers, To: "LifeTime", ToAddrs: []string{t.Callback.Value}, Ports: []int{443},
				Why: t.Name + " calls LifeTime back over HTTPS (R8)"})
		}
	}
	if e.Purpose == PurposeLifetime {
		add(Flow{From: "LifeTime's front-ends", FromAddrs: fes, To: "AI Mentor Studio (formerly Architecture Dashboard), if you use it", ToAddrs: []string{"aimentorstudio.outsystems.com", "architecture.outsystems.com"}, Ports: []int{443},
			Why: "its LifeTime probe: aimentorstudio.outsystems.com from probe 4.2, architecture.outsystems.com for 4.0 and 4.1; from 4.3 the service also connects back to the analysed environment's front-ends on 443 (network-requirements.md)"})
	}
	if slices.ContainsFunc(e.Apps, func(a *AppPlan) bool { return a.Mobile }) {
		add(Flow{From: "front-ends", FromAddrs: fes, To: "nativebuilder.api.outsystems.com", Ports: []int{443},
			Why: "the Mobile Apps Build Service generates the mobile apps (network-requirements.md)"})
	}

	add(Flow{From: "the administrators (not in the source)", To: "the environment's servers", ToAddrs: all, Ports: []int{3389},
		Why: "Remote Desktop (network-requirements.md: SysOps)"})
	var winHosts []string
	for _, s := range e.Servers {
		winHosts = append(winHosts, s.AnsibleHost)
	}
	add(Flow{From: "the Ansible controller (not in the source)", To: "the environment's servers", ToAddrs: winHosts, Ports: []int{5985, 5986},
		Why: "WinRM over HTTP or HTTPS, as your ansible_connection and port say (hosts blocks, zone settings)"})
	if len(e.Machines) > 0 {
		var linux []string
		for _, m := range e.Machines {
			linux = append(linux, m.Address)
		}
		add(Flow{From: "the Ansible controller (not in the source)", To: "the Linux machines", ToAddrs: linux, Ports: []int{22},
			Why: "SSH (proxies and pools)"})
	}
	for _, m := range e.Machines {
		if mon := m.Monitoring; mon != nil {
			add(Flow{From: "the monitoring system: " + mon.AllowReason, FromAddrs: mon.Allow, To: "machine " + m.Name + "'s monitoring endpoint",
				ToAddrs: []string{mon.Address}, Ports: []int{mon.Port}, Why: "health, status and metrics of its " + m.Engine + " (machines." + m.Name + ".monitoring)"})
		}
	}
	// A layer-4 pool passes the client's bytes untouched, its X-Forwarded-For included, and
	// IIS trusts that header from the pool's egress (R10): whoever reaches a pool a proxy sends
	// to can claim any client, past brute-force protection and allow lists
	// (notes/production-day.md, 8). Only the proxies and the servers may reach it.
	for _, z := range e.Zones {
		if !z.Proxied || z.External { // an external one is a layer-7 load balancer: checklist.md
			continue
		}
		to := listenEgress(z.BindAddress)
		if to == "" {
			to = z.LoadBalancer
		}
		add(Flow{Deny: true, From: "everyone the rows above do not allow: clients, other networks", To: "zone " + z.Name + "'s load balancer",
			ToAddrs: []string{to}, Ports: []int{z.Ports.HTTP, z.Ports.HTTPS},
			Why: "IIS trusts X-Forwarded-For from it (a trusted proxy, R10), and a layer-4 pool passes a client's own: reaching it directly, anyone can pass for any client"})
	}
	return out
}

// compareAddr orders IP addresses numerically (IPv4 first), then names alphabetically.
func compareAddr(a, b string) int {
	x, errA := netip.ParseAddr(a)
	y, errB := netip.ParseAddr(b)
	switch {
	case errA == nil && errB == nil:
		return x.Compare(y)
	case errA == nil:
		return -1
	case errB == nil:
		return 1
	}
	return strings.Compare(a, b)
}

// redirectNote says why a TLS proxy also listens on HTTP.
func redirectNote(px *ProxyPlan) string {
	if px.TLS != TLSNone && px.Listen.HTTP != 0 {
		return "; HTTP only redirects to HTTPS"
	}
	return ""
}

// PortList is ports as "80, 443".
func PortList(ports []int) string {
	s := make([]string, len(ports))
	for i, p := range ports {
		s[i] = strconv.Itoa(p)
	}
	return strings.Join(s, ", ")
}
