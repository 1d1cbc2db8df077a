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

type lbView struct {
	Plan *topology.Plan
	Env  *topology.EnvPlan
	Zone *topology.ZonePlan
	// Prefix starts every name, unique in the Plan: "zg_lb_<env>_<zone>".
	Prefix string
	Pools  []poolView
	// Check is the HTTP health check, nil for TCP checks.
	Check *checkView
	// CA (quoted) verifies the front-ends' certificates in the HTTPS pool's checks, for
	// ZoneName, the zone address, where they hold a certificate covering it (the zone's
	// certificate fact, R2); else each for its own name (poolServer.CheckName), for the
	// reason OwnNames, and ChainOnly lists the servers with none (known by IP address).
	CA        string
	ZoneName  string
	OwnNames  string
	ChainOnly string
	// Egress (nginx proxy_bind) and Source (HAProxy source) are where connections to the
	// front-ends, and HAProxy's checks, leave from; "" lets the kernel choose.
	Egress, Source string
}

// poolView is one listener of a zone's load balancer and the servers behind it.
type poolView struct {
	Name    string // Prefix + "_http" or "_https"
	Scheme  string
	Bind    *listenView
	Servers []poolServer
}

type poolServer struct {
	Name string
	Addr string // host:port; checks go to the same port, over TLS in the HTTPS pool
	// CheckName is the name the HTTPS pool's checks send as SNI and verify; "" for the
	// chain only.
	CheckName string
	// Drain: the server is drained (servers.S.drain); the pool sends it nothing new.
	Drain bool
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
			if !z.Pool() {
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

// newLBView shapes a zone's pools for the templates; Plan.Check (generators.Run) has
// verified every value already.
func newLBView(plan *topology.Plan, env *topology.EnvPlan, z *topology.ZonePlan) (*lbView, error) {
	v := &lbView{Plan: plan, Env: env, Zone: z, Prefix: topology.PoolPrefix(env.Name, z.Name),
		Egress: z.Egress, Source: haproxySource(z.Egress)}
	servers := make(map[string]*topology.ServerPlan, len(env.Servers))
	for _, s := range env.Servers {
		servers[s.Name] = s
	}
	if hc := env.HealthCheck; hc != nil {
		v.Check = &checkView{Path: quoteHAProxy(hc.Path), Expect: quoteHAProxy(hc.Expect), Host: z.Address.Value}
	}

	v.CA = quotePath(z.CA)
	switch _, err := netip.ParseAddr(z.Address.Value); {
	case err == nil:
		v.OwnNames = "the zone address is an IP literal"
	case !z.Certificate.Holds:
		v.OwnNames = "no localCertificate covers the zone address"
	default:
		v.ZoneName = z.Address.Value
	}
	var chainOnly []string

	for _, scheme := range []string{"http", "https"} {
		port := z.Ports.HTTP
		if scheme == "https" {
			port = z.Ports.HTTPS
		}
		if port == 0 {
			continue
		}
		pool := poolView{Name: v.Prefix + "_" + scheme, Scheme: scheme, Bind: listenOn(z.BindAddress, port)}
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
			ps := poolServer{Name: s.Name, Addr: net.JoinHostPort(s.Address, strconv.Itoa(sport)), Drain: s.Drain}
			if scheme == "https" {
				// SNI and the verified name: the zone address, else the server's own
				// (tls: its certificate covers it, R2); topology warns where it has none.
				ps.CheckName = z.CheckName(s)
				if ps.CheckName == "" {
					chainOnly = append(chainOnly, s.Name)
				}
			}
			pool.Servers = append(pool.Servers, ps)
		}
		if len(pool.Servers) == 0 {
			if scheme == "https" {
				continue // no server of the zone answers HTTPS
			}
			return nil, fmt.Errorf("zone has no front-ends to balance") // Plan.Check refuses it
		}
		v.Pools = append(v.Pools, pool)
	}
	v.ChainOnly = strings.Join(chainOnly, ", ")
	return v, nil
}
