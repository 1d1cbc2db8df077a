package topology

// Draining a server for patching (production-day.md, "what operators expect next": drain
// and maintenance of a server). A drained server stays in its zones, since Service Center's
// zones say where apps are deployed, not where traffic goes; the pools and the proxies that
// balance over it send it nothing new: HAProxy gives it weight 0 and keeps checking it (its
// status still shows its health before it returns), nginx marks it down. Deployed by a
// reload, which lets the connections it already has finish. The change goes through the same
// pull request as any other.

import "strings"

// drains checks servers.S.drain against what balances over each server: a drained server
// that nothing zonegen generates balances over is a warning (drain takes it out of
// nothing), and a pool or proxy upstream left with every server drained is an error.
func (r *resolver) drains(path string, ep *EnvPlan) {
	balanced := map[string]bool{} // drained servers something generated balances over
	for _, z := range ep.Zones {
		if !z.Pool() {
			continue
		}
		var fes, drained []string
		for _, sn := range z.Servers {
			if s := ep.Server(sn); s != nil && s.Frontend {
				fes = append(fes, sn)
				if s.Drain {
					drained = append(drained, sn)
					balanced[sn] = true
				}
			}
		}
		if len(drained) > 0 && len(drained) == len(fes) {
			r.errorf(joinKey(path+".servers", drained[0])+".drain", "", "drain the servers of zone "+z.Name+" one at a time, each back before the next goes",
				"every front-end of zone %s is drained (%s): its pool would send to none", quote(z.Name), strings.Join(drained, ", "))
		}
	}
	for _, px := range ep.Proxies {
		if px.Balance != BalanceServers {
			continue // its targets are zone addresses
		}
		for _, u := range px.Upstreams {
			var drained []string
			for _, t := range u.Targets {
				if t.Drain {
					drained = append(drained, t.Name)
					balanced[t.Name] = true
				}
			}
			if len(drained) > 0 && len(drained) == len(u.Targets) {
				r.errorf(joinKey(path+".servers", drained[0])+".drain", "", "drain the servers of zone "+u.Zone+" one at a time, each back before the next goes",
					"every front-end proxy %s balances over for zone %s is drained (%s): it would send to none", px.Name, quote(u.Zone), strings.Join(drained, ", "))
			}
		}
	}
	// An external load balancer (externalLoadBalancer) is not zonegen's: it keeps sending.
	for _, z := range ep.Zones {
		if !z.External {
			continue
		}
		for _, sn := range z.Servers {
			if s := ep.Server(sn); s != nil && s.Drain && balanced[sn] {
				r.warnf(joinKey(path+".servers", sn)+".drain", "", "drain it in the external load balancer's own console too",
					"zone %s's load balancer %s is external: it keeps sending server %s requests", quote(z.Name), z.LoadBalancer, sn)
			}
		}
	}
	for _, s := range ep.Servers {
		if s.Drain && !balanced[s.Name] {
			r.warnf(joinKey(path+".servers", s.Name)+".drain", "", "drop drain, or drain it where its traffic comes from (an external load balancer's own console)",
				"no pool or proxy zonegen generates balances over server %s, so drain takes it out of nothing: clients reach it at its zone's address", s.Name)
		}
	}
}
