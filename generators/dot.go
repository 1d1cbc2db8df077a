package generators

import (
	"fmt"
	"path"
	"strings"

	"github.com/zonegen/zonegen/output"
	"github.com/zonegen/zonegen/templates"
	"github.com/zonegen/zonegen/topology"
)

// dotData is what topology.dot.tmpl renders. Every ID and Label is already a quoted DOT
// string (dotQuote, dotLabel), so the template only arranges them.
type dotData struct {
	Plan  *topology.Plan
	Graph string
	Label string
	Users dotNode
	// Proxies are the reverse proxies users reach first.
	Proxies []dotNode
	// Zones are drawn as one cluster each.
	Zones []dotZone
	// Loose are front-ends in no zone, drawn outside every cluster so that every server
	// appears.
	Loose []dotNode
	// Controllers are deployment controllers that are not front-ends, drawn apart.
	Controllers []dotNode
	Lifetime    *dotLifetime
	// Cache is the cache-invalidation pool and the RabbitMQ nodes behind it; nil for none.
	Cache *dotCache
	Edges []dotEdge
}

// dotCache is the cache-invalidation pool, drawn as a cluster with its nodes.
type dotCache struct {
	Pool  dotNode
	Nodes []dotNode
}

type dotNode struct{ ID, Label string }

type dotZone struct {
	ID    string // cluster ID
	Label string
	// Entry is where the zone is reached: its load balancer, or its address when it has a
	// single front-end (R2).
	Entry dotNode
	LB    bool
	// Apps lists the zone's applications, left-justified; nil when it has none.
	Apps *dotNode
	// Servers are the front-ends drawn in this cluster: those whose home zone it is. A
	// graphviz node belongs to one cluster at most, so a server in several zones is drawn
	// once, in its first zone that does not include all servers (else its first zone), and
	// the other zones reach it by an edge.
	Servers []dotNode
}

// dotLifetime is LifeTime and the environments it manages, drawn in the LifeTime
// environment's file (scenarios 7-9).
type dotLifetime struct {
	Node    dotNode
	Managed []dotNode
}

type dotEdge struct {
	From, To string
	// Attrs is a ready DOT attribute list without brackets, "" for none.
	Attrs string
}

// generateTopology writes <env>/topology.dot, drawn like the OutSystems setup diagrams:
// users → reverse proxies (by host) → zone load balancers → front-ends in a cluster per zone.
func generateTopology(plan *topology.Plan, tpl *templates.Set) ([]output.File, error) {
	var files []output.File
	for _, env := range plan.Environments {
		data := buildDot(plan, env)
		out, err := tpl.Render("topology.dot.tmpl", data)
		if err != nil {
			return nil, fmt.Errorf("topology drawing of %s: %w", env.Name, err)
		}
		files = append(files, output.File{Path: path.Join(env.Name, "topology.dot"), Data: out, Env: env.Name})
	}
	return files, nil
}

