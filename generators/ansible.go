package generators

import (
	"fmt"
	"path"

	"github.com/zonegen/zonegen/output"
	"github.com/zonegen/zonegen/templates"
	"github.com/zonegen/zonegen/topology"
)

// ansibleInventory is what ansible-inventory.yml.tmpl renders: the groups under
// "outsystems", in order (environments, zones, then roles).
type ansibleInventory struct {
	Plan   *topology.Plan
	Groups []ansibleGroup
}

type ansibleGroup struct {
	Name  string
	Hosts []ansibleHost
}

// ansibleHost is one inventory host; Address is set only in its environment's group, so
// ansible_host is written once per host.
type ansibleHost struct {
	Name    string
	Address string
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
	// ZoneSettings is set only on the one server per environment that applies them.
	ZoneSettings []ansibleZoneSetting
}

type ansibleZoneSetting struct {
	Name    string
	Address string
	HTTPS   bool
}

// generateAnsible writes ansible/inventory.yml, ansible/host_vars/<server>.yml and
// ansible/site.yml. Connection settings and credentials are the user's (group_vars); the
// generator never invents them.
func generateAnsible(plan *topology.Plan, tpl *templates.Set) ([]output.File, error) {
	inv, err := buildInventory(plan)
	if err != nil {
		return nil, err
	}
	if inv == nil {
		return nil, nil
	}
	var files []output.File
	data, err := tpl.Render("ansible-inventory.yml.tmpl", inv)
	if err != nil {
		return nil, fmt.Errorf("ansible inventory: %w", err)
	}
	files = append(files, output.File{Path: "ansible/inventory.yml", Data: data})

	for _, env := range plan.Environments {
		applier := zoneSettingsServer(env)
		for _, s := range env.Servers {
			hv := ansibleHostVars{
				Plan:    plan,
				Env:     env.Name,
				Server:  s.Name,
				Roles:   serverRoles(s),
				Zones:   s.Zones,
				Hosts:   s.Hosts,
				Skipped: s.SkippedHosts,
			}
			if s == applier {
				for _, z := range env.Zones {
					hv.ZoneSettings = append(hv.ZoneSettings, ansibleZoneSetting{Name: z.Name, Address: z.Address.Value, HTTPS: z.HTTPSInternal})
				}
			}
			data, err := tpl.Render("ansible-host-vars.yml.tmpl", hv)
			if err != nil {
				return nil, fmt.Errorf("ansible host_vars of %s/%s: %w", env.Name, s.Name, err)
			}
			files = append(files, output.File{Path: path.Join("ansible", "host_vars", s.Name+".yml"), Data: data})
		}
	}

	data, err = tpl.Render("ansible-site.yml.tmpl", struct{ Plan *topology.Plan }{plan})
	if err != nil {
		return nil, fmt.Errorf("ansible playbook: %w", err)
	}
	files = append(files, output.File{Path: "ansible/site.yml", Data: data})
	return files, nil
}

// buildInventory groups the servers: env_<env>, zone_<env>_<zone>, frontend, controller.
// It returns nil for a plan without servers.
func buildInventory(plan *topology.Plan) (*ansibleInventory, error) {
	inv := &ansibleInventory{Plan: plan}
	var envs, zones []ansibleGroup
	frontend := ansibleGroup{Name: "frontend"}
	controller := ansibleGroup{Name: "controller"}
	owner := map[string]string{"outsystems": "the top group", "frontend": "the role group", "controller": "the role group"}
	claim := func(group, what string) error {
		if prev, dup := owner[group]; dup {
			return fmt.Errorf("ansible group %s would hold both %s and %s; rename one", group, prev, what)
		}
		owner[group] = what
		return nil
	}
	servers := 0
	for _, env := range plan.Environments {
		g := ansibleGroup{Name: "env_" + topology.EnvID(env.Name)}
		if err := claim(g.Name, "environment "+env.Name); err != nil {
			return nil, err
		}
		for _, s := range env.Servers {
			servers++
			g.Hosts = append(g.Hosts, ansibleHost{Name: s.Name, Address: s.Address})
			if s.Frontend {
				frontend.Hosts = append(frontend.Hosts, ansibleHost{Name: s.Name})
			}
			if s.Controller {
				controller.Hosts = append(controller.Hosts, ansibleHost{Name: s.Name})
			}
		}
		envs = append(envs, g)
		for _, z := range env.Zones {
			zg := ansibleGroup{Name: "zone_" + topology.ZoneID(env.Name, z.Name)}
			if err := claim(zg.Name, "zone "+env.Name+"/"+z.Name); err != nil {
				return nil, err
			}
			for _, s := range z.Servers {
				zg.Hosts = append(zg.Hosts, ansibleHost{Name: s})
			}
			zones = append(zones, zg)
		}
	}
	if servers == 0 {
		return nil, nil
	}
	inv.Groups = append(append(append(inv.Groups, envs...), zones...), frontend, controller)
	return inv, nil
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
