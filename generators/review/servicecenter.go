package review

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/zonegen/zonegen/generators"
)

func parseServiceCenter(data []byte) (*generators.ServiceCenterFile, error) {
	if data == nil {
		return nil, nil
	}
	var f generators.ServiceCenterFile
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, err
	}
	return &f, nil
}

// serviceCenter compares two versions of one environment's Service Center settings.
func serviceCenter(env string, oldData, newData []byte) []string {
	o, oerr := parseServiceCenter(oldData)
	n, nerr := parseServiceCenter(newData)
	if !parsed(oldData, newData, oerr, nerr) {
		return nil
	}
	switch {
	case o == nil && n == nil:
		return nil
	case o == nil:
		apps := 0
		for _, z := range n.DeploymentZones {
			apps += len(z.Applications)
		}
		return []string{fmt.Sprintf("servicecenter %s: new environment, hostname %s, %d zone%s, %d app%s",
			env, n.Hostname, len(n.DeploymentZones), plural(len(n.DeploymentZones)), apps, plural(apps))}
	case n == nil:
		return []string{fmt.Sprintf("servicecenter %s: environment removed", env)}
	}

	var out []string
	add := func(format string, args ...any) { out = append(out, fmt.Sprintf(format, args...)) }
	if o.Hostname != n.Hostname {
		add("servicecenter %s: hostname %s", env, arrow(o.Hostname, n.Hostname))
	}
	if o.ServiceCenterZone != n.ServiceCenterZone {
		add("servicecenter %s: Service Center zone %s", env, arrow(o.ServiceCenterZone, n.ServiceCenterZone))
	}

	oz, nz := zonesByName(o), zonesByName(n)
	gone, added := setDiff(oz, nz)
	for _, name := range added {
		add("zone %s added, address %s (%s)", name, nz[name].Address, env)
	}
	for _, name := range gone {
		add("zone %s removed (%s)", name, env)
	}
	for _, name := range common(oz, nz) {
		a, b := oz[name], nz[name]
		if a.Address != b.Address {
			add("zone %s address %s (%s)", name, arrow(a.Address, b.Address), env)
		}
		if a.UseHTTPSForInternalCommunications != b.UseHTTPSForInternalCommunications {
			add("zone %s internal HTTPS %s (%s)", name, arrow(onOff(a.UseHTTPSForInternalCommunications), onOff(b.UseHTTPSForInternalCommunications)), env)
		}
		if a.IncludesAllServers != b.IncludesAllServers {
			add("zone %s includes all servers %s (%s)", name, arrow(onOff(a.IncludesAllServers), onOff(b.IncludesAllServers)), env)
		}
		left, joined := setDiff(set(a.Servers), set(b.Servers))
		if len(joined) > 0 {
			add("zone %s servers + %s (%s)", name, strings.Join(joined, ", "), env)
		}
		if len(left) > 0 {
			add("zone %s servers - %s (%s)", name, strings.Join(left, ", "), env)
		}
	}

	oa, na := appZones(o), appZones(n)
	gone, added = setDiff(oa, na)
	for _, app := range common(oa, na) {
		if oa[app] != na[app] {
			add("app %s moved %s (%s)", app, arrow(oa[app], na[app]), env)
		}
	}
	for _, app := range added {
		add("app %s added in %s (%s)", app, na[app], env)
	}
	for _, app := range gone {
		add("app %s removed from %s (%s)", app, oa[app], env)
	}
	return out
}

func zonesByName(f *generators.ServiceCenterFile) map[string]generators.DeploymentZone {
	m := map[string]generators.DeploymentZone{}
	for _, z := range f.DeploymentZones {
		m[z.Name] = z
	}
	return m
}

// appZones maps each application to its zone (deploymentZones[].applications).
func appZones(f *generators.ServiceCenterFile) map[string]string {
	m := map[string]string{}
	for _, z := range f.DeploymentZones {
		for _, app := range z.Applications {
			if _, dup := m[app]; !dup {
				m[app] = z.Name
			}
		}
	}
	return m
}

func set(names []string) map[string]bool {
	m := map[string]bool{}
	for _, n := range names {
		m[n] = true
	}
	return m
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
