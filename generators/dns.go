package generators

import (
	"fmt"
	"path"
	"strings"

	"github.com/zonegen/zonegen/output"
	"github.com/zonegen/zonegen/templates"
	"github.com/zonegen/zonegen/topology"
)

// dnsData is what dns.md.tmpl renders; every string is markdown-safe already.
type dnsData struct {
	Plan         *topology.Plan
	Env, Purpose string
	Records      []dnsRow
}

type dnsRow struct{ Name, Type, Addrs, Target, Resolvers string }

// generateDNS writes <env>/dns.md: every name the environment needs resolved and where it
// points (topology.Plan.DNS), for the DNS team's change request.
func generateDNS(plan *topology.Plan, tpl *templates.Set) ([]output.File, error) {
	var files []output.File
	for _, env := range plan.Environments {
		d := dnsData{Plan: plan, Env: mdCode(env.Name), Purpose: mdText(env.Purpose)}
		for _, r := range plan.DNS(env) {
			target := r.Target
			if r.Conflict != "" {
				target += "; but the source also points it at " + r.Conflict + ": one name cannot answer at both, fix the source"
			}
			who := make([]string, len(r.Resolvers))
			for i, w := range r.Resolvers {
				who[i] = mdText(w.Who + ": " + strings.Join(w.Why, "; "))
			}
			d.Records = append(d.Records, dnsRow{Name: mdCode(r.Name), Type: mdText(r.Type()), Addrs: addrList(r.Addrs),
				Target: mdText(target), Resolvers: strings.Join(who, "; ")})
		}
		data, err := tpl.Render("dns.md.tmpl", d)
		if err != nil {
			return nil, fmt.Errorf("DNS records of %s: %w", env.Name, err)
		}
		files = append(files, output.File{Path: path.Join(env.Name, "dns.md"), Data: data, Env: env.Name})
	}
	return files, nil
}
