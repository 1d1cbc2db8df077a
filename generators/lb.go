package generators

import (
	"fmt"
	"net"
	"path"
	"strconv"

	"github.com/zonegen/zonegen/output"
	"github.com/zonegen/zonegen/templates"
	"github.com/zonegen/zonegen/topology"
)

// Per-zone load-balancer pools: TCP (layer 4), round robin, no stickiness, over the zone's
// front-ends, on the zone's HTTP and HTTPS ports. OutSystems keeps sessions in the database,
// so stickiness "shouldn't be used", and recommends round robin with a TCP check or a custom
// page that prints a known string (FACTS §5).

type lbView struct {
	Plan *topology.Plan
	Env  *topology.EnvPlan
	Zone *topology.ZonePlan
	// Prefix starts every name, unique in the Plan: "zg_lb_<env>_<zone>".
	Prefix string
	Pools  []poolView
	// Check is the HTTP health check, nil for TCP checks.
	Check *checkView
}

// poolView is one listener of a zone's load balancer and the servers behind it.
type poolView struct {
	Name    string // Prefix + "_http" or "_https"
	Scheme  string
	Bind    string
	Servers []poolServer
}

type poolServer struct {
	Name      string
	Addr      string // host:port
	CheckPort int    // the server's HTTP port: HTTP checks use it for both pools
}

type checkView struct {
	Path   string // quoted for haproxy.cfg
	Expect string // quoted for haproxy.cfg
	Host   string // the zone address, sent as Host: what IIS bindings expect
}

func generateLB(plan *topology.Plan, tpl *templates.Set, tmpl, ext string) ([]output.File, error) {
	var files []output.File
	for _, env := range plan.Environments {
		for _, z := range env.Zones {
			if z.LoadBalancer == "" {
				continue
			}
			v, err := newLBView(plan, env, z)
			if err != nil {
				return nil, fmt.Errorf("environment %s: zone %s: load balancer: %w", env.Name, z.Name, err)
			}
			data, err := tpl.Render(tmpl, v)
			if err != nil {
				return nil, fmt.Errorf("environment %s: zone %s: %w", env.Name, z.Name, err)
			}
			files = append(files, output.File{Path: path.Join(env.Name, "lb", z.Name+ext), Data: data, Env: env.Name})
		}
	}
	return files, nil
}

// newLBView shapes a zone's pools for the templates; Plan.Check (generators.Run) has
// verified every value already.
func newLBView(plan *topology.Plan, env *topology.EnvPlan, z *topology.ZonePlan) (*lbView, error) {
	v := &lbView{Plan: plan, Env: env, Zone: z, Prefix: topology.PoolPrefix(env.Name, z.Name)}
	servers := make(map[string]*topology.ServerPlan, len(env.Servers))
	for _, s := range env.Servers {
		servers[s.Name] = s
	}
	if hc := env.HealthCheck; hc != nil {
		v.Check = &checkView{Path: quoteHAProxy(hc.Path), Expect: quoteHAProxy(hc.Expect), Host: z.Address.Value}
	}

	for _, scheme := range []string{"http", "https"} {
		port := z.Ports.HTTP
		if scheme == "https" {
			port = z.Ports.HTTPS
		}
		if port == 0 {
			continue
		}
		pool := poolView{Name: v.Prefix + "_" + scheme, Scheme: scheme, Bind: listenAddr(z.BindAddress, port)}
		for _, name := range z.Servers {
			s := servers[name]
			if !s.Frontend {
				continue
			}
			// A server whose IIS answers no HTTPS stays out of the HTTPS pool: an HTTP
			// check on its HTTP port would otherwise keep it in.
			if scheme == "https" && !s.TLS {
				continue
			}
			sport := s.Ports.HTTP
			if scheme == "https" {
				sport = s.Ports.HTTPS
			}
			pool.Servers = append(pool.Servers, poolServer{
				Name:      s.Name,
				Addr:      net.JoinHostPort(s.Address, strconv.Itoa(sport)),
				CheckPort: s.Ports.HTTP,
			})
		}
		if len(pool.Servers) == 0 {
			if scheme == "https" {
				continue // no server of the zone answers HTTPS
			}
			return nil, fmt.Errorf("zone has no front-ends to balance") // Plan.Check refuses it
		}
		v.Pools = append(v.Pools, pool)
	}
	return v, nil
}
