package topology

// DNS records: every name the environment's configs and people resolve, and where it must
// point (production-day.md, "what operators expect next": DNS records to create). A name
// that does not resolve fails late and far from its cause: nginx and HAProxy refuse to
// start on an upstream or server they cannot resolve, an app's URL does not open, LifeTime
// cannot register the environment. The hosts files (R7) answer only on the servers that
// carry them.

import (
	"net/netip"
	"slices"
	"strings"
)

// DNSRecord is one name to create in DNS.
type DNSRecord struct {
	// Name is the DNS name, as the source writes it (DNS compares names ignoring case).
	Name string
	// Addrs are the IP addresses it resolves to, canonical and sorted; empty when the
	// source does not know them (Target says what answers there).
	Addrs []string
	// Target says, in words, what answers at the name.
	Target string
	// Resolvers say who resolves the name and why, in a fixed order.
	Resolvers []DNSResolver
	// Conflict says what else the source points the same name at, "" when nothing does:
	// one name, two different places.
	Conflict string
}

// DNSResolver is who resolves a name, and every reason they do.
type DNSResolver struct {
	Who string
	Why []string
}

// Type is the record type: A, AAAA, both, or "A or AAAA" when the addresses are unknown.
func (d DNSRecord) Type() string {
	var v4, v6 bool
	for _, a := range d.Addrs {
		if ip, err := netip.ParseAddr(a); err == nil && ip.Is4() {
			v4 = true
		} else {
			v6 = true
		}
	}
	switch {
	case v4 && v6:
		return "A, AAAA"
	case v6:
		return "AAAA"
	case v4:
		return "A"
	}
	return "A or AAAA"
}

// dnsClients resolve the names users type.
const dnsClients = "clients (users, mobile apps, Service Studio, Integration Studio)"

// DNS lists the names environment e needs resolved, in a fixed order: proxies, zone
// addresses, the Hostname, the LifeTime address, servers, Ansible hosts. IP literals need no
// record and are left out. Only e's own values are read (and, for the LifeTime environment,
// Plan.Lifetime), so that a narrowed Plan (--env) gives the same records.
func (p *Plan) DNS(e *EnvPlan) []DNSRecord {
	var out []DNSRecord
	index := map[string]int{}
	// add records name → addrs (target) for who, because why; a name already listed gains
	// who and why, and a different known place is its conflict.
	add := func(name string, addrs []string, target, who, why string) {
		if name == "" || isIP(name) {
			return
		}
		addrs = slices.Compact(slices.SortedFunc(slices.Values(addrs), compareAddr))
		key := strings.ToLower(name)
		i, ok := index[key]
		if !ok {
			index[key] = len(out)
			out = append(out, DNSRecord{Name: name, Addrs: addrs, Target: target, Resolvers: []DNSResolver{{who, []string{why}}}})
			return
		}
		d := &out[i]
		if j := slices.IndexFunc(d.Resolvers, func(r DNSResolver) bool { return r.Who == who }); j < 0 {
			d.Resolvers = append(d.Resolvers, DNSResolver{who, []string{why}})
		} else if !slices.Contains(d.Resolvers[j].Why, why) {
			d.Resolvers[j].Why = append(d.Resolvers[j].Why, why)
		}
		switch {
		case target == "": // a reference: what answers is said where it is declared
		case d.Target == "":
			d.Addrs, d.Target = addrs, target
		case target == d.Target || len(addrs) > 0 && slices.Equal(addrs, d.Addrs):
		case d.Conflict == "":
			d.Conflict = target + placeText(addrs)
		}
	}

	for _, px := range e.Proxies {
		addrs, target := answering("proxy "+px.Name, px.Listen.Address, px.Machines, px.MachineAddrs, "proxies."+px.Name+".listen.address", "proxies."+px.Name+".machines")
		if len(px.RealIPFrom) > 0 {
			// Behind a WAF or CDN, clients resolve the name to it in public DNS (split DNS).
			add(px.Host, addrs, target+"; clients resolve it to the WAF or CDN in front of it", "the WAF or CDN in front of it (realIpFrom)", "its origin")
		} else {
			add(px.Host, addrs, target, dnsClients, "the environment is published through proxy "+px.Name+" (R6)")
		}
	}
	for _, z := range e.Zones {
		if z.Address.Value == "" {
			continue
		}
		var addrs []string
		var target string
		switch {
		case z.External:
			target = "zone " + z.Name + "'s external load balancer, at its virtual address"
		case z.LoadBalancer != "":
			addrs, target = answering("zone "+z.Name+"'s pool", z.BindAddress, z.LBMachines, z.LBMachineAddrs, "zones."+z.Name+".listen.address", "zones."+z.Name+".lbMachines")
		default:
			// R2: a zone without a load balancer is reached at its single front-end.
			target = "zone " + z.Name + "'s front-end"
			if len(z.Servers) == 1 && e.Server(z.Servers[0]) != nil && strings.EqualFold(e.Server(z.Servers[0]).Address, z.Address.Value) {
				target = "server " + z.Servers[0]
			}
		}
		why := "internal calls into zone " + z.Name + " go to its Deployment Zone Address (R2)"
		if mapped(e, z.Address.Value) {
			why += "; its own front-ends map it to 127.0.0.1 in their hosts file (R7)"
		}
		add(z.Address.Value, addrs, target, "the environment's servers", why)
		for _, px := range proxiesTo(e, func(t Target) bool { return strings.EqualFold(t.Host, z.Address.Value) }) {
			add(z.Address.Value, addrs, target, px, "its upstream for zone "+z.Name+", resolved when nginx or HAProxy starts")
		}
	}
	// R4: without a proxy, clients reach the default zone, so an explicit Hostname points
	// where its address does.
	var addrs []string
	target := ""
	if z := e.Zone(DefaultZone); len(e.Proxies) == 0 && z != nil && !strings.EqualFold(z.Address.Value, e.Hostname.Value) {
		if isIP(z.Address.Value) {
			addrs, target = []string{canonicalIP(z.Address.Value)}, "zone "+z.Name+"'s address: without a reverse proxy clients reach the front-ends there (R4)"
		} else if i, ok := index[strings.ToLower(z.Address.Value)]; ok {
			addrs, target = out[i].Addrs, out[i].Target+" (as "+z.Address.Value+": a CNAME to it will do)"
		}
	}
	add(e.Hostname.Value, addrs, target, dnsClients, "Service Center's Hostname, the address in every app's URL (R4)")
	if e.LifetimeAddress != nil {
		add(e.LifetimeAddress.Value, nil, "", "LifeTime's servers", "they register the environment and deploy to it at this address (R8)")
	}
	if p.Lifetime != nil && p.Lifetime.Env == e.Name {
		for _, t := range p.Lifetime.Environments {
			add(t.Callback.Value, nil, "", "the managed environments' servers", "they call LifeTime back at it (R8)")
		}
	}
	if c := e.CacheInvalidation; c != nil {
		addrs, target := answering(cacheOwner, c.BindAddress, c.LBMachines, c.LBMachineAddrs, "cacheInvalidation.listen.address", "cacheInvalidation.lbMachines")
		add(c.LoadBalancer, addrs, target, "the environment's servers", "the Configuration Tool's cache invalidation service address (cache-invalidation/high-availability.md)")
		for _, n := range c.Nodes {
			add(n.Host, nil, "RabbitMQ node "+n.Host, cacheOwner, "a back end, resolved when nginx or HAProxy starts")
		}
	}
	for _, s := range e.Servers {
		if isIP(s.Address) {
			continue
		}
		var who []string
		for _, z := range e.Zones {
			if z.Pool() && slices.Contains(z.Servers, s.Name) {
				who = append(who, "zone "+z.Name+"'s pool")
			}
		}
		who = append(who, proxiesTo(e, func(t Target) bool { return t.Name == s.Name && strings.EqualFold(t.Host, s.Address) })...)
		target := "server " + s.Name
		for _, w := range who {
			add(s.Address, nil, target, w, "a back end, resolved when nginx or HAProxy starts")
		}
		add(s.Address, nil, target, "the environment's servers", "the server's own name")
	}
	for _, s := range e.Servers {
		if s.AnsibleHost != s.Address {
			add(s.AnsibleHost, nil, "server "+s.Name, "the Ansible controller", "it connects to the server at it (ansibleHost, WinRM)")
		}
	}
	for _, m := range e.Machines {
		add(m.Address, nil, "machine "+m.Name, "the Ansible controller", "it connects to the machine at it (SSH)")
	}
	for i := range out {
		if out[i].Target == "" {
			out[i].Target = "not in the source: what answers at it is yours (a WAF, CDN or load balancer)"
		}
	}
	return out
}

