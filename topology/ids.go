package topology

import "strings"

// Config identifiers: the names that several environments' files share in one nginx, one
// HAProxy or one Ansible inventory (upstreams, backends, map variables, pools, groups). They
// are derived here and nowhere else; R9 (uniqueFold) refuses names that fold to one ID
// within an environment.

// configID folds a name into an identifier safe in nginx variables, HAProxy names and
// Ansible groups: lower case, '-' as '_'. Names are [A-Za-z][A-Za-z0-9_-]* (checkName).
func configID(name string) string {
	return strings.ReplaceAll(strings.ToLower(name), "-", "_")
}

// EnvID is the config identifier of an environment (Ansible group "env_<EnvID>").
func EnvID(env string) string { return configID(env) }

// ZoneID is the config identifier of a zone, unique in the Plan: "<env>_<zone>". Its pool
// is named "zg_lb_<ZoneID>", its Ansible group "zone_<ZoneID>".
func ZoneID(env, zone string) string { return configID(env) + "_" + configID(zone) }

// ProxyID is ProxyPlan.ID, unique in the Plan: "<env>_<proxy>".
func ProxyID(env, proxy string) string { return configID(env) + "_" + configID(proxy) }

// UpstreamID is Upstream.ID, unique within a proxy: "zone_<zone>".
func UpstreamID(zone string) string { return "zone_" + configID(zone) }

// ProxyPrefix starts every name a proxy's nginx and HAProxy files declare: "zg_<ProxyID>".
func ProxyPrefix(env, proxy string) string { return "zg_" + ProxyID(env, proxy) }

// PoolPrefix starts every name a zone's pool files declare: "zg_lb_<ZoneID>".
func PoolPrefix(env, zone string) string { return "zg_lb_" + ZoneID(env, zone) }

// MachineID is the config identifier of a Linux machine: its name in lower case, '-' and
// '.' as '_' (machine names are host names).
func MachineID(machine string) string {
	return strings.NewReplacer("-", "_", ".", "_").Replace(strings.ToLower(machine))
}

// MonitorPrefix names a machine's monitoring endpoint in its nginx or HAProxy:
// "zg_monitor_<MachineID>".
func MonitorPrefix(machine string) string { return "zg_monitor_" + MachineID(machine) }

// MonitorGroup is the Ansible group of a machine's monitoring endpoint:
// "zonegen_monitor_<MachineID>".
func MonitorGroup(machine string) string { return "zonegen_monitor_" + MachineID(machine) }

// ProxyGroup is the Ansible group of the machines that run a proxy: "zonegen_proxy_<ProxyID>".
func ProxyGroup(env, proxy string) string { return "zonegen_proxy_" + ProxyID(env, proxy) }

// PoolGroup is the Ansible group of the machines that run a zone's pool: "zonegen_lb_<ZoneID>".
func PoolGroup(env, zone string) string { return "zonegen_lb_" + ZoneID(env, zone) }

// What the templates append to ProxyPrefix ("" is the HAProxy frontend itself; and "_" +
// Upstream.ID for each upstream) and to PoolPrefix ("" is the prefix its comments name), of
// a zone's pool and of the cache-invalidation pool.
// The golden harness fails when a generated file declares a zg_ name ConfigNames lacks.
var (
	proxyNameSuffixes = []string{"", "_defaults", "_bad_path", "_segment", "_upstream", "_pass",
		"_tls_name", "_platform", "_allowed", "_forbidden", "_backend", "_engine"}
	poolNameSuffixes  = []string{"", "_defaults", "_http", "_https", "_engine"}
	cacheNameSuffixes = []string{"", "_defaults", "_amqp", "_engine"}
)

// ConfigName is one identifier of a namespace that files of several environments share, and
// the source path of what declares it.
type ConfigName struct {
	// Space is "nginx/HAProxy" (one nginx http{} or stream{}, one HAProxy: proxies and pools
	// may share a machine) or "zone ID" (pools and Ansible zone groups).
	Space, Name, Owner string
	Env                string // the owner's environment
}

