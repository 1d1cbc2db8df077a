package topology

// Reverse proxies: listeners, TLS, allow lists, upstreams and the route table (R6).

import (
	"fmt"
	"maps"
	"net/netip"
	"slices"
	"sort"
	"strings"
)

func (r *resolver) proxies(path string, env *Environment, ep *EnvPlan, zones map[string]*ZonePlan) {
	names := slices.Sorted(maps.Keys(env.Proxies))
	r.uniqueFold(path+".proxies", names, "proxies", true)
	for _, pn := range names {
		p := env.Proxies[pn]
		pp := joinKey(path+".proxies", pn)
		if !r.name(pp, pn) {
			continue
		}
		px := &ProxyPlan{Name: pn, ID: ProxyID(ep.Name, pn), Host: p.Host, TLS: p.TLS,
			Balance: p.Balance, Platform: p.Platform}
		px.Machines = r.machineRefs(pp+".machines", p.Machines)
		px.MachineAddrs = r.machineAddrs(px.Machines)
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
			px.Listen.Address = r.listenAddress(pp+".listen.address", l.Address, "an IP address of the proxy machine")
			ports := r.ports(pp+".listen", Ports{HTTP: l.HTTP, HTTPS: l.HTTPS})
			px.Listen.HTTP, px.Listen.HTTPS = ports.HTTP, ports.HTTPS
		}
		// R10: the address it connects upstream from; a machine with one address uses it both ways.
		vrid := 0
		if p.Listen != nil {
			vrid = p.Listen.VRID
		}
		owner := "proxy " + quote(pn)
		px.Failover = r.failover(pp, owner, ProxyPrefix(ep.Name, pn), px.Listen.Address, vrid, inOrder(p.Machines, px.Machines))
		switch {
		case p.Egress != "" && px.Failover != nil:
			r.failoverEgress(pp, owner, px.Machines)
		case p.Egress != "":
			px.Egress = r.egress(pp+".egress", p.Egress)
		case px.Failover != nil:
		case listenEgress(px.Listen.Address) != "": // not all addresses ("::" included)
			px.Egress = listenEgress(px.Listen.Address)
		case isIP(p.Host):
			px.Egress = canonicalIP(p.Host)
		default:
			px.Egress = r.machineEgress(px.Machines)
		}
		if px.TLS == TLSNone {
			px.Listen.HTTPS = 0
		} else {
			px.Certificate = p.Certificate
			if px.Certificate == "" {
				px.Certificate = defaultCertDir + p.Host + ".pem"
			} else if !filePathOK(p.Certificate) {
				r.errorf(pp+".certificate", "", "an absolute path of letters, digits, . _ - /", "invalid certificate path %s", quote(p.Certificate))
			}
		}
		if px.TLS == TLSReencrypt {
			px.CA = r.caFile(pp+".ca", p.CA)
		} else if p.CA != "" {
			r.errorf(pp+".ca", "", "drop ca, or use tls: reencrypt", "ca verifies upstream certificates and only applies to tls: reencrypt")
		}
		px.Allow = r.cidrs(pp+".allow", RuleLTAddress, p.Allow)
		// A WAF, CDN or load balancer in front: from these peers only, the client is the last
		// address of X-Forwarded-For (notes/production.md §6), in both engines alike.
		px.RealIPFrom = r.cidrs(pp+".realIpFrom", RuleRouting, p.RealIPFrom)
		for _, all := range everyone {
			if covers(px.RealIPFrom, all.prefix) {
				r.errorf(pp+".realIpFrom", RuleRouting, "list only the addresses of the WAF, CDN or load balancer in front of the proxy",
					"realIpFrom holds %s: every %s client could name its own address in X-Forwarded-For and pass the allow list", all.prefix, all.what)
			}
		}
		px.Limits = r.limits(pp, p.Limits)
		px.HSTS = r.hsts(pp, px, p.HSTS)
		for _, all := range everyone {
			if p.Platform && covers(px.Allow, all.prefix) {
				r.warnf(pp+".allow", RuleLTAddress, "list only the LifeTime servers and the admins' networks",
					"the allow list holds %s: Service Center, server.api and server.identity are open to every %s client", all.prefix, all.what)
			}
		}
		// An offloading proxy may still become LifeTime's way in (R8, checked in resolve.go).
		if p.Allow != nil && !p.Platform && px.TLS != TLSOffload {
			r.errorf(pp+".allow", RuleLTAddress, "set platform: true, or drop allow", "allow restricts platform paths, which this proxy does not route")
		}

		published := p.Zones
		if published == nil {
			published = slices.Sorted(maps.Keys(zones))
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

// caFile is a PEM bundle that verifies front-end certificates: the given path, checked, or
// the system bundle.
func (r *resolver) caFile(path, ca string) string {
	if ca == "" {
		return defaultCA
	}
	if !filePathOK(ca) {
		r.errorf(path, "", "an absolute path of letters, digits, . _ - /", "invalid CA path %s", quote(ca))
	}
	return ca
}

// mappedRange holds the IPv4-mapped IPv6 addresses. HAProxy's src ACL matches an IPv6
// pattern inside it against IPv4 clients, nginx's geo does not (nginx 1.22, HAProxy 2.6,
// tried on loopback): an allow entry that overlaps it lets the engines disagree.
var mappedRange = netip.MustParsePrefix("::ffff:0:0/96")

// everyone are the ranges an allow list must not cover whole: every IPv4 address, and every
// IPv6 global unicast address (the rest of ::/0 overlaps mappedRange and is refused).
var everyone = []struct {
	prefix netip.Prefix
	what   string
}{{netip.MustParsePrefix("0.0.0.0/0"), "IPv4"}, {netip.MustParsePrefix("2000::/3"), "public IPv6"}}

// covers reports whether the union of allow (canonical CIDRs) holds every address of target,
// however it is cut into pieces (0.0.0.0/1 + 128.0.0.0/1 is everyone too).
func covers(allow []string, target netip.Prefix) bool {
	type span struct{ lo, hi netip.Addr }
	var spans []span
	for _, a := range allow {
		p, err := netip.ParsePrefix(a)
		if err == nil && p.Addr().BitLen() == target.Addr().BitLen() && p.Overlaps(target) {
			spans = append(spans, span{p.Masked().Addr(), lastAddr(p)})
		}
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i].lo.Less(spans[j].lo) })
	next, end := target.Masked().Addr(), lastAddr(target)
	for _, sp := range spans {
		if sp.lo.Compare(next) > 0 {
			return false
		}
		if sp.hi.Compare(next) >= 0 {
			if sp.hi.Compare(end) >= 0 {
				return true
			}
			next = sp.hi.Next()
		}
	}
	return false
}

