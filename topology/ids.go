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