// ConfigNames lists every shared identifier the Plan's files declare, in Plan order. The IDs
// join names with '_', which names may hold too (env a_b + proxy c and env a + proxy b_c
// are both zg_a_b_c), so Resolve and Check refuse a Plan where two owners share one.
func (p *Plan) ConfigNames() []ConfigName {
	var out []ConfigName
	for _, e := range p.Environments {
		ep := joinKey("environments", e.Name)
		for _, z := range e.Zones {
			owner := joinKey(ep+".zones", z.Name)
			out = append(out, ConfigName{"zone ID", ZoneID(e.Name, z.Name), owner, e.Name})
			if z.Pool() {
				for _, s := range poolNameSuffixes {
					out = append(out, ConfigName{"nginx/HAProxy", PoolPrefix(e.Name, z.Name) + s, owner, e.Name})
				}
			}
		}
		if e.CacheInvalidation != nil {
			// Named like a zone's pool (CachePoolName): a zone of that name would share its files.
			owner := ep + ".cacheInvalidation"
			out = append(out, ConfigName{"zone ID", ZoneID(e.Name, CachePoolName), owner, e.Name})
			for _, s := range cacheNameSuffixes {
				out = append(out, ConfigName{"nginx/HAProxy", PoolPrefix(e.Name, CachePoolName) + s, owner, e.Name})
			}
		}
		for _, m := range e.Machines {
			if m.Monitoring != nil {
				owner := joinKey(ep+".machines", m.Name) + ".monitoring"
				for _, suffix := range []string{"", "_defaults", "_allowed"} {
					out = append(out, ConfigName{"nginx/HAProxy", MonitorPrefix(m.Name) + suffix, owner, e.Name})
				}
			}
		}
		for _, px := range e.Proxies {
			owner := joinKey(ep+".proxies", px.Name)
			prefix := ProxyPrefix(e.Name, px.Name)
			for _, s := range proxyNameSuffixes {
				out = append(out, ConfigName{"nginx/HAProxy", prefix + s, owner, e.Name})
			}
			maintenance := false
			for _, u := range px.Upstreams {
				out = append(out, ConfigName{"nginx/HAProxy", prefix + "_" + u.ID, owner + " (its upstream for zone " + u.Zone + ")", e.Name})
				if u.Maintenance != nil {
					// The allow list's geo (nginx) and ACL (HAProxy) of a zone in maintenance.
					for _, s := range []string{"_maintenance_", "_open_"} {
						out = append(out, ConfigName{"nginx/HAProxy", prefix + s + u.ID, owner + " (zone " + u.Zone + " in maintenance)", e.Name})
					}
					maintenance = true
				}
			}
			if maintenance {
				out = append(out, ConfigName{"nginx/HAProxy", prefix + "_maintenance", owner, e.Name})
			}
		}
	}
	return out
}

// idCollision is two owners of one config identifier.
type idCollision struct {
	ConfigName
	Other string // the owner that declared it first
}

// idCollisions returns every pair of owners sharing an identifier, once per pair.
func (p *Plan) idCollisions() []idCollision {
	first := map[[2]string]ConfigName{} // (space, name) → its first owner
	reported := map[[2]string]bool{}
	var out []idCollision
	for _, n := range p.ConfigNames() {
		k := [2]string{n.Space, n.Name}
		prev, dup := first[k]
		if !dup {
			first[k] = n
			continue
		}
		pair := [2]string{ownerRoot(prev.Owner), ownerRoot(n.Owner)}
		// Environments whose names fold to one ID are reported by R9 already.
		sameEnvID := prev.Env != n.Env && EnvID(prev.Env) == EnvID(n.Env)
		if prev.Owner == n.Owner || reported[pair] || sameEnvID {
			continue
		}
		reported[pair] = true
		out = append(out, idCollision{n, prev.Owner})
	}
	return out
}

// ownerRoot drops the " (its upstream ...)" detail, so one pair of proxies is reported once.
func ownerRoot(owner string) string {
	if i := strings.Index(owner, " ("); i >= 0 {
		return owner[:i]
	}
	return owner
}
