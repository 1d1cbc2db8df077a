package topology

// The zone's one certificate fact (R2): "the zone's front-ends hold a certificate covering
// the zone address". HTTPS internal calls, a re-encrypting proxy, LifeTime over HTTPS and the
// load balancer's verified HTTPS check all reach a front-end by the zone address, and each
// needs the fact; R7's hosts shortcut follows from it (FACTS §2, §6).

import (
	"slices"
	"sort"
	"strings"
)

// ZoneCertificate is the zone's certificate fact.
type ZoneCertificate struct {
	// Holds says the zone's front-ends hold a certificate covering the zone address.
	Holds bool
	// Reason says why it holds; "" when it does not.
	Reason string
	// Needs lists what reaches the zone address over HTTPS and so verifies that certificate,
	// sorted.
	Needs []string
}

// zoneCertificate derives the fact: localCertificate, else the address of the zone's only
// front-end when that front-end answers HTTPS (its own certificate covers its own name).
func zoneCertificate(z *Zone, zone *ZonePlan, servers map[string]*ServerPlan) ZoneCertificate {
	if z.LocalCertificate {
		return ZoneCertificate{Holds: true, Reason: "the front-ends hold a certificate covering " + zone.Address.Value + " (localCertificate)"}
	}
	if ownAddress(zone) {
		if s := servers[zone.Servers[0]]; s != nil && s.TLS {
			return ZoneCertificate{Holds: true, Reason: "the zone address is front-end " + s.Name + "'s own address, which its certificate covers (tls: true)"}
		}
	}
	return ZoneCertificate{}
}

// ownAddress says the zone's address is its only front-end's own (R2, scenarios 1, 5).
func ownAddress(zone *ZonePlan) bool {
	return zone.LoadBalancer == "" && zone.Address.Rule == RuleZoneAddr && len(zone.Servers) == 1
}

// needCertificate records that need reaches zone's address over HTTPS. Behind an external
// load balancer, which terminates TLS, that is the load balancer's certificate: a
// checklist row, whatever the front-ends hold (possible setups, "Using reverse proxies").
// Elsewhere it is the front-ends' (needFrontendCertificate).
func (r *resolver) needCertificate(path string, zone *ZonePlan, need, other string) {
	if zone.External {
		if !slices.Contains(zone.ExternalNeeds, need) {
			zone.ExternalNeeds = append(zone.ExternalNeeds, need)
			sort.Strings(zone.ExternalNeeds)
		}
		return
	}
	r.needFrontendCertificate(path, zone, need, other)
}

// needFrontendCertificate records that need reaches the zone's front-ends by the zone
// address over HTTPS; when the fact does not hold it reports an error at path (what needs
// it) whose fix names the fact and other.
func (r *resolver) needFrontendCertificate(path string, zone *ZonePlan, need, other string) {
	c := &zone.Certificate
	for _, n := range c.Needs {
		if n == need {
			return
		}
	}
	c.Needs = append(c.Needs, need)
	sort.Strings(c.Needs)
	if c.Holds {
		return
	}
	fix := "once zone " + zone.Name + "'s front-ends hold a certificate covering " + zone.Address.Value + ", set localCertificate: true on the zone"
	if ownAddress(zone) {
		fix = "set tls: true on server " + zone.Servers[0] + ", whose certificate covers its own address"
	}
	if other != "" {
		fix += "; or " + other
	}
	r.errorf(path, RuleZoneAddr, fix,
		"%s, so the front-ends of zone %s must hold a certificate covering %s, and nothing says they do (zones/reference.md: the zone address must be covered by the certificate)",
		need, quote(zone.Name), zone.Address.Value)
}