// lastAddr is the highest address of p.
func lastAddr(p netip.Prefix) netip.Addr {
	b := p.Masked().Addr().AsSlice()
	for i := p.Bits(); i < len(b)*8; i++ {
		b[i/8] |= 0x80 >> (i % 8)
	}
	a, _ := netip.AddrFromSlice(b)
	return a
}

// cidrs checks a list of CIDRs or IP addresses at path (allow, realIpFrom) and returns it
// canonical, in source order: both engines match the same clients.
func (r *resolver) cidrs(path string, rule Rule, entries []string) []string {
	var out []string
	for i, a := range entries {
		ep := fmt.Sprintf("%s[%d]", path, i)
		prefix, err := parseAllow(a)
		switch {
		case err != nil:
			r.errorf(ep, rule, "a CIDR such as 10.0.9.0/24 or an IP address", "invalid %s entry %s", path[strings.LastIndexByte(path, '.')+1:], quote(a))
		case mappedProblem(a, prefix) != "":
			r.errorf(ep, rule, mappedHint(prefix), "%s", mappedProblem(a, prefix))
		case slices.Contains(out, prefix.String()):
			r.errorf(ep, rule, "list it once", "%s is listed twice", prefix)
		default:
			out = append(out, prefix.String())
		}
	}
	return out
}

// mappedProblem says why entry a (parsed as prefix) is refused in a list an engine matches
// clients against, "" when it is not: it is IPv4-mapped, or holds the mapped range.
func mappedProblem(a string, prefix netip.Prefix) string {
	switch {
	case prefix.Overlaps(mappedRange) && prefix.Bits() >= mappedRange.Bits():
		return fmt.Sprintf("%s is IPv4-mapped: HAProxy matches it against IPv4 clients and nginx does not", quote(a))
	case prefix.Overlaps(mappedRange):
		return fmt.Sprintf("%s holds the IPv4-mapped range %s, which HAProxy matches against every IPv4 client and nginx does not", quote(a), mappedRange)
	}
	return ""
}

