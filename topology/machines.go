package topology

// Linux machines: where Ansible deploys the proxies and zone pools (issue 11). A machine is
// declared once, in one environment, and proxies and zones of any environment may name it:
// one nginx can serve qa and prod.

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

func (r *resolver) machines(path string, env *Environment, ep *EnvPlan) {
	for _, mn := range slices.Sorted(maps.Keys(env.Machines)) {
		m := env.Machines[mn]
		mp := joinKey(path+".machines", mn)
		if !r.inventoryName(mp, mn, "machine", "name machines like hosts: letters, digits, '-' and dots") {
			continue
		}
		if m == nil {
			m = &Machine{}
		}
		mach := &MachinePlan{Name: mn, Address: m.Address, Engine: m.Engine}
		if mach.Address == "" {
			mach.Address = mn
		} else if !r.host(mp+".address", mach.Address) {
			continue
		}
		switch m.Engine {
		case EngineNginx, EngineHAProxy:
		case "":
			r.errorf(mp+".engine", "", "nginx or haproxy", "missing engine")
			continue
		default:
			r.errorf(mp+".engine", "", "nginx or haproxy", "unknown engine %s", quote(m.Engine))
			continue
		}
		mach.Monitoring = r.monitoring(mp+".monitoring", env, mach, m.Monitoring)
		ep.Machines = append(ep.Machines, mach)
	}
}

// machineRefs checks a list of machine names (proxies.P.machines, zones.Z.lbMachines) and
// returns it sorted.
func (r *resolver) machineRefs(path string, names []string) []string {
	var out []string
	seen := map[string]bool{}
	for i, n := range names {
		ip := fmt.Sprintf("%s[%d]", path, i)
		switch {
		case r.machineEnv[n] == "":
			r.errorf(ip, "", "declare it under machines of an environment, or fix the name", "unknown machine %s", quote(n))
		case seen[n]:
			r.errorf(ip, "", "list it once", "machine %s is listed twice", quote(n))
		default:
			seen[n] = true
			out = append(out, n)
		}
	}
	slices.Sort(out)
	return out
}

// machineAddrs are the addresses of machines (checked names), in their order: a machine's
// address, else its name.
func (r *resolver) machineAddrs(machines []string) []string {
	var out []string
	for _, n := range machines {
		if m := r.spec.Environments[r.machineEnv[n]].Machines[n]; m != nil && m.Address != "" {
			out = append(out, m.Address)
		} else {
			out = append(out, n)
		}
	}
	return out
}

// machineEgress is the outgoing address of what runs on machines (a zone's pool, a proxy)
// when it is one machine whose address is an IP literal: R10's trusted proxy is then known
// without an egress field. Several machines, or one known by name, give "" (set egress).
func (r *resolver) machineEgress(machines []string) string {
	if len(machines) != 1 {
		return ""
	}
	n := machines[0]
	m := r.spec.Environments[r.machineEnv[n]].Machines[n]
	if m == nil || !isIP(m.Address) {
		return ""
	}
	return canonicalIP(m.Address)
}

// Machine returns the named machine of any environment, or nil.
func (p *Plan) Machine(name string) *MachinePlan {
	for _, e := range p.Environments {
		for _, m := range e.Machines {
			if strings.EqualFold(m.Name, name) {
				return m
			}
		}
	}
	return nil
}
