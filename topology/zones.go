package topology

// Deployment zones (R2, R3) and the apps published to them (R6 path uniqueness).

import (
	"fmt"
	"maps"
	"slices"
	"sort"
	"strconv"
	"strings"
)

func (r *resolver) zones(path string, env *Environment, ep *EnvPlan, servers map[string]*ServerPlan) map[string]*ZonePlan {
	specs := map[string]*Zone{}
	for k, v := range env.Zones {
		specs[k] = v
	}
	if _, ok := specs[DefaultZone]; !ok {
		// Global always exists; undeclared it includes all servers (FACTS §2).
		specs[DefaultZone] = &Zone{AllServers: true}
	}
	names := slices.Sorted(maps.Keys(specs))
	r.uniqueFold(path+".zones", names, "zones", true)
	out := map[string]*ZonePlan{}
	for _, zn := range names {
		z := specs[zn]
		zp := joinKey(path+".zones", zn)
		if !r.name(zp, zn) {
			continue
		}
		zone := &ZonePlan{Name: zn, LoadBalancer: z.LoadBalancer, HTTPSInternal: z.HTTPSInternal,
			AllServers: z.AllServers, External: z.ExternalLoadBalancer, Ports: Ports{HTTP: 80, HTTPS: 443}}
		if z.ExternalLoadBalancer {
			r.externalLoadBalancer(zp, zn, z)
		}
		if l := z.Listen; l != nil {
			if z.LoadBalancer == "" {
				r.errorf(zp+".listen", "", "drop listen, or give the zone a loadBalancer",
					"listen is where the zone's load balancer accepts connections, and zone %s has none", quote(zn))
			}
			zone.BindAddress = r.listenAddress(zp+".listen.address", l.Address, "the IP address the zone's load-balancer name resolves to, its VIP")
			zone.Ports = r.ports(zp+".listen", Ports{HTTP: l.HTTP, HTTPS: l.HTTPS})
		}
		zone.CA = r.caFile(zp+".ca", z.CA)
		zone.Maintenance = r.maintenance(zp+".maintenance", z.Maintenance)
		if z.CA != "" && z.LoadBalancer == "" {
			r.errorf(zp+".ca", "", "drop ca, or give the zone a loadBalancer",
				"ca verifies the front-ends in the zone's load-balancer health checks, and zone %s has no load balancer", quote(zn))
		}
		switch {
		case z.AllServers && z.Servers != nil:
			r.errorf(zp+".servers", RuleMember, "drop servers, or set allServers: false", "a zone that includes all servers cannot also list servers")
		case z.AllServers:
			for _, s := range frontends(ep.Servers) {
				zone.Servers = append(zone.Servers, s.Name)
			}
		default:
			seen := map[string]bool{}
			for i, sn := range z.Servers {
				sp := fmt.Sprintf("%s.servers[%d]", zp, i)
				s := servers[sn]
				switch {
				case s == nil:
					r.errorf(sp, RuleMember, "declare it under servers, or fix the name", "unknown server %s", quote(sn))
				case !s.Frontend:
					r.errorf(sp, RuleMember, "give it the frontend role or remove it from the zone", "server %s is not a front-end: deployment controllers serve no apps", quote(sn))
				case seen[sn]:
					r.errorf(sp, RuleMember, "list it once", "server %s is listed twice", quote(sn))
				default:
					seen[sn] = true
					zone.Servers = append(zone.Servers, sn)
				}
			}
			sort.Strings(zone.Servers)
			if len(z.Servers) == 0 {
				r.errorf(zp+".servers", RuleMember, "list its front-ends, or set allServers: true", "zone %s has no servers", quote(zn))
			}
		}
		for _, sn := range zone.Servers {
			if s := servers[sn]; s != nil {
				s.Zones = append(s.Zones, zn)
			}
		}
		// The pool binds its load balancer's address when that is an IP literal and no
		// listen address says otherwise; a name it resolves itself, so all addresses.
		if z.LoadBalancer != "" && r.host(zp+".loadBalancer", z.LoadBalancer) && isIP(z.LoadBalancer) && zone.BindAddress == "" && !zone.External {
			zone.BindAddress = z.LoadBalancer
		}
		zone.LBMachines = r.machineRefs(zp+".lbMachines", z.LBMachines)
		zone.LBMachineAddrs = r.machineAddrs(zone.LBMachines)
		// R10: the address it connects to the front-ends from, which the pool binds. An
		// external load balancer's is its own affair (a SNAT address, seldom its VIP): only
		// egress says it.
		vrid := 0
		if z.Listen != nil {
			vrid = z.Listen.VRID
		}
		owner := "zone " + quote(zn) + "'s pool"
		zone.Failover = r.failover(zp, owner, PoolPrefix(ep.Name, zn), zone.BindAddress, vrid, inOrder(z.LBMachines, zone.LBMachines))
		switch {
		case z.Egress != "" && zone.Failover != nil:
			r.failoverEgress(zp, owner, zone.LBMachines)
		case z.Egress != "":
			if z.LoadBalancer == "" {
				r.errorf(zp+".egress", RuleNetSec, "drop egress, or add the zone's loadBalancer", "egress is the outgoing address of the zone's load balancer, and the zone has none")
			}
			zone.Egress = r.egress(zp+".egress", z.Egress)
		case z.LoadBalancer == "" || zone.External || zone.Failover != nil:
		case listenEgress(zone.BindAddress) != "":
			zone.Egress = listenEgress(zone.BindAddress)
		default:
			zone.Egress = r.machineEgress(zone.LBMachines)
		}
		if len(zone.LBMachines) > 0 && z.LoadBalancer == "" {
			r.errorf(zp+".lbMachines", "", "give the zone a loadBalancer, or drop lbMachines", "zone %s has no load balancer, so no pool to run", quote(zn))
		}
		// R2: explicit address, else the load balancer, else the single front-end
		// (scenarios 3-5); a farm without a load balancer has no address (network architecture).
		switch {
		case z.Address != "":
			r.host(zp+".address", z.Address)
			zone.Address = Derived{z.Address, Explicit, "set in the source"}
		case z.LoadBalancer != "":
			zone.Address = Derived{z.LoadBalancer, RuleZoneAddr,
				"the zone's load balancer: internal calls into the zone go through it (scenarios 3-4)"}
		case len(zone.Servers) == 1:
			s := servers[zone.Servers[0]]
			zone.Address = Derived{s.Address, RuleZoneAddr,
				"the zone's only front-end " + s.Name + ", no load balancer (scenarios 1, 5)"}
		case len(zone.Servers) > 1:
			r.errorf(zp, RuleZoneAddr, "add loadBalancer: '<its host name>', or an explicit address",
				"zone %s has %d front-ends (%s) and no load balancer: a farm needs one as its Deployment Zone Address",
				quote(zn), len(zone.Servers), strings.Join(zone.Servers, ", "))
		}
		zone.Certificate = zoneCertificate(z, zone, servers)
		out[zn] = zone
		ep.Zones = append(ep.Zones, zone)
	}
	return out
}

