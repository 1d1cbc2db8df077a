package topology

// Failover addresses (VRRP; production-day.md, "what operators expect next": a listen
// address per pool with keepalived). A zone's pool or a proxy that listens on one IP address
// and runs on two machines or more binds that address on each of them, so one machine must
// hold it at a time and another take it over when that one, or its engine, fails. keepalived
// does (generators/keepalived.go): one VRRP instance per address, spoken between those
// machines only (unicast, check_unicast_src), the first machine of the source's list first.
//
// Every machine binds the address before it holds it (net.ipv4.ip_nonlocal_bind, which the
// machine needs; the Ansible role does not set it yet), and connects to the front-ends from its own address: a standby whose
// health checks left from the shared address would never see their answers, which go to the
// machine that holds it, and would start every failover with its servers down. So R10 lists
// each machine's address (FromAddrs), and an egress is refused there.

import (
	"net/netip"
	"regexp"
	"slices"
	"strings"
)

// Failover is a listen address keepalived moves between the machines that run a zone's pool
// or a proxy.
type Failover struct {
	// Owner is what listens on the address, `zone "DZ1"'s pool` or `proxy "www"`; Path is
	// its place in the source (environments.E.zones.Z, environments.E.proxies.P).
	Owner, Path string
	// ID is a config-safe name unique in the plan: the pool's or the proxy's prefix
	// (PoolPrefix, ProxyPrefix), keepalived's instance name.
	ID string
	// Address is the shared IPv4 address (the listen address), canonical.
	Address string
	// VRID is keepalived's virtual_router_id: listen.vrid, else Address's last byte.
	VRID int
	// Machines are in the source's order, which is their priority: the first healthy one
	// holds the address.
	Machines []FailoverMachine
}

// FailoverMachine is one machine of a Failover.
type FailoverMachine struct {
	Name string
	// Address is the machine's own IPv4 address: keepalived speaks VRRP from it to the
	// others', and the pool or proxy connects to the front-ends from it.
	Address string
	// Interface is machines.M.interface, where keepalived adds Address.
	Interface string
	// Engine is the machine's nginx or haproxy, which keepalived tracks: a machine whose
	// engine is down gives the address up.
	Engine string
	// Priority is keepalived's: 200 for the first machine, one less for each next one.
	Priority int
}

// failsOver says what listens on addr and runs on machines moves between them: one IP
// address (not all of them) on two machines or more.
func failsOver(addr string, machines []string) bool {
	return listenEgress(addr) != "" && len(machines) > 1
}

// failover is the Failover of the pool or proxy at path listening on addr, run by machines
// (checked, in the source's order: zones.Z.lbMachines, proxies.P.machines); nil when it does
// not fail over. Machines' own fields are checked once for the plan, by checkFailovers.
func (r *resolver) failover(path, owner, id, addr string, vrid int, machines []string) *Failover {
	if !failsOver(addr, machines) {
		if vrid != 0 {
			r.errorf(path+".listen.vrid", "", "drop vrid, or list two machines or more",
				"vrid is keepalived's, for a listen address shared by two machines or more, and %s runs on %d", owner, len(machines))
		}
		return nil
	}
	a, _ := netip.ParseAddr(addr)
	if !a.Unmap().Is4() {
		r.errorf(path+".listen.address", "", "fail over an IPv4 address, or run it on one machine",
			"the listen address %s is shared by %d machines, and zonegen's keepalived moves IPv4 addresses only", addr, len(machines))
		return nil
	}
	f := &Failover{Owner: owner, Path: path, ID: id, Address: a.Unmap().String(), VRID: vrid}
	if f.VRID == 0 {
		f.VRID = int(a.Unmap().As4()[3])
		if f.VRID == 0 {
			r.errorf(path+".listen", "", "set listen.vrid: a number from 1 to 255 that no other failover address of these machines uses",
				"keepalived's virtual router id defaults to the listen address's last byte, and %s's is 0", f.Address)
		}
	} else if f.VRID < 1 || f.VRID > 255 {
		r.errorf(path+".listen.vrid", "", "a number from 1 to 255", "invalid virtual router id %d", f.VRID)
	}
	for i, n := range machines {
		fm := FailoverMachine{Name: n, Priority: 200 - i}
		if m := r.spec.Environments[r.machineEnv[n]].Machines[n]; m != nil {
			fm.Address, fm.Interface, fm.Engine = canonicalIP(m.Address), m.Interface, m.Engine
		}
		f.Machines = append(f.Machines, fm)
	}
	for _, m := range f.Machines {
		r.failoverMachine(f, m)
		if m.Address == f.Address {
			r.errorf(joinKey(joinKey("environments", r.machineEnv[m.Name])+".machines", m.Name)+".address", "", "give the machine an address of its own beside the shared one",
				"machine %s's own address is the listen address %s of %s: keepalived moves that one to another machine", m.Name, m.Address, f.Owner)
		}
	}
	return f
}