// mappedHint is what to write instead of an entry mappedProblem refuses.
func mappedHint(prefix netip.Prefix) string {
	if prefix.Bits() < mappedRange.Bits() {
		return "list the IPv6 ranges your clients use (e.g. 2000::/3, fc00::/7) and IPv4 ranges on their own"
	}
	if prefix.IsSingleIP() {
		return "write the IPv4 form " + prefix.Addr().Unmap().String()
	}
	return "write the IPv4 form " + netip.PrefixFrom(prefix.Addr().Unmap(), prefix.Bits()-96).String()
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
	servers := make(map[string]*ServerPlan, len(ep.Servers))
	for _, s := range ep.Servers {
		servers[s.Name] = s
	}
	upstreams := map[string]*Upstream{}
	upstream := func(zn string) *Upstream {
		if u := upstreams[zn]; u != nil {
			return u
		}
		u := r.upstream(pp, px, zones[zn], servers)
		upstreams[zn] = u
		px.Upstreams = append(px.Upstreams, u)
		return u
	}
	published := map[string]bool{}
	for _, zn := range px.Zones {
		published[zn] = true
	}
	// One pass over the apps (not apps × zones): cost stays linear in the source's size.
	for _, app := range ep.Apps {
		if !published[app.Zone] {
			continue
		}
		u := upstream(app.Zone)
		for _, m := range app.Modules {
			px.Routes = append(px.Routes, Route{Path: m, Key: strings.ToLower(m), App: app.Name, Zone: app.Zone, Upstream: u.ID})
		}
	}
	lifetimeConsole := px.Platform && ep.Purpose == PurposeLifetime
	if len(px.Routes) > 0 || lifetimeConsole {
		// Apps (and the LifeTime console) load System Components from the same host: expose
		// them "the same way the main application is" (reverse-proxy-config.md §B), in the
		// zone the platform deploys them to (zones/intro.md).
		u := upstream(ep.ServiceCenterZone)
		for _, m := range ep.SystemModules {
			px.Routes = append(px.Routes, Route{Path: m, Key: strings.ToLower(m), Zone: ep.ServiceCenterZone, Upstream: u.ID, System: true})
		}
	}
	if px.Platform {
		platformRoutes(ep, px, upstream(ep.ServiceCenterZone))
	}
	sortRoutes(px)
	if len(px.Routes) == 0 {
		r.warnf(pp, RuleRouting, "publish a zone that holds apps, or set platform: true", "proxy %s routes no path: every request gets 404", quote(px.Name))
	}
}

// platformRoutes adds the platform paths (and a LifeTime environment's console paths) to px,
// sent to u, the upstream of Service Center's zone.
func platformRoutes(ep *EnvPlan, px *ProxyPlan, u *Upstream) {
	paths := platformPaths
	if ep.Purpose == PurposeLifetime {
		paths = append(append([]string(nil), platformPaths...), lifetimePaths...)
	}
	for _, p := range paths {
		px.Routes = append(px.Routes, Route{Path: p, Key: strings.ToLower(p), Zone: ep.ServiceCenterZone, Upstream: u.ID, Platform: true})
	}
}

func sortRoutes(px *ProxyPlan) {
	sort.Slice(px.Routes, func(i, j int) bool { return px.Routes[i].Key < px.Routes[j].Key })
	sort.Slice(px.Upstreams, func(i, j int) bool { return px.Upstreams[i].ID < px.Upstreams[j].ID })
}

func (r *resolver) upstream(pp string, px *ProxyPlan, zone *ZonePlan, servers map[string]*ServerPlan) *Upstream {
	u := &Upstream{ID: UpstreamID(zone.Name), Zone: zone.Name, Scheme: "http", Maintenance: zone.Maintenance}
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
			} else {
				r.needCertificate(pp+".tls", zone, "proxy "+px.Name+" re-encrypts to "+zone.Address.Value+" and verifies that name", "use tls: offload")
			}
		}
		u.Targets = []Target{{Name: zone.Name, Host: zone.Address.Value, Port: port}}
		return u
	}
	for _, sn := range zone.Servers {
		s := servers[sn]
		t := Target{Name: s.Name, Host: s.Address, Port: s.Ports.HTTP, Drain: s.Drain}
		if u.Scheme == "https" {
			t.Port = s.Ports.HTTPS
			if zone.Certificate.Holds {
				t.TLSName = zone.Address.Value
				r.needFrontendCertificate(pp+".tls", zone, "proxy "+px.Name+" re-encrypts to each front-end and verifies "+zone.Address.Value, "")
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
