package topology

// A machine's monitoring endpoint (production-day.md, "what operators expect next":
// monitoring endpoints). machines.M.monitoring gives the machine's nginx or HAProxy one more
// listener, of the machine rather than of an environment's proxy or pool: /healthz answers
// "ok" while the engine runs; HAProxy adds its Prometheus exporter (/metrics) and its stats
// page (/stats, which shows each server's state and weight: a drained one at weight 0);
// nginx its stub_status (/stub_status). Only the allow list reaches it: by default the
// environment's internalNetwork, "the networks people and monitoring connect from".

import (
	"net"
	"net/netip"
	"strconv"
)

// defaultMonitoringPort is HAProxy's customary stats port.
const defaultMonitoringPort = 8404

// monitoring resolves machines.M.monitoring at path for the machine mach; nil for none.
func (r *resolver) monitoring(path string, env *Environment, mach *MachinePlan, m *Monitoring) *MonitoringPlan {
	if m == nil {
		return nil
	}
	mp := &MonitoringPlan{Address: m.Address, Port: m.Port}
	addr, err := netip.ParseAddr(m.Address)
	switch {
	case m.Address == "" && isIP(mach.Address):
		mp.Address = canonicalIP(mach.Address)
	case m.Address == "":
		r.errorf(path+".address", "", "set address to the IP address of machine "+mach.Name+" the monitoring system connects to",
			"machine %s is known by name only, and the endpoint binds one IP address", mach.Name)
	case !ipOK(m.Address):
		r.errorf(path+".address", "", "an IP address of machine "+mach.Name, "invalid monitoring address %s", quote(m.Address))
	case err != nil || addr.IsUnspecified():
		r.errorf(path+".address", "", "an IP address of machine "+mach.Name+" on the monitoring network",
			"monitoring address %s is every address: the endpoint would answer on the proxies' networks too", m.Address)
	default:
		mp.Address = canonicalIP(m.Address)
	}
	switch {
	case m.Port == 0:
		mp.Port = defaultMonitoringPort
	case m.Port < 1 || m.Port > 65535:
		r.errorf(path+".port", "", "a port from 1 to 65535", "monitoring port %d is out of range", m.Port)
	}
	if m.Allow != nil {
		mp.Allow = r.cidrs(path+".allow", "", m.Allow)
		mp.AllowReason = "monitoring.allow"
	} else {
		mp.Allow = internalCIDRs(env)
		mp.AllowReason = "the environment's internalNetwork, the networks people and monitoring connect from"
	}
	if len(mp.Allow) == 0 {
		r.errorf(path+".allow", "", "list the monitoring system's addresses in allow, or the environment's internalNetwork",
			"nobody could reach machine %s's monitoring endpoint", mach.Name)
	}
	for _, all := range everyone {
		if covers(mp.Allow, all.prefix) {
			r.warnf(path+".allow", "", "list only the monitoring system's networks",
				"the allow list holds %s: every %s client reads machine %s's status and metrics", all.prefix, all.what, mach.Name)
		}
	}
	return mp
}

// HostPort is where the endpoint listens, address:port (an IPv6 address in brackets), as
// both engines and every client write it.
func (m *MonitoringPlan) HostPort() string {
	return net.JoinHostPort(m.Address, strconv.Itoa(m.Port))
}
