package topology

// LifeTime: the environments it registers and the address of each (R1, R8).

import (
	"fmt"
	"slices"
	"sort"
	"strings"
)

// lifetime applies R1 and R8 (scenarios 7-9) to the environments LifeTime manages.
// managed are the valid names of an explicit manages list
// (nil when manages is not set).
func (r *resolver) lifetime(plan *Plan, ltName string, managed []string) *LifetimePlan {
	lt := &LifetimePlan{Env: ltName}
	if r.spec.Environments[ltName].Manages == nil {
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
	// The address managed environments call LifeTime back at: LifeTime's own Hostname (R4),
	// where its console and APIs are (lifetime-configure.md: "LifeTime address").
	callback := Derived{ltEnv.Hostname.Value, RuleLTAddress,
		"LifeTime's Hostname (" + string(ltEnv.Hostname.Rule) + "), where its console and APIs answer over HTTPS: the LifeTime address of the registration wizard"}
	for _, en := range managed {
		ep := plan.Env(en)
		if ep == nil {
			continue
		}
		addr, ok := r.lifetimeAddress(ep)
		if !ok {
			continue
		}
		// "the environment address configured in LifeTime must be the name of the server"
		// (scenario 7): LifeTime calls it over HTTPS, and a certificate names a server.
		if isIP(addr.Value) {
			r.warnf(joinKey("environments", en)+".lifetimeAddress", RuleLTAddress,
				"register the environment by name: give its server or load balancer a name, or set lifetimeAddress",
				"LifeTime registers environment %s at the IP address %s; scenario 7: the environment address must be the name of the server", en, addr.Value)
		}
		ep.LifetimeAddress = &addr
		cb := callback
		ep.LifetimeCallback = &cb
		ep.LifetimeServers = slices.Clone(ltAddrs)
		var back []string
		for _, s := range ep.Servers {
			back = append(back, s.Address)
		}
		lt.Environments = append(lt.Environments, LifetimeTarget{Name: en, Address: addr, UseHTTPS: true, Callback: callback, Servers: back})
		r.platformAllow(ep, addr, ltAddrs)
	}
	sort.Slice(lt.Environments, func(i, j int) bool { return lt.Environments[i].Name < lt.Environments[j].Name })
	r.callbackAllow(plan, ltEnv, lt)
	return lt
}

// callbackAllow lets the managed environments' front-ends and controllers through the LifeTime
// environment's platform proxies besides their allow list: they call LifeTime back on 443
// (network-requirements.md, LifeTime section, both ways; notes/production.md §3).
func (r *resolver) callbackAllow(plan *Plan, ltEnv *EnvPlan, lt *LifetimePlan) {
	for _, p := range ltEnv.Proxies {
		if !p.Platform {
			continue
		}
		path := joinKey(joinKey("environments", ltEnv.Name)+".proxies", p.Name) + ".allow"
		added := false
		for _, t := range lt.Environments {
			for _, s := range plan.Env(t.Name).Servers {
				prefix, err := parseAllow(s.Address)
				if err != nil {
					r.warnf(path, RuleLTAddress, "list server "+s.Name+"'s IP address in allow",
						"server %s of managed environment %s calls LifeTime back through proxy %s, but its address %s is a name, not an IP address", s.Name, t.Name, p.Name, s.Address)
					continue
				}
				if !covers(p.Allow, prefix) {
					p.Allow = append(p.Allow, prefix.String())
					added = true
				}
			}
		}
		if added {
			p.AllowReason = "the allow list, and the managed environments' front-ends and controllers, which call LifeTime back on 443 (network-requirements.md, LifeTime both ways)"
		}
	}
}

// manages checks the LifeTime environment's manages list against the declared environments
// (R1) and returns the entries that name one; it runs whatever else is wrong, so an unknown
// entry is reported beside every other problem.
func (r *resolver) manages(ltName string) []string {
	var valid []string
	seen := map[string]bool{}
	for i, en := range r.spec.Environments[ltName].Manages {
		mp := fmt.Sprintf("%s.manages[%d]", joinKey("environments", ltName), i)
		switch {
		case en == ltName:
			r.errorf(mp, RuleLifeTime, "list the environments LifeTime registers", "LifeTime does not manage itself")
		case r.spec.Environments[en] == nil:
			r.errorf(mp, RuleLifeTime, "name a declared environment", "unknown environment %s", quote(en))
		case seen[en]:
			r.errorf(mp, RuleLifeTime, "list it once", "environment %s is listed twice", quote(en))
		default:
			seen[en] = true
			valid = append(valid, en)
		}
	}
	return valid
}

func (r *resolver) lifetimeAddress(ep *EnvPlan) (Derived, bool) {
	path := joinKey("environments", ep.Name)
	if a := r.spec.Environments[ep.Name].LifetimeAddress; a != "" {
		if !r.host(path+".lifetimeAddress", a) {
			return Derived{}, false
		}
		return Derived{a, Explicit, "set in the source"}, true
	}
	// "If the reverse proxy is performing SSL offloading, then you must use
	// www.exampledomain.com as the environment address" (scenarios 8-9): LifeTime requires
	// HTTPS, so an offloading proxy routing the platform paths is the address, else another
	// offloading one. Otherwise "the environment address configured in LifeTime must be the
	// name of the server" (scenario 8): a re-encrypting proxy is not LifeTime's way in.
	var via, offload []*ProxyPlan
	for _, p := range ep.Proxies {
		switch {
		case p.TLS != TLSOffload:
		case p.Platform:
			via = append(via, p)
		default:
			offload = append(offload, p)
		}
	}
	if len(via) == 0 {
		via = offload
	}
	if len(via) > 0 {
		p := via[0]
		for _, q := range via {
			if strings.EqualFold(q.Host, ep.Hostname.Value) {
				p = q
			}
		}
		// LifeTime deploys a whole solution to Service Center in one POST through the proxy
		// it registers the environment at: a body limit below the platform's refuses the
		// larger deployments (notes/production-day.md, 3; topology/limits.go).
		if b := p.Limits.Body; b != 0 && b < DefaultBodyLimit {
			r.errorf(joinKey(path+".proxies", p.Name)+".limits.body", RuleLTAddress,
				"raise limits.body to "+FormatSize(DefaultBodyLimit)+" or more, or set lifetimeAddress to register the environment elsewhere",
				"LifeTime registers environment %s at proxy %s and deploys whole solutions through it in one POST, which the body limit %s refuses above it; the platform takes %s",
				ep.Name, p.Name, FormatSize(b), FormatSize(DefaultBodyLimit))
		}
		if p.Platform {
			return Derived{p.Host, RuleLTAddress, "proxy " + p.Name + " offloads SSL and routes Service Center and Server.API (scenarios 8-9)"}, true
		}
		// The proxy LifeTime must use routes what LifeTime calls (R8).
		p.Platform = true
		servers := make(map[string]*ServerPlan, len(ep.Servers))
		for _, s := range ep.Servers {
			servers[s.Name] = s
		}
		var u *Upstream
		for _, x := range p.Upstreams {
			if x.Zone == ep.ServiceCenterZone {
				u = x
			}
		}
		if u == nil {
			u = r.upstream(joinKey(path+".proxies", p.Name), p, ep.Zone(ep.ServiceCenterZone), servers)
			p.Upstreams = append(p.Upstreams, u)
		}
		platformRoutes(ep, p, u)
		sortRoutes(p)
		return Derived{p.Host, RuleLTAddress, "proxy " + p.Name + " offloads SSL, so LifeTime must use it (scenarios 8-9: LifeTime requires HTTPS); it routes Service Center and Server.API for LifeTime (set lifetimeAddress to register elsewhere)"}, true
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
	r.needCertificate(path+".lifetimeAddress", scz, lifetimeNeed(scz.Address.Value),
		"set lifetimeAddress, or put a proxy with tls: offload in front")
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
		p.AllowReason = "the LifeTime servers, which reach Service Center and Server.API through it (scenarios 8-9)"
	}
}

// lifetimeNeed is why the certificate at addr, where LifeTime registers an environment, must
// cover it: a zone's certificate need and the certificate inventory say it in these words.
func lifetimeNeed(addr string) string {
	return "LifeTime registers the environment at " + addr + " and calls it over HTTPS (R8)"
}
