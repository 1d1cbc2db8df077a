package generators

import (
	"fmt"
	"path"

	"github.com/zonegen/zonegen/output"
	"github.com/zonegen/zonegen/templates"
	"github.com/zonegen/zonegen/topology"
)

// Failover addresses (topology/failover.go): one keepalived file per machine of each pool or
// proxy whose listen address is shared by two machines or more, beside the pool's or proxy's
// own files (their group's variables list it per machine), and per machine because each
// has its own priority, source address and peers. The Ansible role deploys each machine's
// under one folder (zonegen_keepalived_dir) that the keepalived.conf of KeepalivedMain
// includes.

type keepalivedView struct {
	Plan     *topology.Plan
	Env      *topology.EnvPlan
	Failover *topology.Failover
	Machine  topology.FailoverMachine
	// Peers are the failover's other machines, in priority order.
	Peers []topology.FailoverMachine
	// Track is the command keepalived runs to know the machine's engine serves
	// (EngineCheck).
	Track string
	// Ports are what listens on the address, for the header.
	Ports string
}

// EngineCheck is the command keepalived's vrrp_script runs on a machine with engine: the
// engine's systemd unit is active. Absolute, as enable_script_security asks.
func EngineCheck(engine string) string {
	return "/usr/bin/systemctl is-active --quiet " + engine + ".service"
}

// KeepalivedFile is the path in the generated tree of machine's keepalived file for the
// failover address of a zone's pool (part "lb") or a proxy (part "proxy") named owner.
func KeepalivedFile(env, part, owner, machine string) string {
	return path.Join(env, part, owner+"."+machine+".keepalived.conf")
}

func generateKeepalived(plan *topology.Plan, tpl *templates.Set) ([]output.File, error) {
	var files []output.File
	render := func(env *topology.EnvPlan, part, owner string, f *topology.Failover, ports string) error {
		for _, m := range f.Machines {
			v := keepalivedView{Plan: plan, Env: env, Failover: f, Machine: m, Track: EngineCheck(m.Engine), Ports: ports}
			for _, p := range f.Machines {
				if p.Name != m.Name {
					v.Peers = append(v.Peers, p)
				}
			}
			data, err := tpl.Render("keepalived.conf.tmpl", v)
			if err != nil {
				return fmt.Errorf("environment %s: %s: machine %s: %w", env.Name, f.Owner, m.Name, err)
			}
			files = append(files, output.File{Path: KeepalivedFile(env.Name, part, owner, m.Name), Data: data, Env: env.Name})
		}
		return nil
	}
	for _, env := range plan.Environments {
		for _, z := range env.Zones {
			if z.Failover != nil && z.Pool() {
				if err := render(env, "lb", z.Name, z.Failover, ports(z.Ports.HTTP, z.Ports.HTTPS)); err != nil {
					return nil, err
				}
			}
		}
		for _, p := range env.Proxies {
			if p.Failover != nil {
				if err := render(env, "proxy", p.Name, p.Failover, ports(p.Listen.HTTP, p.Listen.HTTPS)); err != nil {
					return nil, err
				}
			}
		}
		if c := env.CacheInvalidation; c != nil && c.Failover != nil {
			if err := render(env, "lb", topology.CachePoolName, c.Failover, fmt.Sprint(c.Port)); err != nil {
				return nil, err
			}
		}
	}
	return files, nil
}

// keepalivedFiles lists each machine of f with its file (KeepalivedFile); nil for no
// failover.
func keepalivedFiles(env, part, owner string, f *topology.Failover) []ansibleKeepalived {
	if f == nil {
		return nil
	}
	var out []ansibleKeepalived
	for _, m := range f.Machines {
		out = append(out, ansibleKeepalived{m.Name, KeepalivedFile(env, part, owner, m.Name)})
	}
	return out
}

// ports lists the non-zero ports for a comment: "80 and 443".
func ports(http, https int) string {
	switch {
	case http != 0 && https != 0:
		return fmt.Sprintf("%d and %d", http, https)
	case https != 0:
		return fmt.Sprint(https)
	}
	return fmt.Sprint(http)
}

// KeepalivedMain is the keepalived.conf the failover files are read through (the Ansible
// role's, which renders it with dir its folder variable, and the tests'): the settings every
// failover file needs, and the include of the files deployed under dir. Scripts run as
// root, and keepalived refuses a script a user other than root could change
// (enable_script_security).
func KeepalivedMain(dir string) string {
	return KeepalivedMainMark + `
# Failover addresses of zonegen's pools and proxies: one file per address under ` + dir + `.
global_defs {
    script_user root
    enable_script_security
}
include ` + dir + `/*/*/*.keepalived.conf
`
}

// KeepalivedMainMark is KeepalivedMain's first line, which marks the file as zonegen's.
const KeepalivedMainMark = "# Written for zonegen's failover addresses: do not edit by hand."
