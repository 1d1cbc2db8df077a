package generators

import (
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/zonegen/zonegen/output"
	"github.com/zonegen/zonegen/templates"
	"github.com/zonegen/zonegen/topology"
)

// Group names of the generated inventory. Everything starts with "zonegen_" so that the
// groups do not merge with the user's own when inventories are combined (notes/ansible.md).
const (
	groupWindows    = "zonegen_windows"
	groupLinux      = "zonegen_linux"
	groupFrontend   = "zonegen_frontend"
	groupController = "zonegen_controller"
)

// ansibleRoleFiles are the static files of the roles the tree ships: template → path.
var ansibleRoleFiles = []struct{ tmpl, path string }{
	{"ansible-requirements.yml.tmpl", "ansible/requirements.yml"},
	{"ansible-role-linux.yml.tmpl", "ansible/roles/zonegen_linux/tasks/main.yml"},
	{"ansible-role-linux-nginx.yml.tmpl", "ansible/roles/zonegen_linux/tasks/nginx.yml"},
	{"ansible-role-linux-haproxy.yml.tmpl", "ansible/roles/zonegen_linux/tasks/haproxy.yml"},
	{"ansible-role-linux-keepalived.yml.tmpl", "ansible/roles/zonegen_linux/tasks/keepalived.yml"},
	{"ansible-role-linux-handlers.yml.tmpl", "ansible/roles/zonegen_linux/handlers/main.yml"},
	{"ansible-role-linux-defaults.yml.tmpl", "ansible/roles/zonegen_linux/defaults/main.yml"},
}

// ansibleInventory is what ansible-inventory.yml.tmpl renders.
type ansibleInventory struct {
	Plan *topology.Plan
	// Windows are the OutSystems servers, with ansible_host; Linux the machines, with
	// ansible_host and zonegen_engine.
	Windows, Linux []ansibleHost
	// WindowsGroups are under zonegen_windows (zones, roles); LinuxGroups under
	// zonegen_linux (proxies, pools); Envs are zonegen_env_<env>: the environment's servers
	// and its Linux groups as children.
	WindowsGroups, LinuxGroups, Envs []ansibleGroup
}

type ansibleGroup struct {
	Name     string
	Hosts    []string
	Children []string
}

// ansibleHost is one inventory host with its connection address.
type ansibleHost struct {
	Name    string
	Address string
	Engine  string // Linux machines only
}

// ansibleHostVars is what ansible-host-vars.yml.tmpl renders for one server.
type ansibleHostVars struct {
	Plan    *topology.Plan
	Env     string
	Server  string
	Roles   []string
	Zones   []string
	Hosts   []topology.HostsEntry
	Skipped []topology.HostsEntry
	// HostsFile is the server's managed block in the tree, relative to its root.
	HostsFile string
	// ZoneSettings is set only on the one server per environment that applies them.
	ZoneSettings []ansibleZoneSetting
}

type ansibleZoneSetting struct {
	Name    string
	Address string
	HTTPS   bool
}

// ansibleFileSet is what ansible-group-vars.yml.tmpl renders: the files one proxy or pool
// puts on every machine of its group, per engine, relative to the tree's root.
type ansibleFileSet struct {
	Plan  *topology.Plan
	Group string
	// Var is the variable holding the set: zonegen_files_<proxy|lb>_<id>; the role
	// collects every zonegen_files_* of a machine, so one machine can be in several groups.
	Var          string
	Env          string
	Part         string   // proxy | lb
	What         string   // "proxy www" | "zone DZ1"
	Certificates []string // every PEM file the set's configs read: each must exist
	// ServingCertificates are those of Certificates a listener serves (certificate and
	// key): the role also refuses one that has expired and warns before it does.
	ServingCertificates []string
	// ServingNames pair each serving certificate with a host name it must cover, as
	// "file|host" (validated paths and host names hold no '|'): the role refuses one that
	// does not, which nginx and HAProxy would serve and every client refuse.
	ServingNames []string
	// Keepalived lists each machine of a failover address with its keepalived file
	// (KeepalivedFile), in the failover's order; nil without one. A list of pairs, not a
	// map: Jinja's map(attribute=) would split a machine name with dots.
	Keepalived []ansibleKeepalived
	NginxHTTP  string // the http{}-wide settings (proxies only)
	Nginx      []string
	HAProxy    []string
}

type ansibleKeepalived struct{ Machine, File string }

// ansibleRole is what the role's files render: the keepalived.conf the role writes
// (KeepalivedMain of the role's folder variable) and its mark, which the survey compares.
type ansibleRole struct {
	Plan                           *topology.Plan
	KeepalivedMain, KeepalivedMark string
}

