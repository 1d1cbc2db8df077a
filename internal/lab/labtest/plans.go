package labtest

import (
	"slices"
	"sort"
	"strings"

	"github.com/zonegen/zonegen/topology"
)

// Acme is a two-environment plan:
//
//   - prod: front-ends fe1-fe4 and a controller; zones Global (all front-ends, lb0), DZ1
//     (fe1, fe2, lb1), DZ2 (fe3, fe4, lb2, HTTPS inside) and DZ3 (fe4 alone, no load
//     balancer). Proxy www offloads TLS and sends to the zones' load balancers (DZ1 over
//     HTTP, DZ2 over verified HTTPS); proxy intra re-encrypts, balances over the servers
//     itself and routes the platform paths for 10.0.9.5 and 10.9.0.0/16 only.
//   - dev: front-ends dev1, dev2 in Global (lbdev) with an HTTP health check; proxy edge
//     speaks plain HTTP, balances over the servers and has small limits (a 1 MiB body,
//     16 KiB request and 8 KiB response headers); the other proxies have the defaults.
//
// Module names include /App next to /App2 (bounded matching) and /Default (an nginx map
// keyword).
func Acme() *topology.Plan {
	prod := &topology.EnvPlan{
		Name:              "prod",
		Purpose:           "production",
		Hostname:          topology.Derived{Value: "www.acme.test", Rule: topology.RuleHostname},
		ServiceCenterZone: "Global",
		Servers: []*topology.ServerPlan{
			server("dc", "10.0.2.5", false),
			server("fe1", "10.0.2.11", true),
			server("fe2", "10.0.2.12", true),
			server("fe3", "10.0.3.21", true),
			server("fe4", "10.0.3.22", true),
		},
		Zones: []*topology.ZonePlan{
			zone("DZ1", "lb1.acme.test", false, "fe1", "fe2"),
			zone("DZ2", "lb2.acme.test", true, "fe3", "fe4"),
			zone("DZ3", "", false, "fe4"),
			zone("Global", "lb0.acme.test", false, "fe1", "fe2", "fe3", "fe4"),
		},
		Apps: []*topology.AppPlan{
			app("App", "DZ1", "App"),
			app("App1InDZ1", "DZ1", "App1InDZ1", "App1InDZ1_Theme", "Default"),
			app("App2", "DZ2", "App2"),
			app("App2InDZ2", "DZ2", "App2InDZ2", "App2InDZ2_Theme"),
			app("Portal", "Global", "Portal"),
			app("Reports", "DZ3", "Reports"),
		},
	}
	prod.Servers[0].Frontend, prod.Servers[0].Controller = false, true
	prod.Zones[2].Address = topology.Derived{Value: "10.0.3.22", Rule: topology.RuleZoneAddr, Reason: "the zone's single front-end"}
	prod.Zones[3].AllServers = true
	prod.Proxies = []*topology.ProxyPlan{
		proxy(prod, "intra", "intra.acme.test", "reencrypt", "servers", true, []string{"10.0.9.5/32", "10.9.0.0/16"}, "DZ1", "DZ3", "Global"),
		proxy(prod, "www", "www.acme.test", "offload", "zone", false, nil, "DZ1", "DZ2"),
	}
	prod.Proxies[0].Listen.Address = "10.0.1.5"

	dev := &topology.EnvPlan{
		Name:              "dev",
		Purpose:           "development",
		Hostname:          topology.Derived{Value: "dev.acme.test", Rule: topology.RuleHostname},
		ServiceCenterZone: "Global",
		HealthCheck:       &topology.HealthCheck{Path: "/HealthCheck/", Expect: "ServerOK"},
		Servers: []*topology.ServerPlan{
			server("dev1", "10.1.2.11", false),
			server("dev2", "10.1.2.12", false),
		},
		Zones: []*topology.ZonePlan{zone("Global", "10.1.2.10", false, "dev1", "dev2")},
		Apps:  []*topology.AppPlan{app("Sandbox", "Global", "Sandbox", "Sandbox_Theme")},
	}
	dev.Zones[0].AllServers = true
	dev.Zones[0].BindAddress = "10.1.2.10"
	dev.Proxies = []*topology.ProxyPlan{
		proxy(dev, "edge", "dev.acme.test", "none", "servers", false, nil, "Global"),
	}
	dev.Proxies[0].Listen.HTTPS = 0
	// Small limits, so that the probes send a body over the limit too.
	dev.Proxies[0].Limits = topology.ProxyLimits{Body: 1 << 20, RequestHeaders: 16 << 10, ResponseHeaders: 8 << 10}

	for _, env := range []*topology.EnvPlan{dev, prod} {
		for _, s := range env.Servers {
			for _, z := range env.Zones {
				if slices.Contains(z.Servers, s.Name) {
					s.Zones = append(s.Zones, z.Name)
				}
			}
		}
	}
	return &topology.Plan{Name: "acme", Source: "acme.jsonnet", Environments: []*topology.EnvPlan{dev, prod}}
}