func buildDot(plan *topology.Plan, env *topology.EnvPlan) dotData {
	d := dotData{
		Plan:  plan,
		Graph: dotQuote(env.Name),
		Label: dotLabel(fmt.Sprintf("%s (%s)", env.Name, env.Purpose), "Hostname: "+env.Hostname.Value),
		Users: dotNode{ID: dotQuote("users"), Label: dotLabel("Users")},
	}
	serverID := func(name string) string { return dotQuote("server:" + name) }
	zoneID := func(name string) string { return dotQuote("zone:" + name) }

	// home is the zone whose cluster draws a server: its first zone that does not include
	// all servers, else its first zone.
	zonesOf := map[string][]string{}
	home := map[string]string{}
	for _, z := range env.Zones {
		for _, s := range z.Servers {
			if _, ok := home[s]; !ok && !z.AllServers {
				home[s] = z.Name
			}
		}
	}
	for _, z := range env.Zones {
		for _, s := range z.Servers {
			zonesOf[s] = append(zonesOf[s], z.Name)
			if _, ok := home[s]; !ok {
				home[s] = z.Name
			}
		}
	}
	serverNode := func(s *topology.ServerPlan) dotNode {
		lines := []string{s.Name}
		if s.Address != s.Name {
			lines = append(lines, s.Address)
		}
		if s.Controller {
			lines = append(lines, "deployment controller")
		}
		if zs := zonesOf[s.Name]; len(zs) > 1 {
			lines = append(lines, "zones: "+strings.Join(zs, ", "))
		}
		if s.Drain {
			lines = append(lines, "drained")
		}
		return dotNode{ID: serverID(s.Name), Label: dotLabel(lines...)}
	}
	servers := map[string]*topology.ServerPlan{}
	for _, s := range env.Servers {
		servers[s.Name] = s
		switch {
		case s.Frontend && len(zonesOf[s.Name]) == 0:
			d.Loose = append(d.Loose, serverNode(s))
		case s.Controller && !s.Frontend:
			d.Controllers = append(d.Controllers, serverNode(s))
		}
	}

	for _, p := range env.Proxies {
		d.Proxies = append(d.Proxies, dotNode{
			ID:    dotQuote("proxy:" + p.Name),
			Label: dotLabel("reverse proxy "+p.Name, p.Host, "TLS "+p.TLS),
		})
		d.Edges = append(d.Edges, dotEdge{From: d.Users.ID, To: dotQuote("proxy:" + p.Name)})
	}

	for _, z := range env.Zones {
		title := "Deployment zone " + z.Name
		if z.Name == env.ServiceCenterZone {
			title += " (Service Center)"
		}
		lines := []string{title, "address: " + z.Address.Value}
		if z.HTTPSInternal {
			lines = append(lines, "HTTPS for internal communications")
		}
		if z.Maintenance != nil {
			lines = append(lines, "in maintenance: the proxies answer 503")
		}
		dz := dotZone{ID: dotQuote("cluster_zone:" + z.Name), Label: dotLabel(lines...), LB: z.LoadBalancer != ""}
		if dz.LB {
			dz.Entry = dotNode{ID: zoneID(z.Name), Label: dotLabel("load balancer", z.LoadBalancer)}
		} else {
			dz.Entry = dotNode{ID: zoneID(z.Name), Label: dotLabel("zone address", z.Address.Value)}
		}
		if len(z.Apps) > 0 {
			dz.Apps = &dotNode{ID: dotQuote("apps:" + z.Name), Label: dotLeftLabel(z.Apps...)}
		}
		for _, s := range z.Servers {
			if home[s] == z.Name && servers[s] != nil {
				dz.Servers = append(dz.Servers, serverNode(servers[s]))
			}
			d.Edges = append(d.Edges, dotEdge{From: zoneID(z.Name), To: serverID(s)})
		}
		d.Zones = append(d.Zones, dz)
	}

	// Who reaches each zone: the proxies publishing it, or users directly (scenarios 1, 3).
	zones := map[string]*topology.ZonePlan{}
	for _, z := range env.Zones {
		zones[z.Name] = z
	}
	for _, p := range env.Proxies {
		for _, zn := range p.Zones {
			z := zones[zn]
			if z == nil {
				continue
			}
			if p.Balance == "servers" {
				for _, s := range z.Servers {
					d.Edges = append(d.Edges, dotEdge{
						From:  dotQuote("proxy:" + p.Name),
						To:    serverID(s),
						Attrs: "label=" + dotQuote(z.Name) + ", style=dashed",
					})
				}
				continue
			}
			d.Edges = append(d.Edges, dotEdge{From: dotQuote("proxy:" + p.Name), To: zoneID(z.Name)})
		}
		// Platform routes (/ServiceCenter, /server.api, ...) go to Service Center's zone (R6).
		if p.Platform && zones[env.ServiceCenterZone] != nil {
			d.Edges = append(d.Edges, dotEdge{
				From:  dotQuote("proxy:" + p.Name),
				To:    zoneID(env.ServiceCenterZone),
				Attrs: "label=" + dotQuote("platform") + ", style=dotted",
			})
		}
	}
	if len(env.Proxies) == 0 {
		for _, z := range env.Zones {
			d.Edges = append(d.Edges, dotEdge{From: d.Users.ID, To: zoneID(z.Name)})
		}
	}

	if c := env.CacheInvalidation; c != nil {
		// Every server's cache invalidation goes to the pool, which passes each connection
		// to a node (cache-invalidation/high-availability.md).
		pool := dotNode{ID: dotQuote("cache-invalidation"), Label: dotLabel("cache invalidation pool", c.LoadBalancer, "the servers' RabbitMQ address")}
		d.Cache = &dotCache{Pool: pool}
		for _, n := range c.Nodes {
			id := dotQuote("rabbitmq:" + n.Host)
			d.Cache.Nodes = append(d.Cache.Nodes, dotNode{ID: id, Label: dotLabel("RabbitMQ node", n.Addr())})
			d.Edges = append(d.Edges, dotEdge{From: pool.ID, To: id})
		}
	}
	if lt := plan.Lifetime; lt != nil && lt.Env == env.Name {
		node := dotNode{ID: dotQuote("lifetime"), Label: dotLabel("LifeTime", "https://"+env.Hostname.Value+"/lifetime")}
		d.Lifetime = &dotLifetime{Node: node}
		for _, t := range lt.Environments {
			scheme := "http"
			if t.UseHTTPS {
				scheme = "https"
			}
			id := dotQuote("env:" + t.Name)
			d.Lifetime.Managed = append(d.Lifetime.Managed, dotNode{ID: id, Label: dotLabel(t.Name, scheme+"://"+t.Address.Value)})
			d.Edges = append(d.Edges, dotEdge{From: node.ID, To: id, Attrs: "label=" + dotQuote(string(t.Address.Rule)) + ", style=bold"})
		}
	}
	return d
}

// dotEscaper is built once: building a Replacer costs far more than using it, and the
// drawing escapes every label of every environment (a third of render time on the M bench
// tier when it was built per call).
var dotEscaper = strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\r", " ", "\n", " ")

// dotEscape escapes s for a double-quoted DOT string. Names are validated long before this,
// but a stray quote or backslash must never end the string early or start an escape.
func dotEscape(s string) string { return dotEscaper.Replace(s) }

// dotString quotes an escaped string.
func dotString(esc string) string { return `"` + esc + `"` }

// dotQuote returns s as a quoted DOT ID.
func dotQuote(s string) string { return dotString(dotEscape(s)) }

// dotLabel returns a quoted, centred, multi-line DOT label.
func dotLabel(lines ...string) string {
	esc := make([]string, len(lines))
	for i, l := range lines {
		esc[i] = dotEscape(l)
	}
	return dotString(strings.Join(esc, `\n`))
}

// dotLeftLabel returns a quoted DOT label of left-justified lines.
func dotLeftLabel(lines ...string) string {
	var b strings.Builder
	for _, l := range lines {
		b.WriteString(dotEscape(l))
		b.WriteString(`\l`)
	}
	return dotString(b.String())
}
