package topology

// Servers: defaults, roles and ports of an environment's servers.

import (
	"fmt"
	"maps"
	"slices"
)

func (r *resolver) servers(path string, env *Environment, ep *EnvPlan) map[string]*ServerPlan {
	out := map[string]*ServerPlan{}
	if len(env.Servers) == 0 {
		r.errorf(path+".servers", "", "declare at least one server, e.g. servers: { fe1: {} }", "no servers")
		return out
	}
	for _, sn := range slices.Sorted(maps.Keys(env.Servers)) {
		s := env.Servers[sn]
		sp := joinKey(path+".servers", sn)
		if !r.inventoryName(sp, sn, "server", "name servers like Windows computers: letters, digits, '-' and dots") {
			continue
		}
		srv := &ServerPlan{Name: sn, Address: s.Address, TLS: true, Ports: Ports{HTTP: 80, HTTPS: 443}}
		if srv.Address == "" {
			srv.Address = sn
		} else if !r.host(sp+".address", srv.Address) {
			continue
		}
		srv.AnsibleHost = srv.Address
		srv.Drain = s.Drain
		if !isIP(srv.Address) {
			srv.TLSName = srv.Address
		}
		if s.AnsibleHost != "" {
			if !r.host(sp+".ansibleHost", s.AnsibleHost) {
				continue
			}
			srv.AnsibleHost = s.AnsibleHost
		}
		if s.TLS != nil {
			srv.TLS = *s.TLS
		}
		if s.Ports != nil {
			srv.Ports = r.ports(sp+".ports", *s.Ports)
		}
		roles := s.Roles
		if roles == nil {
			roles = []string{RoleFrontend}
		}
		if len(roles) == 0 {
			r.errorf(sp+".roles", "", "give frontend, controller or both", "a server needs a role")
		}
		for i, role := range roles {
			switch role {
			case RoleFrontend:
				srv.Frontend = true
			case RoleController:
				srv.Controller = true
			default:
				r.errorf(fmt.Sprintf("%s.roles[%d]", sp, i), "", "roles are frontend and controller", "unknown role %s", quote(role))
			}
		}
		out[sn] = srv
		ep.Servers = append(ep.Servers, srv)
	}
	if r.report.OK() && len(frontends(ep.Servers)) == 0 {
		r.errorf(path+".servers", "", "give at least one server the frontend role", "no front-end server")
	}
	// Every environment has one Deployment Controller: alone, the single server is it
	// ("Single server", possible setups); among several, the source must say which, or the
	// firewall flows to and from it (12000, 12001, network-requirements.md) can only name
	// every front-end.
	if len(ep.Servers) > 1 && !slices.ContainsFunc(ep.Servers, func(s *ServerPlan) bool { return s.Controller }) {
		r.warnf(path+".servers", "", "give the server that runs the Deployment Controller roles: ['frontend', 'controller'], or add a controller",
			"%d servers and none has the controller role: firewall.md opens the controller's ports on every front-end", len(ep.Servers))
	}
	return out
}

// inventoryName checks the name of an inventory host (a server or a machine): a host name,
// never an IPv6 literal, since it also names files.
func (r *resolver) inventoryName(path, name, what, hint string) bool {
	kind, msg := checkHost(name)
	if msg == "" && kind == hostIPv6 {
		msg = "an IPv6 literal cannot name a " + what + " (it names files and inventory hosts)"
	}
	if msg != "" {
		r.errorf(path, "", hint, "invalid %s name: %s", what, msg)
		return false
	}
	return true
}

// ports applies defaults to partially given ports and checks their range.
func (r *resolver) ports(path string, p Ports) Ports {
	if p.HTTP == 0 {
		p.HTTP = 80
	}
	if p.HTTPS == 0 {
		p.HTTPS = 443
	}
	for _, x := range []struct {
		field string
		v     int
	}{{"http", p.HTTP}, {"https", p.HTTPS}} {
		if x.v < 1 || x.v > 65535 {
			r.errorf(path+"."+x.field, "", "a port from 1 to 65535", "invalid port %d", x.v)
		}
	}
	return p
}

func frontends(servers []*ServerPlan) []*ServerPlan {
	var out []*ServerPlan
	for _, s := range servers {
		if s.Frontend {
			out = append(out, s)
		}
	}
	return out
}
