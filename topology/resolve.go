package topology

import (
	"fmt"
	"net/netip"
	"sort"
	"strings"
)

// Purposes of an environment (possible setups: development, quality, production, LifeTime).
const (
	PurposeDevelopment = "development"
	PurposeQuality     = "quality"
	PurposeProduction  = "production"
	PurposeLifetime    = "lifetime"
)

// Server roles.
const (
	RoleFrontend   = "frontend"
	RoleController = "controller"
)

// Proxy TLS modes and balance modes.
const (
	TLSOffload   = "offload"
	TLSReencrypt = "reencrypt"
	TLSNone      = "none"

	BalanceZone    = "zone"
	BalanceServers = "servers"
)

// DefaultZone is the zone OutSystems creates at install and publishes new apps to (FACTS §2).
const DefaultZone = "Global"

// platformPaths are routed to Service Center's zone by a proxy with platform: true (FACTS §4:
// LifeTime calls APIs exposed by Service Center and Server.API).
var platformPaths = []string{"ServiceCenter", "server.api", "server.identity"}

// lifetimePaths are the LifeTime console's own paths, routed by a platform proxy of the
// LifeTime environment (FACTS §3-4).
var lifetimePaths = []string{"lifetime", "LifeTimeSDK", "LifeTimeCore", "lifetimeapi"}

// Default deployment paths on the proxy machines; only labs and tests change them.
const (
	defaultCertDir  = "/etc/ssl/zonegen/"
	defaultCA       = "/etc/ssl/certs/ca-certificates.crt"
	defaultMapDir   = "/etc/haproxy/zonegen/"
	hostnameUseCase = "mobile apps, links in emails, the Service Studio Distribute tab and LifeTime redirects"
)

// Resolve validates spec against every rule of DESIGN.md and derives its Plan. All problems
// are reported at once; the Plan is nil when there are errors.
func Resolve(spec *Spec, source string) (*Plan, *Report) {
	r := &resolver{report: &Report{}, spec: spec}
	plan := r.resolve(source)
	r.report.sort()
	if !r.report.OK() {
		return nil, r.report
	}
	return plan, r.report
}

type resolver struct {
	report *Report
	spec   *Spec
}

func (r *resolver) errorf(path string, rule Rule, hint, format string, args ...any) {
	r.report.Errors = append(r.report.Errors, Problem{Severity: SeverityError, Path: path, Rule: rule,
		Message: fmt.Sprintf(format, args...), Hint: hint})
}

func (r *resolver) warnf(path string, rule Rule, hint, format string, args ...any) {
	r.report.Warnings = append(r.report.Warnings, Problem{Severity: SeverityWarning, Path: path, Rule: rule,
		Message: fmt.Sprintf(format, args...), Hint: hint})
}

// name checks a name field; it reports and returns false when invalid.
func (r *resolver) name(path, name string) bool {
	if msg, ok := checkName(name); !ok {
		r.errorf(path, "", nameHint, "%s", msg)
		return false
	}
	return true
}

// host checks a host field; it reports and returns false when invalid.
func (r *resolver) host(path, host string) bool {
	if _, msg := checkHost(host); msg != "" {
		r.errorf(path, "", "", "%s", msg)
		return false
	}
	if strings.EqualFold(host, "localhost") {
		r.errorf(path, RuleHosts, "name the real host; localhost must keep resolving to the server itself (FACTS §5)",
			"localhost cannot be used here")
		return false
	}
	return true
}

// uniqueFold reports names equal after case folding (and '-'/'_' folding when ids is set).
func (r *resolver) uniqueFold(path string, names []string, what string, ids bool) {
	seen := map[string]string{}
	for _, n := range names {
		k := strings.ToLower(n)
		if ids {
			k = configID(n)
		}
		if prev, dup := seen[k]; dup {
			r.errorf(joinKey(path, n), RuleUnique, "rename one of them",
				"%s %s and %s differ only in case or '-'/'_'; OutSystems, Windows and the generated configs treat them as one", what, quote(prev), quote(n))
			continue
		}
		seen[k] = n
	}
}

