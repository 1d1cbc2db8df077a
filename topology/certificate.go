package topology

// The zone's one certificate fact (R2): "the zone's front-ends hold a certificate covering
// the zone address". HTTPS internal calls, a re-encrypting proxy, LifeTime over HTTPS and the
// load balancer's verified HTTPS check all reach a front-end by the zone address, and each
// needs the fact; R7's hosts shortcut follows from it (FACTS §2, §6).

import "sort"

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

// needCertificate records that need reaches zone's address over HTTPS; when the fact does
// not hold it reports an error at path (what needs it) whose fix names the fact and other.
func (r *resolver) needCertificate(path string, zone *ZonePlan, need, other string) {
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
		if z.LoadBalancer != "" && z.Certificate.Holds && !isIP(z.Address.Value) {
			r.needCertificate(zp+".ca", z, "the load balancer's HTTPS health check verifies "+z.Address.Value, "")
		}
	}
}
