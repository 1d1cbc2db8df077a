package generators

import (
	"fmt"
	"net"
	"net/netip"
	"path"
	"strconv"
	"strings"

	"github.com/zonegen/zonegen/output"
	"github.com/zonegen/zonegen/templates"
	"github.com/zonegen/zonegen/topology"
)

// Per-zone load-balancer pools: TCP (layer 4), round robin, no stickiness, over the zone's
// front-ends, on the zone's HTTP and HTTPS ports. OutSystems keeps sessions in the database,
// so stickiness "shouldn't be used", and recommends round robin with a TCP check or a custom
// page that prints a known string (FACTS §5).

func init() {
	Register(Generator{
		Kind: "haproxy-lb",
		Doc:  "HAProxy layer-4 pool per zone with a load balancer",
		Generate: func(p *topology.Plan, t *templates.Set) ([]output.File, error) {
			return generateLB(p, t, "haproxy-lb.cfg.tmpl", ".haproxy.cfg")
		},
	})
	Register(Generator{
		Kind: "nginx-lb",
		Doc:  "nginx layer-4 pool (stream{} include) per zone with a load balancer",
		Generate: func(p *topology.Plan, t *templates.Set) ([]output.File, error) {
			return generateLB(p, t, "nginx-lb.conf.tmpl", ".nginx.conf")
		},
	})
}

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
			files = append(files, output.File{Path: LBFile(env.Name, z.Name, ext), Data: data, Env: env.Name})
		}
	}
	return files, nil
}

// LBFile is the path in the generated tree of a zone pool's file with extension ext.
func LBFile(env, zone, ext string) string { return path.Join(env, "lb", zone+ext) }

// LBID is the config-safe identifier of a zone's pool, unique in the Plan, made the way
// ProxyPlan.ID is: "<env>_<zone>", lower case, '-' as '_'.
func LBID(env, zone string) string {
	return strings.ReplaceAll(strings.ToLower(env+"_"+zone), "-", "_")
}

func newLBView(plan *topology.Plan, env *topology.EnvPlan, z *topology.ZonePlan) (*lbView, error) {
	id := LBID(env.Name, z.Name)
	if !configID.MatchString(id) {
		return nil, fmt.Errorf("pool ID %q is not config-safe", id)
	}
	if z.BindAddress != "" {
		if _, err := netip.ParseAddr(z.BindAddress); err != nil {
			return nil, fmt.Errorf("bind address %q is not an IP address", z.BindAddress)
		}
	}
	servers := map[string]*topology.ServerPlan{}
	for _, s := range env.Servers {
		servers[s.Name] = s
	}
	v := &lbView{Plan: plan, Env: env, Zone: z, Prefix: "zg_lb_" + id}
	if !hostName(z.LoadBalancer) {
		return nil, fmt.Errorf("%q is not a host name or IP address", z.LoadBalancer)
	}
	if hc := env.HealthCheck; hc != nil {
		pth, err := quoteHAProxy(hc.Path)
		if err != nil || !strings.HasPrefix(hc.Path, "/") || strings.ContainsAny(hc.Path, " '\"\\") {
			return nil, fmt.Errorf("health check path %q must start with / and hold no space, quote, backslash or control character", hc.Path)
		}
		expect, err := quoteHAProxy(hc.Expect)
		if err != nil || hc.Expect == "" {
			return nil, fmt.Errorf("health check expect %q must be a non-empty printable string", hc.Expect)
		}
		if !hostName(z.Address.Value) {
			return nil, fmt.Errorf("zone address %q is not a host name or IP address", z.Address.Value)
		}
		v.Check = &checkView{Path: pth, Expect: expect, Host: z.Address.Value}
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
			s, ok := servers[name]
			if !ok {
				return nil, fmt.Errorf("unknown server %q", name)
			}
			if !s.Frontend {
				continue
			}
			// A server whose IIS answers no HTTPS stays out of the HTTPS pool: an HTTP
			// check on its HTTP port would otherwise keep it in.
			if scheme == "https" && !s.TLS {
				continue
			}
			if !hostName(s.Address) || !serverName.MatchString(s.Name) {
				return nil, fmt.Errorf("server %s: address %q is not a host name or IP address", s.Name, s.Address)
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
			return nil, fmt.Errorf("zone has no front-ends to balance")
		}
		v.Pools = append(v.Pools, pool)
	}
	return v, nil
}