// PlatformPaths are the paths a proxy with platform routing sends to Service Center's
// zone (FACTS §4).
var PlatformPaths = []string{"ServiceCenter", "server.api", "server.identity"}

func server(name, addr string, tls bool) *topology.ServerPlan {
	return &topology.ServerPlan{Name: name, Address: addr, Frontend: true, TLS: tls, Ports: topology.Ports{HTTP: 80, HTTPS: 443}}
}

func zone(name, lb string, httpsInternal bool, servers ...string) *topology.ZonePlan {
	z := &topology.ZonePlan{
		Name:          name,
		LoadBalancer:  lb,
		HTTPSInternal: httpsInternal,
		Servers:       servers,
		Ports:         topology.Ports{HTTP: 80, HTTPS: 443},
		Address:       topology.Derived{Value: lb, Rule: topology.RuleZoneAddr, Reason: "the zone's load balancer"},
		CA:            "/etc/ssl/zonegen/ca.pem",
	}
	return z
}

func app(name, zone string, modules ...string) *topology.AppPlan {
	sort.Strings(modules)
	return &topology.AppPlan{Name: name, Zone: zone, Modules: modules}
}

// proxy derives a proxy the way R6 does, in short: one upstream per published zone (HTTPS
// when the proxy re-encrypts or the zone uses HTTPS inside, verified for the zone address),
// one route per module of the zones' apps, and the platform paths to Service Center's zone.
func proxy(env *topology.EnvPlan, name, host, tls, balance string, platform bool, allow []string, zones ...string) *topology.ProxyPlan {
	p := &topology.ProxyPlan{
		Name:        name,
		ID:          topology.ProxyID(env.Name, name),
		Host:        host,
		TLS:         tls,
		Certificate: "/etc/ssl/zonegen/" + host + ".pem",
		CA:          "/etc/ssl/zonegen/ca.pem",
		Balance:     balance,
		Listen:      topology.Listen{HTTP: 80, HTTPS: 443},
		Platform:    platform,
		Allow:       allow,
		Zones:       zones,
		Limits:      topology.DefaultLimits(),
	}
	servers := map[string]*topology.ServerPlan{}
	for _, s := range env.Servers {
		servers[s.Name] = s
	}
	for _, z := range env.Zones {
		if !slices.Contains(zones, z.Name) {
			continue
		}
		u := &topology.Upstream{ID: topology.UpstreamID(z.Name), Zone: z.Name, Scheme: "http"}
		if tls == "reencrypt" || z.HTTPSInternal {
			u.Scheme, u.TLSName = "https", z.Address.Value
			if z.LoadBalancer == "" {
				u.TLSName = z.Servers[0] // an address that is an IP: verify the server's name
			}
		}
		if balance == "zone" {
			port := z.Ports.HTTP
			if u.Scheme == "https" {
				port = z.Ports.HTTPS
			}
			t := topology.Target{Name: z.Name, Host: z.Address.Value, Port: port}
			if z.LoadBalancer == "" { // R2: the single front-end is the zone's address
				s := servers[z.Servers[0]]
				t.Host, t.Port = s.Address, s.Ports.HTTP
				if u.Scheme == "https" {
					t.Port = s.Ports.HTTPS
				}
			}
			u.Targets = []topology.Target{t}
		} else {
			for _, sn := range z.Servers {
				s := servers[sn]
				port := s.Ports.HTTP
				if u.Scheme == "https" {
					port = s.Ports.HTTPS
				}
				u.Targets = append(u.Targets, topology.Target{Name: s.Name, Host: s.Address, Port: port})
			}
		}
		p.Upstreams = append(p.Upstreams, u)
		for _, a := range env.Apps {
			if a.Zone != z.Name {
				continue
			}
			for _, m := range a.Modules {
				p.Routes = append(p.Routes, topology.Route{Path: m, Key: strings.ToLower(m), App: a.Name, Zone: z.Name, Upstream: u.ID})
			}
		}
		if platform && z.Name == env.ServiceCenterZone {
			for _, m := range PlatformPaths {
				p.Routes = append(p.Routes, topology.Route{Path: m, Key: strings.ToLower(m), Zone: z.Name, Upstream: u.ID, Platform: true})
			}
		}
	}
	sort.Slice(p.Routes, func(i, j int) bool { return p.Routes[i].Key < p.Routes[j].Key })
	return p
}