func (r *resolver) apps(path string, env *Environment, ep *EnvPlan, zones map[string]*ZonePlan) {
	names := slices.Sorted(maps.Keys(env.Apps))
	r.uniqueFold(path+".apps", names, "apps", false)
	type appModule struct{ app, module string }
	owner := map[string]appModule{} // lower-case module → the app's module that claimed it
	reserved := reservedPaths()
	system := map[string]bool{}
	for _, m := range ep.SystemModules {
		system[strings.ToLower(m)] = true
	}
	for _, an := range names {
		a := env.Apps[an]
		ap := joinKey(path+".apps", an)
		if !r.name(ap, an) {
			continue
		}
		app := &AppPlan{Name: an, Zone: a.Zone, Mobile: a.Mobile}
		if app.Zone == "" {
			app.Zone = DefaultZone
		}
		zone := zones[app.Zone]
		if zone == nil {
			r.errorf(ap+".zone", RuleMember, "name a zone declared under zones", "unknown zone %s", quote(app.Zone))
		}
		modules := a.Modules
		if modules == nil {
			modules = []string{an}
		}
		if len(modules) == 0 {
			r.errorf(ap+".modules", RuleRouting, "list at least one module, or drop modules to use the app name", "no modules")
		}
		for i, m := range modules {
			// The path is built only for a message: a source has tens of thousands of modules.
			mp := func() string { return ap + ".modules[" + strconv.Itoa(i) + "]" }
			if !isName(m) {
				r.name(mp(), m)
				continue
			}
			k := strings.ToLower(m)
			if reserved[k] {
				r.errorf(mp(), RuleRouting, "rename the module", "%s is a platform path (/ServiceCenter, /server.api, LifeTime...) and cannot be an app module", quote(m))
				continue
			}
			if system[k] {
				r.errorf(mp(), RuleRouting, "rename the module, or remove it from "+path+".systemModules",
					"%s is also a System Component (systemModules), routed to Service Center's zone; a path belongs to one module", quote(m))
				continue
			}
			// IIS matches paths case-insensitively, so /App and /app are one path (R6).
			if prev, dup := owner[k]; dup {
				r.errorf(mp(), RuleRouting, "a path belongs to one module of one app; rename or list it once",
					"module path /%s is already used by %s.%s (paths are case-insensitive)", m, prev.app, prev.module)
				continue
			}
			owner[k] = appModule{an, m}
			app.Modules = append(app.Modules, m)
		}
		sort.Strings(app.Modules)
		if zone != nil {
			zone.Apps = append(zone.Apps, an)
		}
		ep.Apps = append(ep.Apps, app)
	}
}