// answering is where a name served by what (a proxy, a pool) points: its listen address
// when it has one (a VIP), else the addresses of the machines that run it. Several machines
// and no listen address is DNS round robin: a client keeps trying the address of a machine
// that is down, so the target says to set field (a VIP, keepalived). machinesField is
// where the source names the machines. A listener on "::" answers on IPv6 too, at addresses
// the source does not know: the target says to add them.
func answering(what, listen string, machines, machineAddrs []string, field, machinesField string) ([]string, string) {
	addrs, target := answeringAt(what, listen, machines, machineAddrs, field, machinesField)
	if DualStack(listen) { // it answers on IPv6 too, at addresses the source does not know
		target += "; it listens on IPv6 too: add each machine's IPv6 address as an AAAA record"
	}
	return addrs, target
}

// answeringAt is answering without the IPv6 note.
func answeringAt(what, listen string, machines, machineAddrs []string, field, machinesField string) ([]string, string) {
	if a := listenEgress(listen); a != "" {
		return []string{a}, what + ", at its listen address"
	}
	var ips, names []string
	for i, a := range machineAddrs {
		if isIP(a) {
			ips = append(ips, canonicalIP(a))
		} else {
			names = append(names, machines[i])
		}
	}
	switch {
	case len(machines) == 0:
		return nil, what + ", on a machine the source does not name (" + machinesField + "): its address"
	case len(names) > 0:
		return ips, what + " on machine " + strings.Join(machines, ", ") + " (known by name: " + strings.Join(names, ", ") + "'s address)"
	case len(machines) == 1:
		return ips, what + " on machine " + machines[0]
	}
	return ips, what + " on machines " + strings.Join(machines, ", ") + ": one record each is round robin without failover; set " + field + " to a virtual address they share (keepalived)"
}

// proxiesTo names ("proxy P") the proxies of e with an upstream target that match accepts,
// each once, in order.
func proxiesTo(e *EnvPlan, match func(Target) bool) []string {
	var out []string
	for _, px := range e.Proxies {
		if slices.ContainsFunc(px.Upstreams, func(u *Upstream) bool { return slices.ContainsFunc(u.Targets, match) }) {
			out = append(out, "proxy "+px.Name)
		}
	}
	return out
}

// placeText is " (addresses)" or "" for unknown ones.
func placeText(addrs []string) string {
	if len(addrs) == 0 {
		return ""
	}
	return " (" + strings.Join(addrs, ", ") + ")"
}

// mapped says whether a server of e maps name in its hosts file (R7).
func mapped(e *EnvPlan, name string) bool {
	for _, s := range e.Servers {
		for _, h := range s.Hosts {
			if strings.EqualFold(h.Name, name) {
				return true
			}
		}
	}
	return false
}
