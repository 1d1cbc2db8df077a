package generators

import (
	"fmt"
	"path"
	"strings"

	"github.com/zonegen/zonegen/output"
	"github.com/zonegen/zonegen/templates"
	"github.com/zonegen/zonegen/topology"
)

// firewallData is what firewall.md.tmpl renders; every string is markdown-safe already.
type firewallData struct {
	Plan         *topology.Plan
	Env, Purpose string
	Flows, Deny  []firewallRow // to allow, to refuse
	InternalOnly string        // ports never open to the Internet
	// VRRP are the environment's failover addresses, whose machines speak VRRP.
	VRRP []vrrpRow
}

type vrrpRow struct{ Machines, Addrs, Address, Owner string }

type firewallRow struct{ From, FromAddrs, To, ToAddrs, Ports, Why string }

// generateFirewall writes <env>/firewall.md: every TCP flow the environment needs
// (topology.Plan.Flows), for the network team's change request.
func generateFirewall(plan *topology.Plan, tpl *templates.Set) ([]output.File, error) {
	var files []output.File
	for _, env := range plan.Environments {
		d := firewallData{Plan: plan, Env: mdCode(env.Name), Purpose: mdText(env.Purpose), InternalOnly: mdText(topology.PortList(topology.InternalOnlyPorts))}
		for _, f := range plan.Flows(env) {
			row := firewallRow{From: mdText(f.From), FromAddrs: addrList(f.FromAddrs), To: mdText(f.To),
				ToAddrs: addrList(f.ToAddrs), Ports: mdText(topology.PortList(f.Ports)), Why: mdText(f.Why)}
			if f.Deny {
				d.Deny = append(d.Deny, row)
			} else {
				d.Flows = append(d.Flows, row)
			}
		}
		for _, f := range env.Failovers() {
			var names, addrs []string
			for _, m := range f.Machines {
				names, addrs = append(names, m.Name), append(addrs, m.Address)
			}
			d.VRRP = append(d.VRRP, vrrpRow{Machines: mdText(strings.Join(names, ", ")), Addrs: addrList(addrs),
				Address: mdCode(f.Address), Owner: mdText(f.Owner)})
		}
		data, err := tpl.Render("firewall.md.tmpl", d)
		if err != nil {
			return nil, fmt.Errorf("firewall flows of %s: %w", env.Name, err)
		}
		files = append(files, output.File{Path: path.Join(env.Name, "firewall.md"), Data: data, Env: env.Name})
	}
	return files, nil
}

// addrList is addresses as code spans, or "—" when the source does not know them.
func addrList(addrs []string) string { return codeList(addrs, " ", "—") }

// codeList is items as code spans joined by sep, or none when there are none.
func codeList(items []string, sep, none string) string {
	if len(items) == 0 {
		return none
	}
	out := make([]string, len(items))
	for i, a := range items {
		out[i] = mdCode(a)
	}
	return strings.Join(out, sep)
}