// generateAnsible writes the inventory, host_vars of each server, group_vars of each proxy
// and pool group, site.yml and the roles. Connection settings and credentials are the
// user's (their own inventory); the generator never invents them.
func generateAnsible(plan *topology.Plan, tpl *templates.Set) ([]output.File, error) {
	inv, sets, err := buildInventory(plan)
	if err != nil {
		return nil, err
	}
	if inv == nil {
		return nil, nil
	}
	var files []output.File
	add := func(p, tmpl string, data any) error {
		b, err := tpl.Render(tmpl, data)
		if err != nil {
			return fmt.Errorf("ansible %s: %w", p, err)
		}
		files = append(files, output.File{Path: p, Data: b})
		return nil
	}
	if err := add("ansible/inventory.yml", "ansible-inventory.yml.tmpl", inv); err != nil {
		return nil, err
	}
	for _, set := range sets {
		if err := add(path.Join("ansible", "group_vars", set.Group+".yml"), "ansible-group-vars.yml.tmpl", set); err != nil {
			return nil, err
		}
	}
	for _, env := range plan.Environments {
		applier := zoneSettingsServer(env)
		for _, s := range env.Servers {
			hv := ansibleHostVars{
				Plan:      plan,
				Env:       env.Name,
				Server:    s.Name,
				Roles:     serverRoles(s),
				Zones:     s.Zones,
				Hosts:     s.Hosts,
				Skipped:   s.SkippedHosts,
				HostsFile: HostsFile(env.Name, s.Name),
			}
			if s == applier {
				for _, z := range env.Zones {
					hv.ZoneSettings = append(hv.ZoneSettings, ansibleZoneSetting{Name: z.Name, Address: z.Address.Value, HTTPS: z.HTTPSInternal})
				}
			}
			if err := add(path.Join("ansible", "host_vars", s.Name+".yml"), "ansible-host-vars.yml.tmpl", hv); err != nil {
				return nil, err
			}
		}
	}
	envs := make([]string, 0, len(plan.Environments))
	for _, e := range plan.Environments {
		envs = append(envs, e.Name)
	}
	if err := add("ansible/site.yml", "ansible-site.yml.tmpl", struct {
		Plan         *topology.Plan
		Environments []string
	}{plan, envs}); err != nil {
		return nil, err
	}
	for _, f := range ansibleRoleFiles {
		role := ansibleRole{Plan: plan, KeepalivedMain: KeepalivedMain("{{ zonegen_keepalived_dir }}"), KeepalivedMark: KeepalivedMainMark}
		if err := add(f.path, f.tmpl, role); err != nil {
			return nil, err
		}
	}
	return files, nil
}