// zoneCertificateNeeds records the needs known once the environment's zones are resolved:
// HTTPS internal calls, and the load balancer's HTTPS check, which verifies the zone address
// where the fact holds and the certificate chain alone where it does not (generators/lb.go).
func (r *resolver) zoneCertificateNeeds(path string, ep *EnvPlan) {
	for _, z := range ep.Zones {
		if z.Address.Value == "" {
			continue // no address: reported by R2
		}
		zp := joinKey(path+".zones", z.Name)
		if z.HTTPSInternal {
			r.needCertificate(zp+".httpsInternal", z, "calls from other zones reach "+z.Address.Value+" over HTTPS (httpsInternal)", "set httpsInternal: false")
		}
		if z.Pool() && z.Certificate.Holds && !isIP(z.Address.Value) {
			r.needCertificate(zp+".ca", z, "the load balancer's HTTPS health check verifies "+z.Address.Value, "")
		}
	}
}

// poolChecks warns where a zone pool's HTTPS checks would fail a hardened front-end, or pass
// one they cannot tell from another (notes/production-day.md, 5):
//   - a check names each front-end by the zone address where the certificate fact holds,
//     else by its own name (tls: its certificate covers it), sent as SNI and verified; a
//     front-end known only by an IP address gets neither, and an IIS whose bindings require
//     SNI answers such a check with no certificate;
//   - a zone that uses HTTPS internally reaches its front-ends through the pool's HTTPS port,
//     whose checks trust the public CA bundle unless ca says otherwise, where certificates
//     for internal names usually come from an internal CA: the checks would take every
//     server down, and with a standalone controller that pool is its way to Service Center.
func (r *resolver) poolChecks(path string, env *Environment, ep *EnvPlan) {
	unnamed := map[string][]*ZonePlan{} // server → zones whose checks verify its chain only
	controller := ""
	for _, s := range ep.Servers {
		if s.Controller && !s.Frontend {
			controller = s.Name
		}
	}
	for _, z := range ep.Zones {
		if !z.Pool() {
			continue
		}
		if spec := env.Zones[z.Name]; z.HTTPSInternal && spec != nil && spec.CA == "" {
			why := ""
			if z.Name == ep.ServiceCenterZone && controller != "" {
				why = "; it is the standalone deployment controller " + controller + "'s way to Service Center"
			}
			r.warnf(joinKey(path+".zones", z.Name)+".ca", "",
				"set ca to the PEM bundle of the CA that issued the front-ends' certificates, or to the public bundle's path if a public CA did",
				"zone %s uses HTTPS internally, and its load balancer's HTTPS checks trust only the public CA bundle %s: certificates for internal names usually come from an internal CA, and then every check fails and the HTTPS pool serves nobody%s",
				quote(z.Name), z.CA, why)
		}
		if z.Certificate.Holds && !isIP(z.Address.Value) {
			continue // every check names the zone address
		}
		for _, sn := range z.Servers {
			if s := ep.Server(sn); s != nil && s.TLS && s.TLSName == "" {
				unnamed[sn] = append(unnamed[sn], z)
			}
		}
	}
	for _, s := range ep.Servers {
		zones := unnamed[s.Name]
		if len(zones) == 0 {
			continue
		}
		var all, named []string // zones; those whose address is a name
		for _, z := range zones {
			all = append(all, z.Name)
			if !isIP(z.Address.Value) {
				named = append(named, z.Name)
			}
		}
		fix := "set address to the DNS name of " + s.Name + ", which its certificate covers"
		if len(named) > 0 {
			fix += ", or localCertificate: true on " + zonesOf(named) + " once the front-ends hold a certificate covering the zone address"
		}
		balancers := "the load balancer of " + zonesOf(all)
		if len(all) > 1 {
			balancers = "the load balancers of " + zonesOf(all)
		}
		r.warnf(joinKey(path+".servers", s.Name)+".address", RuleZoneAddr, fix,
			"%s can check only the chain of server %s's certificate, not a name: the server is known only by the IP address %s, which a check cannot send as SNI, and an IIS whose bindings require SNI answers it with no certificate",
			balancers, s.Name, s.Address)
	}
}

// zonesOf names zones in a message: "zone DZ1", "zones DZ1 and Global", "zones A, B and C".
func zonesOf(names []string) string {
	if len(names) == 1 {
		return "zone " + names[0]
	}
	return "zones " + strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}