// failoverMachine checks, once per machine, what keepalived needs of a machine that shares
// a failover address: its interface, and its own IPv4 address.
func (r *resolver) failoverMachine(f *Failover, m FailoverMachine) {
	if r.failoverChecked[m.Name] {
		return
	}
	if r.failoverChecked == nil {
		r.failoverChecked = map[string]bool{}
	}
	r.failoverChecked[m.Name] = true
	mp := joinKey(joinKey("environments", r.machineEnv[m.Name])+".machines", m.Name)
	switch {
	case m.Interface == "":
		r.errorf(mp+".interface", "", "name the network interface the machine reaches the front-ends and its clients on, e.g. interface: 'eth0'",
			"machine %s shares the listen address %s of %s with %s: keepalived needs the interface to add it to", m.Name, f.Address, f.Owner, others(f, m.Name))
	case !interfaceName.MatchString(m.Interface):
		r.errorf(mp+".interface", "", "a Linux interface name: letters, digits, '_', '.', '-', at most 15",
			"invalid interface name %s", quote(m.Interface))
	}
	if a, err := netip.ParseAddr(m.Address); err != nil || !a.Is4() {
		r.errorf(mp+".address", "", "give the machine's own IPv4 address",
			"machine %s shares the listen address %s of %s with %s: keepalived speaks VRRP from the machine's own IPv4 address, and it is %s", m.Name, f.Address, f.Owner, others(f, m.Name), quote(m.Address))
	}
}

// interfaceName is a Linux network interface name (IFNAMSIZ: 15 bytes), written plainly
// into keepalived.conf.
var interfaceName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]{0,14}$`)

// checkFailovers checks what the failover addresses ask of the plan as a whole: each
// machine's own IPv4 address and interface (reported once per machine), one owner per
// address, and virtual router ids apart on each machine.
func (r *resolver) checkFailovers(plan *Plan) {
	var all []*Failover
	for _, e := range plan.Environments {
		all = append(all, e.Failovers()...)
	}
	holds := map[string][]*Failover{} // by machine name
	for _, f := range all {
		for _, m := range f.Machines {
			holds[m.Name] = append(holds[m.Name], f)
		}
	}
	clashed := map[[2]*Failover]bool{}
	for _, e := range plan.Environments {
		ep := joinKey("environments", e.Name)
		for _, m := range e.Machines {
			fs := holds[m.Name]
			spec := r.spec.Environments[e.Name].Machines[m.Name]
			if spec == nil {
				continue
			}
			if len(fs) == 0 {
				if spec.Interface != "" {
					r.warnf(joinKey(ep+".machines", m.Name)+".interface", "", "drop interface, or list the machine beside another for a pool or proxy with a listen address",
						"interface is where keepalived adds failover addresses, and machine %s shares none", m.Name)
				}
				continue
			}
			m.Interface = spec.Interface
			for i, f := range fs {
				for _, prev := range fs[:i] {
					if prev.VRID == f.VRID && f.VRID != 0 && !clashed[[2]*Failover{prev, f}] {
						clashed[[2]*Failover{prev, f}] = true
						r.errorf(f.Path+".listen.vrid", "", "set listen.vrid to a number from 1 to 255 that no other failover address of these machines uses",
							"virtual router id %d of %s (%s) is also the one of %s (%s) on machine %s: keepalived tells the two apart by it", f.VRID, f.Owner, f.Address, prev.Owner, prev.Address, m.Name)
					}
				}
			}
		}
	}
	byAddr := map[string]*Failover{}
	for _, f := range all {
		if prev := byAddr[f.Address]; prev != nil {
			r.errorf(f.Path+".listen.address", "", "give each pool or proxy its own listen address",
				"the listen address %s of %s fails over with %s (%s) too: keepalived moves an address with one pool's or proxy's machines", f.Address, f.Owner, prev.Owner, prev.Path)
			continue
		}
		byAddr[f.Address] = f
	}
}

// Failovers are the environment's failover addresses: its zones' pools', then its proxies',
// in name order, then its cache-invalidation pool's.
func (e *EnvPlan) Failovers() []*Failover {
	var out []*Failover
	for _, z := range e.Zones {
		if z.Failover != nil && z.Pool() {
			out = append(out, z.Failover)
		}
	}
	for _, p := range e.Proxies {
		if p.Failover != nil {
			out = append(out, p.Failover)
		}
	}
	if c := e.CacheInvalidation; c != nil && c.Failover != nil {
		out = append(out, c.Failover)
	}
	return out
}

// inOrder is checked, the sorted valid names of a machine list, in written's order.
func inOrder(written, checked []string) []string {
	var out []string
	for _, n := range written {
		if slices.Contains(checked, n) && !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	return out
}

// others are the machines of f but name, for a message.
func others(f *Failover, name string) string {
	var out []string
	for _, m := range f.Machines {
		if m.Name != name {
			out = append(out, m.Name)
		}
	}
	return strings.Join(out, ", ")
}

// FromAddrs are the addresses the front-ends see the pool's connections come from (R10):
// Egress, else each machine's own when the pool fails over; nil when unknown.
func (z *ZonePlan) FromAddrs() []string { return fromAddrs(z.Egress, z.Failover) }

// FromAddrs are the addresses the front-ends see the proxy's connections come from (R10):
// Egress, else each machine's own when the proxy fails over; nil when unknown.
func (p *ProxyPlan) FromAddrs() []string { return fromAddrs(p.Egress, p.Failover) }

func fromAddrs(egress string, f *Failover) []string {
	if egress != "" {
		return []string{egress}
	}
	if f == nil {
		return nil
	}
	var out []string
	for _, m := range f.Machines {
		out = append(out, m.Address)
	}
	return out
}

// failoverEgress refuses an egress where the listen address fails over (see the top).
func (r *resolver) failoverEgress(path, owner string, machines []string) {
	r.errorf(path+".egress", RuleNetSec, "drop egress: each machine connects from its own address, which R10 lists",
		"%s shares its listen address between %s, so each connects to the front-ends from its own address: a standby's checks from a shared egress would get no answer (failover)",
		owner, strings.Join(machines, " and "))
}
