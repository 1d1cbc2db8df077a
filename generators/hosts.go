package generators

import (
	"fmt"
	"path"
	"strings"

	"github.com/zonegen/zonegen/generators/hostsfile"
	"github.com/zonegen/zonegen/output"
	"github.com/zonegen/zonegen/templates"
	"github.com/zonegen/zonegen/topology"
)

// hostsData is what hosts.tmpl renders: one server's managed block.
type hostsData struct {
	Plan   *topology.Plan
	Env    string
	Server string
	Begin  string
	End    string
	IP     string
	// Entries and Skipped are the server's R7 decisions, one comment line each.
	Entries []topology.HostsEntry
	Skipped []topology.HostsEntry
	// Lines are the mapped names, at most hostsfile.MaxNames a line.
	Lines [][]string
}

// generateHosts writes <env>/hosts/<server>.hosts for every server with something to say:
// a name to map or a zone it could not map. "Using reverse proxies" (possible setups): each
// server serves its zones' load balancer names itself, one entry per zone it is in.
func generateHosts(plan *topology.Plan, tpl *templates.Set) ([]output.File, error) {
	var files []output.File
	for _, env := range plan.Environments {
		for _, srv := range env.Servers {
			if len(srv.Hosts) == 0 && len(srv.SkippedHosts) == 0 {
				continue
			}
			names := make([]string, 0, len(srv.Hosts))
			for _, h := range srv.Hosts {
				names = append(names, h.Name)
			}
			data := hostsData{
				Plan:    plan,
				Env:     env.Name,
				Server:  srv.Name,
				Begin:   hostsfile.Begin,
				End:     hostsfile.End,
				IP:      hostsfile.IP,
				Entries: hostsOneLine(srv.Hosts),
				Skipped: hostsOneLine(srv.SkippedHosts),
				Lines:   hostsfile.Chunk(names),
			}
			text, err := tpl.Render("hosts.tmpl", data)
			if err != nil {
				return nil, fmt.Errorf("hosts file of %s/%s: %w", env.Name, srv.Name, err)
			}
			block, err := hostsfile.Render(text)
			if err != nil {
				return nil, fmt.Errorf("hosts file of %s/%s: %w", env.Name, srv.Name, err)
			}
			files = append(files, output.File{
				Path: path.Join(env.Name, "hosts", srv.Name+".hosts"),
				Data: block,
				Env:  env.Name,
			})
		}
	}
	return files, nil
}

// hostsOneLine copies entries with reasons flattened to one line, so that a reason can only
// ever become a comment.
func hostsOneLine(entries []topology.HostsEntry) []topology.HostsEntry {
	out := make([]topology.HostsEntry, len(entries))
	for i, e := range entries {
		e.Reason = strings.Join(strings.Fields(e.Reason), " ")
		out[i] = e
	}
	return out
}
