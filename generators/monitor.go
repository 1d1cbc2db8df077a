package generators

import (
	"fmt"
	"path"

	"github.com/zonegen/zonegen/output"
	"github.com/zonegen/zonegen/templates"
	"github.com/zonegen/zonegen/topology"
)

// Monitoring endpoints (machines.M.monitoring, topology/monitoring.go): one file per
// monitored machine, for its engine only, in its environment's proxy folder so that Ansible
// deploys it with the proxies (the monitoring group's part is proxy) and nginx reads it
// inside http{}. "00-zonegen-" names no proxy: proxy names start with a letter.

type monitorView struct {
	Plan        *topology.Plan
	Env         *topology.EnvPlan
	Machine     *topology.MachinePlan
	Prefix      string // topology.MonitorPrefix
	Listen      string // address:port, IPv6 in brackets
	Allow       []string
	AllowReason string
	Bodies      map[string]string
}

// MonitorFile is the path in the generated tree of machine's monitoring endpoint, ext
// ".nginx.conf" or ".haproxy.cfg" after its engine.
func MonitorFile(env, machine, ext string) string {
	return path.Join(env, "proxy", "00-zonegen-monitor-"+machine+ext)
}

// monitorExt is the extension of a machine's files.
func monitorExt(m *topology.MachinePlan) string {
	if m.Engine == topology.EngineNginx {
		return ".nginx.conf"
	}
	return ".haproxy.cfg"
}

func generateMonitor(plan *topology.Plan, tpl *templates.Set) ([]output.File, error) {
	var files []output.File
	for _, env := range plan.Environments {
		settings := len(env.Proxies) > 0 // nginx-proxy writes the http{}-wide file then
		for _, m := range env.Machines {
			mon := m.Monitoring
			if mon == nil {
				continue
			}
			v := monitorView{Plan: plan, Env: env, Machine: m, Prefix: topology.MonitorPrefix(m.Name),
				Listen: mon.HostPort(), Allow: mon.Allow, AllowReason: mon.AllowReason,
				Bodies: map[string]string{"Forbidden": bodyForbidden, "NoRoute": bodyNoRoute}}
			tmpl := "haproxy-monitor.cfg.tmpl"
			if m.Engine == topology.EngineNginx {
				tmpl = "nginx-monitor.conf.tmpl"
				if !settings {
					// The role includes the http{}-wide settings before every proxy file.
					data, err := tpl.Render("nginx-http.conf.tmpl", map[string]any{"Plan": plan, "Env": env})
					if err != nil {
						return nil, fmt.Errorf("environment %s: %w", env.Name, err)
					}
					files = append(files, output.File{Path: NginxHTTPFile(env.Name), Data: data, Env: env.Name})
					settings = true
				}
			}
			data, err := tpl.Render(tmpl, v)
			if err != nil {
				return nil, fmt.Errorf("environment %s: machine %s: %w", env.Name, m.Name, err)
			}
			files = append(files, output.File{Path: MonitorFile(env.Name, m.Name, monitorExt(m)), Data: data, Env: env.Name})
		}
	}
	return files, nil
}
