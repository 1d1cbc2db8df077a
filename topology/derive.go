package topology

// Environment-wide derivations that need every zone and proxy: Hostname (R4), mobile
// reach (R5) and hosts entries (R7).

import (
	"slices"
	"sort"
	"strings"
)

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
	// "the hostname configuration must be the name of the server" (scenario 1): an address
	// works for a browser, but mobile apps, email links and LifeTime's redirects carry it, and
	// a certificate rarely covers an IP address (FACTS §1).
	if isIP(ep.Hostname.Value) {
		r.warnf(path+".hostname", RuleHostname, "set hostname to the server's name or an FQDN that DNS resolves",
			"the Hostname %s is an IP address; scenario 1: it must be the name of the server", ep.Hostname.Value)
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
		ok, https := false, true
		if len(ep.Proxies) == 0 {
			ok = strings.EqualFold(zones[app.Zone].Address.Value, ep.Hostname.Value)
			for _, sn := range zones[app.Zone].Servers {
				https = https && ep.Server(sn).TLS
			}
		}
		for _, p := range ep.Proxies {
			if strings.EqualFold(p.Host, ep.Hostname.Value) && slices.Contains(p.Zones, app.Zone) {
				ok, https = true, p.TLS != TLSNone
			}
		}
		// Mobile and reactive apps must be served over HTTPS at the Service Center domain name
		// (docs-howtos requirements.md; notes/production.md §4): a warning, since the configs
		// stay valid and a lab may run without TLS.
		if ok && !https {
			r.warnf(joinKey(path+".apps", app.Name)+".mobile", RuleMobile,
				"serve the Hostname over HTTPS: a proxy with tls offload or reencrypt, or servers with tls",
				"mobile app %s is reached at the Hostname %s without HTTPS: mobile apps only run over HTTPS", app.Name, ep.Hostname.Value)
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
			case z.HTTPSInternal && !z.Certificate.Holds && z.External:
				// The seed's other case: HTTPS internally, no local certificate matching the
				// address, so no shortcut; the calls go through the load balancer, which
				// terminates TLS (possible setups, "Using reverse proxies").
				entry.Reason = "zone " + zn + " uses HTTPS internally and its front-ends hold no certificate for " + addr +
					": calls go through its external load balancer (possible setups, \"Using reverse proxies\")"
				s.SkippedHosts = append(s.SkippedHosts, entry)
			case z.HTTPSInternal && !z.Certificate.Holds:
				// Not in a valid plan: HTTPS internal calls need the certificate fact (R2).
				continue
			default:
				entry.Reason = "zone " + zn + " is served locally (possible setups, \"Using reverse proxies\")"
				if z.HTTPSInternal {
					entry.Reason += "; over HTTPS too, since " + z.Certificate.Reason
				}
				s.Hosts = append(s.Hosts, entry)
				names[strings.ToLower(addr)] = true
			}
		}
		sort.Slice(s.Hosts, func(i, j int) bool { return s.Hosts[i].Name < s.Hosts[j].Name })
	}
}