func (r *resolver) resolve(source string) *Plan {
	spec := r.spec
	plan := &Plan{Name: spec.Name, Source: source}
	if spec.Name == "" {
		r.errorf("name", "", "give the infrastructure a name, e.g. name: 'acme'", "missing name")
	} else {
		r.name("name", spec.Name)
	}
	if len(spec.Environments) == 0 {
		r.errorf("environments", "", "declare at least one environment", "no environments")
		return plan
	}
	envNames := sortedKeys(spec.Environments)
	r.uniqueFold("environments", envNames, "environments", true)
	r.checkGlobalUniqueness(envNames)

	var lifetimes []string
	for _, en := range envNames {
		if spec.Environments[en].Purpose == PurposeLifetime {
			lifetimes = append(lifetimes, en)
		}
	}
	if len(lifetimes) > 1 {
		for _, en := range lifetimes[1:] {
			r.errorf(joinKey("environments", en)+".purpose", RuleLifeTime, "keep one LifeTime environment",
				"a second LifeTime environment (%s already is one); LifeTime runs in one dedicated environment", quote(lifetimes[0]))
		}
	}
	for _, en := range envNames {
		path := joinKey("environments", en)
		if !r.name(path, en) {
			continue
		}
		if ep := r.environment(path, en, spec.Environments[en]); ep != nil {
			plan.Environments = append(plan.Environments, ep)
		}
	}
	if len(lifetimes) == 1 && r.report.OK() {
		plan.Lifetime = r.lifetime(plan, lifetimes[0])
	}
	for _, e := range plan.Environments {
		for _, p := range e.Proxies {
			if p.Platform && len(p.Allow) == 0 {
				r.warnf(joinKey(joinKey("environments", e.Name)+".proxies", p.Name)+".allow", RuleLTAddress,
					"list the CIDRs that may reach /ServiceCenter, /server.api and /server.identity",
					"platform paths are routed but allowed to nobody: every request to them gets 403")
			}
		}
	}
	return plan
}

// checkGlobalUniqueness applies R9 across environments: server names are inventory hosts
// and proxy hosts are DNS names, so neither may repeat anywhere.
func (r *resolver) checkGlobalUniqueness(envNames []string) {
	servers := map[string]string{}
	hosts := map[string]string{}
	for _, en := range envNames {
		env := r.spec.Environments[en]
		for _, sn := range sortedKeys(env.Servers) {
			k := strings.ToLower(sn)
			if prev, dup := servers[k]; dup {
				r.errorf(joinKey(joinKey("environments", en)+".servers", sn), RuleUnique, "server names are Ansible inventory hosts; rename one",
					"server %s is already declared at %s", quote(sn), prev)
				continue
			}
			servers[k] = joinKey(joinKey("environments", en)+".servers", sn)
		}
		for _, pn := range sortedKeys(env.Proxies) {
			h := strings.ToLower(env.Proxies[pn].Host)
			if h == "" {
				continue
			}
			p := joinKey(joinKey("environments", en)+".proxies", pn) + ".host"
			if prev, dup := hosts[h]; dup {
				r.errorf(p, RuleUnique, "give each proxy its own host name", "proxy host %s is already used at %s", quote(env.Proxies[pn].Host), prev)
				continue
			}
			hosts[h] = p
		}
	}
}

