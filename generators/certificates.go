package generators

import (
	"fmt"
	"path"
	"strings"

	"github.com/zonegen/zonegen/output"
	"github.com/zonegen/zonegen/templates"
	"github.com/zonegen/zonegen/topology"
)

// certificatesData is what certificates.md.tmpl renders; every string is markdown-safe.
type certificatesData struct {
	Plan         *topology.Plan
	Env, Purpose string
	Certificates []certRow
	Bundles      []bundleRow
}

// certRow is one certificate: Where it lives, At where it answers, and its names, each
// with what verifies it ("" Names: it is verified by its chain only).
type certRow struct {
	Presenter, Where, At string
	Names                []certNameRow
	Proxy                bool // a file the Ansible role checks at deploy time
}

type certNameRow struct{ Name, Why string }

type bundleRow struct{ File, Machines, User, Servers string }

// generateCertificates writes <env>/certificates.md: the certificate inventory
// (topology.Plan.Certificates and TrustBundles).
func generateCertificates(plan *topology.Plan, tpl *templates.Set) ([]output.File, error) {
	var files []output.File
	for _, env := range plan.Environments {
		d := certificatesData{Plan: plan, Env: mdCode(env.Name), Purpose: mdText(env.Purpose)}
		for _, c := range plan.Certificates(env) {
			row := certRow{Presenter: mdText(c.Presenter), Proxy: c.Kind == topology.CertProxy}
			switch c.Kind {
			case topology.CertProxy:
				row.Where = "in " + mdCode(c.File) + " on " + machineList(c.Machines)
			case topology.CertServer:
				row.Where = "in the IIS HTTPS binding of " + mdCode(c.Machines[0])
			case topology.CertExternal:
				row.Where = "on the load balancer, which zonegen does not configure"
			case topology.CertRabbitMQ:
				row.Where = "in the node's RabbitMQ `advanced.config` (`ssl_options`), which zonegen does not configure"
			default:
				row.Where = "wherever the name points: the source does not place it"
			}
			var at []string
			for _, ep := range c.Endpoints {
				at = append(at, mdCode(ep.Addr()))
			}
			row.At = strings.Join(at, ", ")
			for _, n := range c.Names {
				row.Names = append(row.Names, certNameRow{Name: mdCode(n.Name), Why: mdText(strings.Join(n.Why, "; "))})
			}
			d.Certificates = append(d.Certificates, row)
		}
		for _, b := range plan.TrustBundles(env) {
			d.Bundles = append(d.Bundles, bundleRow{File: mdCode(b.File), Machines: machineList(b.Machines), User: mdText(b.User),
				Servers: mdText(strings.Join(b.Servers, ", "))})
		}
		data, err := tpl.Render("certificates.md.tmpl", d)
		if err != nil {
			return nil, fmt.Errorf("certificates of %s: %w", env.Name, err)
		}
		files = append(files, output.File{Path: path.Join(env.Name, "certificates.md"), Data: data, Env: env.Name})
	}
	return files, nil
}

// machineList names machines in markdown; none: the inventory's own group.
func machineList(machines []string) string {
	return codeList(machines, ", ", "the machines your inventory puts in its group")
}