// reservedPaths are the lower-cased platform and LifeTime paths no module may take.
func reservedPaths() map[string]bool {
	reserved := map[string]bool{}
	for _, p := range append(append([]string(nil), platformPaths...), lifetimePaths...) {
		reserved[strings.ToLower(p)] = true
	}
	return reserved
}

// systemModules resolves the System Components' paths: the source's list, else
// DefaultSystemModules. The platform always deploys System Components to the default zone
// (zones/intro.md), which zonegen calls Service Center's zone (R3).
func (r *resolver) systemModules(path string, env *Environment, ep *EnvPlan) {
	modules := env.SystemModules
	if modules == nil {
		modules = DefaultSystemModules
	}
	reserved := reservedPaths()
	seen := map[string]bool{}
	for i, m := range modules {
		mp := fmt.Sprintf("%s.systemModules[%d]", path, i)
		if !r.name(mp, m) {
			continue
		}
		k := strings.ToLower(m)
		switch {
		case reserved[k]:
			r.errorf(mp, RuleRouting, "drop it: platform paths are routed by platform: true", "%s is a platform path, not a System Component", quote(m))
		case seen[k]:
			r.errorf(mp, RuleRouting, "list it once", "%s is listed twice (paths are case-insensitive)", quote(m))
		default:
			seen[k] = true
			ep.SystemModules = append(ep.SystemModules, m)
		}
	}
	sort.Strings(ep.SystemModules)
}

// externalLoadBalancer refuses what only zonegen's own pool uses on a zone whose load
// balancer is external: zonegen generates no pool for it, so nothing would read them.
func (r *resolver) externalLoadBalancer(zp, zn string, z *Zone) {
	if z.LoadBalancer == "" {
		r.errorf(zp+".externalLoadBalancer", RuleZoneAddr, "set loadBalancer to the name the external load balancer answers on, or drop externalLoadBalancer",
			"zone %s says its load balancer is external and names none", quote(zn))
	}
	for _, f := range []struct {
		field string
		set   bool
	}{{"ca", z.CA != ""}, {"lbMachines", len(z.LBMachines) > 0}, {"listen", z.Listen != nil}} {
		if field := f.field; f.set {
			r.errorf(zp+"."+field, "", "drop "+field+", or drop externalLoadBalancer to have zonegen generate the pool",
				"%s configures the pool zonegen generates, and zone %s's load balancer is external: no pool is generated", field, quote(zn))
		}
	}
}