func (r *resolver) environment(path, name string, env *Environment) *EnvPlan {
	ep := &EnvPlan{Name: name, Purpose: env.Purpose}
	errorsBefore := len(r.report.Errors)
	switch env.Purpose {
	case PurposeDevelopment, PurposeQuality, PurposeProduction, PurposeLifetime:
	case "":
		r.errorf(path+".purpose", "", "one of development, quality, production, lifetime", "missing purpose")
	default:
		r.errorf(path+".purpose", "", "one of development, quality, production, lifetime", "unknown purpose %s", quote(env.Purpose))
	}
	lifetime := env.Purpose == PurposeLifetime
	if lifetime {
		if len(env.Apps) > 0 {
			r.errorf(path+".apps", RuleLifeTime, "deploy apps to another environment",
				"the LifeTime environment is dedicated and holds no apps")
		}
		for _, zn := range sortedKeys(env.Zones) {
			if zn != DefaultZone {
				r.errorf(joinKey(path+".zones", zn), RuleLifeTime, "remove the zone", "the LifeTime environment is dedicated and has no zone but Global")
			}
		}
		if env.LifetimeAddress != "" {
			r.errorf(path+".lifetimeAddress", RuleLifeTime, "set lifetimeAddress on the environments LifeTime manages", "the LifeTime environment does not register itself")
		}
	} else if env.Manages != nil {
		r.errorf(path+".manages", RuleLifeTime, "move manages to the LifeTime environment", "only the LifeTime environment manages environments")
	}

	servers := r.servers(path, env, ep)
	zones := r.zones(path, env, ep, servers)
	r.apps(path, env, ep, zones)
	if env.HealthCheck != nil {
		hc := *env.HealthCheck
		if !pathRE.MatchString(hc.Path) {
			r.errorf(path+".healthCheck.path", "", "an absolute URL path such as /HealthCheck/ (letters, digits, . _ ~ / -)", "invalid health-check path %s", quote(hc.Path))
		}
		if !expectRE.MatchString(hc.Expect) {
			r.errorf(path+".healthCheck.expect", "", "one word of letters, digits, . _ : -", "invalid expected string %s", quote(hc.Expect))
		}
		ep.HealthCheck = &hc
	}

	ep.ServiceCenterZone = env.ServiceCenterZone
	if ep.ServiceCenterZone == "" {
		ep.ServiceCenterZone = DefaultZone
	}
	scz := zones[ep.ServiceCenterZone]
	if scz == nil {
		r.errorf(path+".serviceCenterZone", RuleMember, "name a declared zone", "unknown zone %s", quote(ep.ServiceCenterZone))
	} else {
		// System Components live only in zones that include all front-ends (FACTS §2).
		var missing []string
		for _, s := range ep.Servers {
			if s.Frontend && !contains(scz.Servers, s.Name) {
				missing = append(missing, s.Name)
			}
		}
		if len(missing) > 0 {
			r.errorf(path+".serviceCenterZone", RuleMember, "set allServers: true on zone "+scz.Name+", or add the missing front-ends",
				"Service Center's zone %s must hold every front-end (System Components rule); missing %s", quote(scz.Name), strings.Join(missing, ", "))
		}
	}
	if len(r.report.Errors) > errorsBefore {
		return nil // the rest needs a consistent environment
	}
	r.proxies(path, env, ep, zones)
	r.hostname(path, env, ep, zones)
	r.mobile(path, ep, zones)
	r.hostsEntries(path, ep, zones)
	return ep
}