// buildInventory groups the servers and machines. It returns nil for a plan without
// servers.
func buildInventory(plan *topology.Plan) (*ansibleInventory, []*ansibleFileSet, error) {
	inv := &ansibleInventory{Plan: plan}
	frontend := ansibleGroup{Name: groupFrontend}
	controller := ansibleGroup{Name: groupController}
	owner := map[string]string{groupWindows: "the Windows group", groupLinux: "the Linux group",
		groupFrontend: "the role group", groupController: "the role group"}
	claim := func(group, what string) error {
		if prev, dup := owner[group]; dup {
			return fmt.Errorf("ansible group %s would hold both %s and %s; rename one", group, prev, what)
		}
		owner[group] = what
		return nil
	}
	var zones []ansibleGroup
	var sets []*ansibleFileSet
	for _, env := range plan.Environments {
		eg := ansibleGroup{Name: "zonegen_env_" + topology.EnvID(env.Name)}
		if err := claim(eg.Name, "environment "+env.Name); err != nil {
			return nil, nil, err
		}
		for _, s := range env.Servers {
			addr := s.AnsibleHost
			if addr == "" { // a Plan built by hand, not by topology.Resolve
				addr = s.Address
			}
			inv.Windows = append(inv.Windows, ansibleHost{Name: s.Name, Address: addr})
			eg.Hosts = append(eg.Hosts, s.Name)
			if s.Frontend {
				frontend.Hosts = append(frontend.Hosts, s.Name)
			}
			if s.Controller {
				controller.Hosts = append(controller.Hosts, s.Name)
			}
		}
		for _, m := range env.Machines {
			inv.Linux = append(inv.Linux, ansibleHost{Name: m.Name, Address: m.Address, Engine: m.Engine})
		}
		for _, z := range env.Zones {
			zg := ansibleGroup{Name: "zonegen_zone_" + topology.ZoneID(env.Name, z.Name), Hosts: z.Servers}
			if err := claim(zg.Name, "zone "+env.Name+"/"+z.Name); err != nil {
				return nil, nil, err
			}
			zones = append(zones, zg)
		}
		// A pool's files (LBFile, KeepalivedFile) are named after its zone, or CachePoolName.
		pool := func(name, what, owner string, machines []string, f *topology.Failover) error {
			set := &ansibleFileSet{Plan: plan, Group: topology.PoolGroup(env.Name, name), Env: env.Name, Part: "lb",
				What:       what,
				Nginx:      []string{LBFile(env.Name, name, ".nginx.conf")},
				HAProxy:    []string{LBFile(env.Name, name, ".haproxy.cfg")},
				Keepalived: keepalivedFiles(env.Name, "lb", name, f)}
			if err := claim(set.Group, owner); err != nil {
				return err
			}
			inv.LinuxGroups = append(inv.LinuxGroups, ansibleGroup{Name: set.Group, Hosts: machines})
			eg.Children = append(eg.Children, set.Group)
			sets = append(sets, set)
			return nil
		}
		for _, z := range env.Zones {
			if z.Pool() {
				if err := pool(z.Name, "zone "+z.Name, "the pool of zone "+env.Name+"/"+z.Name, z.LBMachines, z.Failover); err != nil {
					return nil, nil, err
				}
			}
		}
		if c := env.CacheInvalidation; c != nil {
			if err := pool(topology.CachePoolName, "the cache-invalidation pool", "the cache-invalidation pool of "+env.Name, c.LBMachines, c.Failover); err != nil {
				return nil, nil, err
			}
		}
		for _, p := range env.Proxies {
			set := &ansibleFileSet{Plan: plan, Group: topology.ProxyGroup(env.Name, p.Name), Env: env.Name, Part: "proxy",
				What:      "proxy " + p.Name,
				NginxHTTP: NginxHTTPFile(env.Name),
				Nginx:     []string{ProxyFile(env.Name, p.Name, ".nginx.conf")},
				// The buffer settings and the map first: the fragment's check loads the map, and
				// HAProxy reads a folder's .cfg files in name order, 00-zonegen-global first.
				HAProxy: []string{HAProxyGlobalPath(env.Name), ProxyFile(env.Name, p.Name, ".haproxy.map"), ProxyFile(env.Name, p.Name, ".haproxy.cfg")}}
			set.Keepalived = keepalivedFiles(env.Name, "proxy", p.Name, p.Failover)
			if err := claim(set.Group, "proxy "+env.Name+"/"+p.Name); err != nil {
				return nil, nil, err
			}
			if p.TLS != topology.TLSNone {
				set.Certificates = append(set.Certificates, p.Certificate)
				set.ServingCertificates = append(set.ServingCertificates, p.Certificate)
				set.ServingNames = append(set.ServingNames, p.Certificate+"|"+p.Host)
			}
			for _, u := range p.Upstreams {
				if u.Scheme == "https" {
					set.Certificates = append(set.Certificates, p.CA)
					break
				}
			}
			inv.LinuxGroups = append(inv.LinuxGroups, ansibleGroup{Name: set.Group, Hosts: p.Machines})
			eg.Children = append(eg.Children, set.Group)
			sets = append(sets, set)
		}
		// A monitoring endpoint is deployed with the proxies (MonitorFile's folder).
		for _, m := range env.Machines {
			if m.Monitoring == nil {
				continue
			}
			set := &ansibleFileSet{Plan: plan, Group: topology.MonitorGroup(m.Name), Env: env.Name, Part: "proxy",
				What: "the monitoring endpoint of machine " + m.Name}
			if m.Engine == topology.EngineNginx {
				set.NginxHTTP, set.Nginx = NginxHTTPFile(env.Name), []string{MonitorFile(env.Name, m.Name, monitorExt(m))}
			} else {
				set.HAProxy = []string{MonitorFile(env.Name, m.Name, monitorExt(m))}
			}
			if err := claim(set.Group, "the monitoring endpoint of machine "+m.Name); err != nil {
				return nil, nil, err
			}
			inv.LinuxGroups = append(inv.LinuxGroups, ansibleGroup{Name: set.Group, Hosts: []string{m.Name}})
			eg.Children = append(eg.Children, set.Group)
			sets = append(sets, set)
		}
		inv.Envs = append(inv.Envs, eg)
	}
	if len(inv.Windows) == 0 {
		return nil, nil, nil
	}
	for _, s := range sets {
		s.Var = "zonegen_files_" + strings.TrimPrefix(s.Group, "zonegen_")
	}
	slices.SortFunc(inv.Linux, func(a, b ansibleHost) int { return strings.Compare(a.Name, b.Name) })
	inv.WindowsGroups = append(append(zones, frontend), controller)
	return inv, sets, nil
}

// zoneSettingsServer is the server that runs ConfigurationTool.com for the environment's
// zones: its deployment controller, else its first front-end. Zone settings are
// environment-wide (FACTS §2), so one server applies them.
func zoneSettingsServer(env *topology.EnvPlan) *topology.ServerPlan {
	for _, s := range env.Servers {
		if s.Controller {
			return s
		}
	}
	for _, s := range env.Servers {
		if s.Frontend {
			return s
		}
	}
	return nil
}

func serverRoles(s *topology.ServerPlan) []string {
	var roles []string
	if s.Controller {
		roles = append(roles, "controller")
	}
	if s.Frontend {
		roles = append(roles, "frontend")
	}
	return roles
}
