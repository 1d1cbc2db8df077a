package topology

import (
	"fmt"
	"maps"
	"slices"
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
// LifeTime environment (FACTS §3-4; FACTS.md "LifeTime paths": SetupTools gives
// /PerformanceMonitor to LifeTime's application pool, and LifeTimeServices exposes the
// deployment web service environments call).
var lifetimePaths = []string{"lifetime", "LifeTimeSDK", "LifeTimeCore", "lifetimeapi", "LifeTimeServices", "PerformanceMonitor"}

// DefaultSystemModules are the System Components end users' browsers request directly,
// routed by every proxy that publishes apps (docs-howtos reverse-proxy-config.md §B; the
// list and its sources are in FACTS.md "System Components").
var DefaultSystemModules = []string{"ECT_Provider", "EPA_Taskbox", "PerformanceProbe", "RichWidgets", "Users"}

// Default deployment paths on the proxy machines; only labs and tests change them.
const (
	defaultCertDir  = "/etc/ssl/zonegen/"
	defaultCA       = "/etc/ssl/certs/ca-certificates.crt"
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
	// machineEnv maps every declared machine name to its environment.
	machineEnv map[string]string
	// failoverChecked are the machines failoverMachine checked (failover.go).
	failoverChecked map[string]bool
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
	r.sourceName(source)
	if spec.Name == "" {
		r.errorf("name", "", "give the infrastructure a name, e.g. name: 'acme'", "missing name")
	} else {
		r.name("name", spec.Name)
	}
	if len(spec.Environments) == 0 {
		r.errorf("environments", "", "declare at least one environment", "no environments")
		return plan
	}
	envNames := slices.Sorted(maps.Keys(spec.Environments))
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
	r.loadBalancerNames(plan)
	r.sharedListeners(plan)
	r.checkFailovers(plan)
	r.hstsPlainHosts(plan)
	for _, c := range plan.idCollisions() {
		at, hint := ownerRoot(c.Owner), "rename one of them"
		if strings.HasSuffix(c.Owner, ".cacheInvalidation") { // the zone is the one to rename
			at, hint = ownerRoot(c.Other), "rename the zone: the cache-invalidation pool's files and names are "+CachePoolName+"'s"
		}
		r.errorf(at, RuleUnique, hint,
			"config identifier %s of %s is also the one of %s: their generated files would overwrite each other's names in one nginx, HAProxy or Ansible inventory",
			c.Name, c.Owner, c.Other)
	}
	if len(lifetimes) == 1 {
		if managed := r.manages(lifetimes[0]); r.report.OK() {
			plan.Lifetime = r.lifetime(plan, lifetimes[0], managed)
		}
	}
	if len(lifetimes) == 0 || plan.Lifetime != nil {
		// allow on an offloading proxy that did not become LifeTime's way in (R8) restricts
		// nothing; when LifeTime was not resolved (other errors) it is not known yet.
		for _, e := range plan.Environments {
			for _, p := range e.Proxies {
				if !p.Platform && p.TLS == TLSOffload && spec.Environments[e.Name].Proxies[p.Name].Allow != nil {
					r.errorf(joinKey(joinKey("environments", e.Name)+".proxies", p.Name)+".allow", RuleLTAddress,
						"set platform: true, or drop allow", "allow restricts platform paths, which this proxy does not route")
				}
			}
		}
	}
	if r.report.OK() { // R10 reads every environment's servers, zones and proxies
		for _, e := range plan.Environments {
			r.networkSecurity(plan, e)
		}
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
	r.machineEnv = map[string]string{}
	for _, en := range envNames {
		env := r.spec.Environments[en]
		if env == nil {
			continue
		}
		// Machines share the servers' namespace: both are inventory hosts.
		for _, mn := range slices.Sorted(maps.Keys(env.Machines)) {
			k := strings.ToLower(mn)
			mp := joinKey(joinKey("environments", en)+".machines", mn)
			if prev, dup := servers[k]; dup {
				r.errorf(mp, RuleUnique, "machine and server names are Ansible inventory hosts; rename one",
					"machine %s is already declared at %s", quote(mn), prev)
				continue
			}
			servers[k] = mp
			r.machineEnv[mn] = en
		}
		for _, sn := range slices.Sorted(maps.Keys(env.Servers)) {
			k := strings.ToLower(sn)
			if prev, dup := servers[k]; dup {
				r.errorf(joinKey(joinKey("environments", en)+".servers", sn), RuleUnique, "server names are Ansible inventory hosts; rename one",
					"server %s is already declared at %s", quote(sn), prev)
				continue
			}
			servers[k] = joinKey(joinKey("environments", en)+".servers", sn)
		}
		for _, pn := range slices.Sorted(maps.Keys(env.Proxies)) {
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

// loadBalancerNames refuses a load balancer named like another machine of the
// infrastructure: R7 maps the name to 127.0.0.1 on every front-end of the zone, so calls to
// that server, controller or proxy would stay on the calling server (issue 12).
func (r *resolver) loadBalancerNames(plan *Plan) {
	type known struct{ what, machine string } // machine: the Linux machine it names, if any
	machines := map[string]known{}            // lower-case name → what it names
	claim := func(name, what, machine string) {
		k := strings.ToLower(name)
		if _, dup := machines[k]; !dup && !isIP(name) {
			machines[k] = known{what, machine}
		}
	}
	for _, e := range plan.Environments {
		ep := joinKey("environments", e.Name)
		for _, s := range e.Servers {
			claim(s.Name, "server "+joinKey(ep+".servers", s.Name), "")
			claim(s.Address, "the address of server "+joinKey(ep+".servers", s.Name), "")
		}
		for _, p := range e.Proxies {
			claim(p.Host, "the host of proxy "+joinKey(ep+".proxies", p.Name), "")
		}
		for _, m := range e.Machines {
			claim(m.Name, "machine "+joinKey(ep+".machines", m.Name), m.Name)
			claim(m.Address, "the address of machine "+joinKey(ep+".machines", m.Name), m.Name)
		}
	}
	for _, e := range plan.Environments {
		for _, z := range e.Zones {
			if z.LoadBalancer == "" || isIP(z.LoadBalancer) {
				continue
			}
			k, dup := machines[strings.ToLower(z.LoadBalancer)]
			// A machine that runs this zone's own pool may carry the load balancer's name: it
			// is the load balancer, not another machine.
			if !dup || (k.machine != "" && slices.Contains(z.LBMachines, k.machine)) {
				continue
			}
			r.errorf(joinKey(joinKey("environments", e.Name)+".zones", z.Name)+".loadBalancer", RuleHosts,
				"give the load balancer a name of its own",
				"load balancer %s is also %s: every front-end of the zone would map that name to 127.0.0.1", quote(z.LoadBalancer), k.what)
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
				"the LifeTime environment is dedicated and holds no apps; it declares %s", quoteList(slices.Sorted(maps.Keys(env.Apps))))
		}
		for _, zn := range slices.Sorted(maps.Keys(env.Zones)) {
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
	r.machines(path, env, ep)
	zones := r.zones(path, env, ep, servers)
	r.cacheInvalidation(path, env, ep)
	r.systemModules(path, env, ep)
	r.checkInternalNetwork(path, env)
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
			if s.Frontend && !slices.Contains(scz.Servers, s.Name) {
				missing = append(missing, s.Name)
			}
		}
		if len(missing) > 0 {
			r.errorf(path+".serviceCenterZone", RuleMember, "set allServers: true on zone "+scz.Name+", or add the missing front-ends",
				"Service Center's zone %s must hold every front-end (System Components rule); missing %s", quote(scz.Name), strings.Join(missing, ", "))
		}
		// "If you use a standalone Deployment Controller server, you must turn on Use HTTPS for
		// internal communications in the Deployment Zone that contains Service Center"
		// (docs-product zones/intro.md).
		if !scz.HTTPSInternal {
			for _, s := range ep.Servers {
				if s.Controller && !s.Frontend {
					r.errorf(joinKey(path+".zones", scz.Name)+".httpsInternal", RuleMember,
						"set httpsInternal: true on zone "+scz.Name,
						"server %s is a standalone deployment controller, so Service Center's zone %s must use HTTPS for internal communications (zones/intro.md)", s.Name, quote(scz.Name))
					break
				}
			}
		}
	}
	if len(r.report.Errors) > errorsBefore {
		return nil // the rest needs a consistent environment
	}
	r.zoneCertificateNeeds(path, ep)
	r.poolChecks(path, env, ep)
	r.proxies(path, env, ep, zones)
	r.drains(path, ep)
	r.maintenanceReach(path, ep)
	r.hostname(path, env, ep, zones)
	r.mobile(path, ep, zones)
	r.hostsEntries(path, ep, zones)
	return ep
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

// Narrow returns the Plan of environment env alone, or nil when there is none: the scope of
// --env. The LifeTime registrations stay only with the LifeTime environment, whose
// lifetime.json they are; every other value of an environment is already derived.
func (p *Plan) Narrow(env string) *Plan {
	e := p.Env(env)
	if e == nil {
		return nil
	}
	only := &Plan{Name: p.Name, Source: p.Source, Environments: []*EnvPlan{e}}
	if p.Lifetime != nil && p.Lifetime.Env == env {
		only.Lifetime = p.Lifetime
	}
	return only
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