func (r *resolver) servers(path string, env *Environment, ep *EnvPlan) map[string]*ServerPlan {
	out := map[string]*ServerPlan{}
	if len(env.Servers) == 0 {
		r.errorf(path+".servers", "", "declare at least one server, e.g. servers: { fe1: {} }", "no servers")
		return out
	}
	for _, sn := range sortedKeys(env.Servers) {
		s := env.Servers[sn]
		sp := joinKey(path+".servers", sn)
		if kind, msg := checkHost(sn); msg != "" || kind == hostIPv6 {
			if msg == "" {
				msg = "an IPv6 literal cannot name a server (it names files and inventory hosts)"
			}
			r.errorf(sp, "", "name servers like Windows computers: letters, digits, '-' and dots", "invalid server name: %s", msg)
			continue
		}
		srv := &ServerPlan{Name: sn, Address: s.Address, TLS: true, Ports: Ports{HTTP: 80, HTTPS: 443}}
		if srv.Address == "" {
			srv.Address = sn
		} else if !r.host(sp+".address", srv.Address) {
			continue
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
	return out
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

func (r *resolver) zones(path string, env *Environment, ep *EnvPlan, servers map[string]*ServerPlan) map[string]*ZonePlan {
	specs := map[string]*Zone{}
	for k, v := range env.Zones {
		specs[k] = v
	}
	if _, ok := specs[DefaultZone]; !ok {
		// Global always exists; undeclared it includes all servers (FACTS §2).
		specs[DefaultZone] = &Zone{AllServers: true}
	}
	names := sortedKeys(specs)
	r.uniqueFold(path+".zones", names, "zones", true)
	out := map[string]*ZonePlan{}
	for _, zn := range names {
		z := specs[zn]
		zp := joinKey(path+".zones", zn)
		if !r.name(zp, zn) {
			continue
		}
		zone := &ZonePlan{Name: zn, LoadBalancer: z.LoadBalancer, HTTPSInternal: z.HTTPSInternal,
			LocalCertificate: z.LocalCertificate, AllServers: z.AllServers, Ports: Ports{HTTP: 80, HTTPS: 443}}
		if z.Ports != nil {
			zone.Ports = r.ports(zp+".ports", *z.Ports)
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
		if z.LoadBalancer != "" && r.host(zp+".loadBalancer", z.LoadBalancer) && isIP(z.LoadBalancer) {
			zone.BindAddress = z.LoadBalancer
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
		out[zn] = zone
		ep.Zones = append(ep.Zones, zone)
	}
	return out
}

func (r *resolver) apps(path string, env *Environment, ep *EnvPlan, zones map[string]*ZonePlan) {
	names := sortedKeys(env.Apps)
	r.uniqueFold(path+".apps", names, "apps", false)
	owner := map[string]string{} // lower-case module → "app.module" that claimed it
	reserved := map[string]bool{}
	for _, p := range append(append([]string(nil), platformPaths...), lifetimePaths...) {
		reserved[strings.ToLower(p)] = true
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
			mp := fmt.Sprintf("%s.modules[%d]", ap, i)
			if !r.name(mp, m) {
				continue
			}
			k := strings.ToLower(m)
			if reserved[k] {
				r.errorf(mp, RuleRouting, "rename the module", "%s is a platform path (/ServiceCenter, /server.api, LifeTime...) and cannot be an app module", quote(m))
				continue
			}
			// IIS matches paths case-insensitively, so /App and /app are one path (R6).
			if prev, dup := owner[k]; dup {
				r.errorf(mp, RuleRouting, "a path belongs to one module of one app; rename or list it once",
					"module path /%s is already used by %s (paths are case-insensitive)", m, prev)
				continue
			}
			owner[k] = an + "." + m
			app.Modules = append(app.Modules, m)
		}
		sort.Strings(app.Modules)
		if zone != nil {
			zone.Apps = append(zone.Apps, an)
		}
		ep.Apps = append(ep.Apps, app)
	}
}

func (r *resolver) proxies(path string, env *Environment, ep *EnvPlan, zones map[string]*ZonePlan) {
	names := sortedKeys(env.Proxies)
	r.uniqueFold(path+".proxies", names, "proxies", true)
	for _, pn := range names {
		p := env.Proxies[pn]
		pp := joinKey(path+".proxies", pn)
		if !r.name(pp, pn) {
			continue
		}
		px := &ProxyPlan{Name: pn, ID: configID(ep.Name) + "_" + configID(pn), Host: p.Host, TLS: p.TLS,
			Balance: p.Balance, Platform: p.Platform,
			HAProxyMap: defaultMapDir + ep.Name + "/" + pn + ".haproxy.map"}
		if p.Host == "" {
			r.errorf(pp+".host", RuleRouting, "the public host name users type, e.g. www.example.com", "missing host")
		} else {
			r.host(pp+".host", p.Host)
		}
		if px.TLS == "" {
			px.TLS = TLSOffload
		}
		switch px.TLS {
		case TLSOffload, TLSReencrypt, TLSNone:
		default:
			r.errorf(pp+".tls", "", "one of offload, reencrypt, none", "unknown tls mode %s", quote(px.TLS))
		}
		if px.Balance == "" {
			px.Balance = BalanceZone
		}
		switch px.Balance {
		case BalanceZone, BalanceServers:
		default:
			r.errorf(pp+".balance", "", "zone (send to the zone's load balancer) or servers (balance over its front-ends)", "unknown balance mode %s", quote(px.Balance))
		}
		px.Listen = Listen{HTTP: 80, HTTPS: 443}
		if l := p.Listen; l != nil {
			if l.Address != "" {
				if _, err := netip.ParseAddr(l.Address); err != nil {
					r.errorf(pp+".listen.address", "", "an IP address of the proxy machine, or leave it out for all", "invalid listen address %s", quote(l.Address))
				}
				px.Listen.Address = l.Address
			}
			ports := r.ports(pp+".listen", Ports{HTTP: l.HTTP, HTTPS: l.HTTPS})
			px.Listen.HTTP, px.Listen.HTTPS = ports.HTTP, ports.HTTPS
		}
		if px.TLS == TLSNone {
			px.Listen.HTTPS = 0
		} else {
			px.Certificate = p.Certificate
			if px.Certificate == "" {
				px.Certificate = defaultCertDir + p.Host + ".pem"
			} else if !filePathRE.MatchString(p.Certificate) || strings.Contains(p.Certificate, "..") {
				r.errorf(pp+".certificate", "", "an absolute path of letters, digits, . _ - /", "invalid certificate path %s", quote(p.Certificate))
			}
		}
		if px.TLS == TLSReencrypt {
			px.CA = p.CA
			if px.CA == "" {
				px.CA = defaultCA
			} else if !filePathRE.MatchString(p.CA) || strings.Contains(p.CA, "..") {
				r.errorf(pp+".ca", "", "an absolute path of letters, digits, . _ - /", "invalid CA path %s", quote(p.CA))
			}
		} else if p.CA != "" {
			r.errorf(pp+".ca", "", "drop ca, or use tls: reencrypt", "ca verifies upstream certificates and only applies to tls: reencrypt")
		}
		for i, a := range p.Allow {
			prefix, err := parseAllow(a)
			if err != nil {
				r.errorf(fmt.Sprintf("%s.allow[%d]", pp, i), RuleLTAddress, "a CIDR such as 10.0.9.0/24 or an IP address", "invalid allow entry %s", quote(a))
				continue
			}
			px.Allow = append(px.Allow, prefix.String())
		}
		if p.Allow != nil && !p.Platform {
			r.errorf(pp+".allow", RuleLTAddress, "set platform: true, or drop allow", "allow restricts platform paths, which this proxy does not route")
		}

		published := p.Zones
		if published == nil {
			published = sortedKeys(zones)
		}
		seen := map[string]bool{}
		for i, zn := range published {
			if zones[zn] == nil {
				r.errorf(fmt.Sprintf("%s.zones[%d]", pp, i), RuleRouting, "name a zone declared under zones", "unknown zone %s", quote(zn))
				continue
			}
			if seen[zn] {
				r.errorf(fmt.Sprintf("%s.zones[%d]", pp, i), RuleRouting, "list it once", "zone %s is listed twice", quote(zn))
				continue
			}
			seen[zn] = true
			px.Zones = append(px.Zones, zn)
		}
		sort.Strings(px.Zones)
		r.routes(pp, ep, px, zones)
		ep.Proxies = append(ep.Proxies, px)
	}
}

func parseAllow(s string) (netip.Prefix, error) {
	if strings.Contains(s, "/") {
		p, err := netip.ParsePrefix(s)
		return p.Masked(), err
	}
	a, err := netip.ParseAddr(s)
	if err != nil {
		return netip.Prefix{}, err
	}
	return netip.PrefixFrom(a, a.BitLen()), nil
}

// routes builds a proxy's upstreams and its route table (R6, scenario 4): every module of
// every app in a published zone goes to that zone; platform paths go to Service Center's zone.
func (r *resolver) routes(pp string, ep *EnvPlan, px *ProxyPlan, zones map[string]*ZonePlan) {
	upstreams := map[string]*Upstream{}
	upstream := func(zn string) *Upstream {
		if u := upstreams[zn]; u != nil {
			return u
		}
		u := r.upstream(pp, ep, px, zones[zn])
		upstreams[zn] = u
		px.Upstreams = append(px.Upstreams, u)
		return u
	}
	for _, zn := range px.Zones {
		for _, an := range zones[zn].Apps {
			app := ep.App(an)
			u := upstream(zn)
			for _, m := range app.Modules {
				px.Routes = append(px.Routes, Route{Path: m, Key: strings.ToLower(m), App: an, Zone: zn, Upstream: u.ID})
			}
		}
	}
	if px.Platform {
		paths := platformPaths
		if ep.Purpose == PurposeLifetime {
			paths = append(append([]string(nil), platformPaths...), lifetimePaths...)
		}
		u := upstream(ep.ServiceCenterZone)
		for _, p := range paths {
			px.Routes = append(px.Routes, Route{Path: p, Key: strings.ToLower(p), Zone: ep.ServiceCenterZone, Upstream: u.ID, Platform: true})
		}
	}
	sort.Slice(px.Routes, func(i, j int) bool { return px.Routes[i].Key < px.Routes[j].Key })
	sort.Slice(px.Upstreams, func(i, j int) bool { return px.Upstreams[i].ID < px.Upstreams[j].ID })
	if len(px.Routes) == 0 {
		r.warnf(pp, RuleRouting, "publish a zone that holds apps, or set platform: true", "proxy %s routes no path: every request gets 404", quote(px.Name))
	}
}

func (r *resolver) upstream(pp string, ep *EnvPlan, px *ProxyPlan, zone *ZonePlan) *Upstream {
	u := &Upstream{ID: "zone_" + configID(zone.Name), Zone: zone.Name, Scheme: "http"}
	if px.TLS == TLSReencrypt {
		u.Scheme = "https"
	}
	if px.Balance == BalanceZone {
		port := zone.Ports.HTTP
		if u.Scheme == "https" {
			port = zone.Ports.HTTPS
			u.TLSName = zone.Address.Value
			// The TLS session ends on a front-end behind the zone address, whose certificate must
			// then cover that address (FACTS §2, "Use HTTPS for internal communications").
			if isIP(u.TLSName) {
				r.errorf(pp+".tls", RuleRouting, "give zone "+zone.Name+" a load-balancer name, or use tls: offload",
					"re-encrypting to zone %s would verify the IP address %s, which nginx and HAProxy cannot check against a certificate", quote(zone.Name), u.TLSName)
			} else if len(zone.Servers) > 1 && !zone.HTTPSInternal && !zone.LocalCertificate {
				r.errorf(pp+".tls", RuleRouting, "set localCertificate: true (or httpsInternal: true) on zone "+zone.Name+", or use tls: offload",
					"re-encrypting to zone %s verifies the name %s, but its front-ends are not said to hold a certificate for it", quote(zone.Name), zone.Address.Value)
			}
		}
		u.Targets = []Target{{Name: zone.Name, Host: zone.Address.Value, Port: port}}
		return u
	}
	for _, sn := range zone.Servers {
		s := ep.Server(sn)
		t := Target{Name: s.Name, Host: s.Address, Port: s.Ports.HTTP}
		if u.Scheme == "https" {
			t.Port = s.Ports.HTTPS
			if zone.LocalCertificate {
				t.TLSName = zone.Address.Value
			} else {
				if !s.TLS {
					r.errorf(pp+".tls", RuleRouting, "set tls: true on the server, or use tls: offload",
						"re-encrypting to server %s, which does not answer HTTPS (servers.%s.tls is false)", s.Name, s.Name)
				}
				t.TLSName = s.Address
			}
		}
		u.Targets = append(u.Targets, t)
	}
	if u.Scheme == "https" {
		u.TLSName = u.Targets[0].TLSName
		if isIP(u.TLSName) {
			r.errorf(pp+".tls", RuleRouting, "name the front-ends (server address) or set localCertificate with a zone load-balancer name, or use tls: offload",
				"re-encrypting to zone %s would verify the IP address %s, which nginx and HAProxy cannot check against a certificate", quote(zone.Name), u.TLSName)
			return u
		}
		for _, t := range u.Targets {
			if t.TLSName != u.TLSName {
				r.errorf(pp+".balance", RuleRouting, "set localCertificate: true on zone "+zone.Name+" so one name verifies every front-end, or use balance: zone",
					"re-encrypting over zone %s's front-ends needs one certificate name; they have %s and %s (nginx verifies one name per upstream)",
					quote(zone.Name), u.TLSName, t.TLSName)
				break
			}
		}
		for i := range u.Targets {
			u.Targets[i].TLSName = ""
		}
	}
	return u
}

// hostname applies R4 (scenarios 1-4, 6).
func (r *resolver) hostname(path string, env *Environment, ep *EnvPlan, zones map[string]*ZonePlan) {
	switch {
	case env.Hostname != "":
		if r.host(path+".hostname", env.Hostname) {
			ep.Hostname = Derived{env.Hostname, Explicit, "set in the source"}
		}
	case len(ep.Proxies) == 1:
		p := ep.Proxies[0]
		ep.Hostname = Derived{p.Host, RuleHostname, "the only reverse proxy, " + p.Name + ", is where users reach the environment (scenarios 2-4)"}
	case len(ep.Proxies) == 0:
		z := zones[DefaultZone]
		ep.Hostname = Derived{z.Address.Value, RuleHostname, "no reverse proxy: the default zone's address (scenarios 1, 3)"}
	default:
		var candidates []string
		for _, p := range ep.Proxies {
			candidates = append(candidates, p.Host+" (proxy "+p.Name+")")
		}
		r.errorf(path+".hostname", RuleHostname,
			"set hostname to one of them, knowing that "+hostnameUseCase+" use it and break for apps behind the others",
			"%d reverse proxies and no hostname: an environment has exactly one Hostname; choose between %s (scenario 6)",
			len(ep.Proxies), strings.Join(candidates, " and "))
	}
}

// mobile applies R5: client-side calls of mobile apps use the environment URL (recommended
// network architecture), so a proxy at the Hostname must publish the app's zone.
func (r *resolver) mobile(path string, ep *EnvPlan, zones map[string]*ZonePlan) {
	if ep.Hostname.Value == "" {
		return // no Hostname (an R4 error is already reported)
	}
	for _, app := range ep.Apps {
		if !app.Mobile {
			continue
		}
		ok := false
		if len(ep.Proxies) == 0 {
			ok = strings.EqualFold(zones[app.Zone].Address.Value, ep.Hostname.Value)
		}
		for _, p := range ep.Proxies {
			if strings.EqualFold(p.Host, ep.Hostname.Value) && contains(p.Zones, app.Zone) {
				ok = true
			}
		}
		if !ok {
			r.warnf(joinKey(path+".apps", app.Name)+".mobile", RuleMobile,
				"publish zone "+app.Zone+" through the proxy whose host is the Hostname",
				"mobile app %s is not reachable at the Hostname %s: its client-side calls use the environment URL", app.Name, ep.Hostname.Value)
		}
	}
}

// hostsEntries applies R7 ("Using reverse proxies"): on each server, map the load-balancer
// address of every zone holding it to 127.0.0.1, so that calls from the server to its own
// zone are served locally.
func (r *resolver) hostsEntries(path string, ep *EnvPlan, zones map[string]*ZonePlan) {
	for _, s := range ep.Servers {
		names := map[string]bool{}
		for _, zn := range s.Zones {
			z := zones[zn]
			addr := z.Address.Value
			if z.LoadBalancer == "" && z.Address.Rule != Explicit {
				continue // the address is the server itself (scenario 5): nothing to serve locally
			}
			if strings.EqualFold(addr, s.Address) || names[strings.ToLower(addr)] {
				continue
			}
			entry := HostsEntry{Name: addr, Zone: zn}
			switch {
			case isIP(addr):
				entry.Reason = "the zone address is an IP address, which a hosts file cannot map"
				s.SkippedHosts = append(s.SkippedHosts, entry)
				r.warnf(joinKey(path+".zones", zn), RuleHosts, "give the zone a load-balancer name so servers can reach it locally",
					"zone address %s is an IP address: server %s cannot serve calls to it locally", addr, s.Name)
			case z.HTTPSInternal && !z.LocalCertificate:
				entry.Reason = "the zone uses HTTPS internally and no local certificate for " + addr + " is declared (localCertificate)"
				s.SkippedHosts = append(s.SkippedHosts, entry)
			default:
				entry.Reason = "zone " + zn + " is served locally (possible setups, \"Using reverse proxies\")"
				s.Hosts = append(s.Hosts, entry)
				names[strings.ToLower(addr)] = true
			}
		}
		sort.Slice(s.Hosts, func(i, j int) bool { return s.Hosts[i].Name < s.Hosts[j].Name })
	}
}

// lifetime applies R1 and R8 (scenarios 7-9) to the environments LifeTime manages.
func (r *resolver) lifetime(plan *Plan, ltName string) *LifetimePlan {
	lt := &LifetimePlan{Env: ltName}
	ltSpec := r.spec.Environments[ltName]
	ltPath := joinKey("environments", ltName)
	managed := ltSpec.Manages
	if managed == nil {
		for _, e := range plan.Environments {
			if e.Name != ltName {
				managed = append(managed, e.Name)
			}
		}
	}
	ltEnv := plan.Env(ltName)
	var ltAddrs []string
	for _, s := range ltEnv.Servers {
		ltAddrs = append(ltAddrs, s.Address)
	}
	seen := map[string]bool{}
	for i, en := range managed {
		mp := fmt.Sprintf("%s.manages[%d]", ltPath, i)
		ep := plan.Env(en)
		switch {
		case en == ltName:
			r.errorf(mp, RuleLifeTime, "list the environments LifeTime registers", "LifeTime does not manage itself")
			continue
		case ep == nil:
			r.errorf(mp, RuleLifeTime, "name a declared environment", "unknown environment %s", quote(en))
			continue
		case seen[en]:
			r.errorf(mp, RuleLifeTime, "list it once", "environment %s is listed twice", quote(en))
			continue
		}
		seen[en] = true
		addr, ok := r.lifetimeAddress(ep)
		if !ok {
			continue
		}
		ep.LifetimeAddress = &addr
		ep.LifetimeHTTPS = true
		lt.Environments = append(lt.Environments, LifetimeTarget{Name: en, Address: addr, UseHTTPS: true})
		r.platformAllow(ep, addr, ltAddrs)
	}
	sort.Slice(lt.Environments, func(i, j int) bool { return lt.Environments[i].Name < lt.Environments[j].Name })
	return lt
}

func (r *resolver) lifetimeAddress(ep *EnvPlan) (Derived, bool) {
	path := joinKey("environments", ep.Name)
	if a := r.spec.Environments[ep.Name].LifetimeAddress; a != "" {
		if !r.host(path+".lifetimeAddress", a) {
			return Derived{}, false
		}
		return Derived{a, Explicit, "set in the source"}, true
	}
	// A proxy doing SSL offloading with platform routing: LifeTime requires HTTPS, so the
	// proxy's HTTPS name is the address (scenarios 8-9).
	var via []*ProxyPlan
	for _, p := range ep.Proxies {
		if p.Platform && p.TLS != TLSNone {
			via = append(via, p)
		}
	}
	if len(via) > 0 {
		p := via[0]
		for _, q := range via {
			if strings.EqualFold(q.Host, ep.Hostname.Value) {
				p = q
			}
		}
		return Derived{p.Host, RuleLTAddress, "proxy " + p.Name + " terminates HTTPS and routes Service Center and Server.API (scenarios 8-9)"}, true
	}
	scz := ep.Zone(ep.ServiceCenterZone)
	var reason string
	if scz.LoadBalancer != "" {
		reason = "the load balancer of Service Center's zone " + scz.Name + " (scenario 9)"
	} else {
		reason = "the address of Service Center's zone " + scz.Name + ", its only front-end (scenario 7)"
	}
	// LifeTime requires HTTPS to the environment (FACTS §3): the front-ends must answer it.
	for _, sn := range scz.Servers {
		if s := ep.Server(sn); !s.TLS {
			r.errorf(path+".servers."+sn+".tls", RuleLTAddress,
				"enable HTTPS on the server, put a proxy with tls: offload and platform: true in front, or set lifetimeAddress",
				"LifeTime reaches this environment at %s over HTTPS, but server %s does not answer HTTPS", scz.Address.Value, sn)
			return Derived{}, false
		}
	}
	return Derived{scz.Address.Value, RuleLTAddress, reason}, true
}

// platformAllow gives a proxy LifeTime goes through its default allow list: the LifeTime
// servers' addresses (R8).
func (r *resolver) platformAllow(ep *EnvPlan, addr Derived, ltAddrs []string) {
	for _, p := range ep.Proxies {
		if !p.Platform || !strings.EqualFold(p.Host, addr.Value) || r.spec.Environments[ep.Name].Proxies[p.Name].Allow != nil {
			continue
		}
		path := joinKey(joinKey("environments", ep.Name)+".proxies", p.Name) + ".allow"
		for _, a := range ltAddrs {
			prefix, err := parseAllow(a)
			if err != nil {
				r.errorf(path, RuleLTAddress, "list the LifeTime servers' IP addresses or CIDRs in allow",
					"LifeTime reaches the platform paths through proxy %s, but LifeTime server address %s is a name, not an IP address", p.Name, a)
				return
			}
			p.Allow = append(p.Allow, prefix.String())
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Env returns the named environment, or nil.
func (p *Plan) Env(name string) *EnvPlan {
	for _, e := range p.Environments {
		if e.Name == name {
			return e
		}
	}
	return nil
}

// Server returns the named server, or nil.
func (e *EnvPlan) Server(name string) *ServerPlan {
	for _, s := range e.Servers {
		if s.Name == name {
			return s
		}
	}
	return nil
}

// Zone returns the named zone, or nil.
func (e *EnvPlan) Zone(name string) *ZonePlan {
	for _, z := range e.Zones {
		if z.Name == name {
			return z
		}
	}
	return nil
}

// App returns the named app, or nil.
func (e *EnvPlan) App(name string) *AppPlan {
	for _, a := range e.Apps {
		if a.Name == name {
			return a
		}
	}
	return nil
}
