package topology

// A zone's maintenance window (production-day.md, "what operators expect next": maintenance
// and error pages). While zones.Z.maintenance is set, every generated proxy answers the
// zone's routes with 503 and Retry-After, the same status, header and body in nginx and
// HAProxy, except to the sources in its allow list: the team that tests the zone before
// reopening it. Only zonegen's proxies do it: the zone's pool is layer 4 and passes what
// reaches it, and apps of other zones call the zone at its address, not through a proxy.

import (
	"fmt"
	"slices"
	"strings"
)

// Retry-After of a maintenance 503 unless retryAfter says otherwise, and its bounds.
const (
	defaultRetryAfter = 300
	maxRetryAfter     = 7 * 24 * 3600
)

// maintenance resolves zones.Z.maintenance at path; nil when the zone is open.
func (r *resolver) maintenance(path string, m *Maintenance) *MaintenancePlan {
	if m == nil {
		return nil
	}
	mp := &MaintenancePlan{Allow: r.cidrs(path+".allow", "", m.Allow), RetryAfter: m.RetryAfter}
	switch {
	case m.RetryAfter == 0:
		mp.RetryAfter = defaultRetryAfter
	case m.RetryAfter < 0 || m.RetryAfter > maxRetryAfter:
		r.errorf(path+".retryAfter", "", fmt.Sprintf("seconds from 1 to %d (a week); default %d", maxRetryAfter, defaultRetryAfter),
			"retryAfter %d is outside 1-%d seconds", m.RetryAfter, maxRetryAfter)
	}
	for _, all := range everyone {
		if covers(mp.Allow, all.prefix) {
			r.warnf(path+".allow", "", "list the networks of the team testing the zone, or drop maintenance",
				"the allow list holds %s: every %s client still reaches the zone, so maintenance shows them nothing", all.prefix, all.what)
		}
	}
	return mp
}

// maintenanceReach warns about a zone in maintenance that no generated proxy routes to:
// its clients reach it at its address or through a pool, which maintenance does not touch.
func (r *resolver) maintenanceReach(path string, ep *EnvPlan) {
	for _, z := range ep.Zones {
		if z.Maintenance == nil {
			continue
		}
		routed := slices.ContainsFunc(ep.Proxies, func(px *ProxyPlan) bool { return px.Upstream(UpstreamID(z.Name)) != nil })
		if !routed {
			r.warnf(joinKey(path+".zones", z.Name)+".maintenance", "", "publish the zone through a proxy (proxies.P.zones), or drop maintenance",
				"no proxy zonegen generates routes to zone %s, so maintenance changes nothing: clients reach it at %s", quote(z.Name), z.Address.Value)
		}
	}
}

// maintenanceReason says why a request to zone z from a source outside its allow list gets
// 503: what route and explain print.
func (z *ZonePlan) maintenanceReason() string {
	who := "nobody"
	if len(z.Maintenance.Allow) > 0 {
		who = "only " + strings.Join(z.Maintenance.Allow, ", ")
	}
	return fmt.Sprintf("zone %s is in maintenance (zones.%s.maintenance): %s may reach it; others get 503, Retry-After %d",
		z.Name, z.Name, who, z.Maintenance.RetryAfter)
}
