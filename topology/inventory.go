package topology

// The certificate inventory (production-day.md, "what operators expect next": a certificate
// inventory with expiry): every TLS certificate an environment's traffic depends on, who
// presents it, the names it must cover and who verifies each, where it lives, and the CA
// bundles that must hold its issuer. certificates.md prints it, the lab issues its
// certificates from it (so every suite run proves the names suffice for every check the
// generated configs make), and `zonegen certificates` checks it live, expiry included.

import (
	"cmp"
	"net"
	"slices"
	"strconv"
	"strings"
)

// Kinds of certificate presenters.
const (
	CertProxy    = "proxy"    // a generated proxy's listener: a PEM file on its machines
	CertServer   = "server"   // a front-end's IIS HTTPS binding
	CertExternal = "external" // an external load balancer's (externalLoadBalancer)
	CertRabbitMQ = "rabbitmq" // a RabbitMQ node's TLS listener, behind the cache-invalidation pool
	CertOther    = "other"    // an address the source names but zonegen does not place
)

// Certificate is one certificate the environment depends on.
type Certificate struct {
	Kind string
	// Presenter names who answers TLS with it: "proxy www", "server fe1", ...
	Presenter string
	// File is the PEM (certificate and key) a proxy loads, on Machines; "" for the others.
	File     string
	Machines []string
	// Names are what it must cover, sorted, each with what verifies it by that name.
	Names []CertName
	// Endpoints are where it answers: the host (address or name) and port to dial.
	Endpoints []CertEndpoint
}

// CertName is one name a certificate must cover, and every reason.
type CertName struct {
	Name string
	Why  []string
}

// CertEndpoint is a host and port where a certificate answers.
type CertEndpoint struct {
	Host string
	Port int
}

// TrustBundle is a CA bundle a generated pool or proxy verifies front-ends with: it must
// hold the issuer of the certificates of Servers.
type TrustBundle struct {
	File     string
	Machines []string
	// User says what verifies with it: "zone DZ1's load balancer (HTTPS checks)".
	User    string
	Servers []string
}

// CheckName is the name zone z's HTTPS pool checks send server s as SNI and verify: the
// zone address where the certificate fact holds and it is a name, else the server's own
// (TLSName: its certificate covers it, R2); "" when the check can verify the chain only.
func (z *ZonePlan) CheckName(s *ServerPlan) string {
	if z.Certificate.Holds && !isIP(z.Address.Value) {
		return z.Address.Value
	}
	return s.TLSName
}

// Certificates lists environment e's certificates in a fixed order: proxies, servers,
// external load balancers, RabbitMQ nodes, other addresses. Only e's own values are read (and, for the
// LifeTime environment, Plan.Lifetime), as in DNS.
func (p *Plan) Certificates(e *EnvPlan) []Certificate {
	inv := inventory{byKey: map[string]*Certificate{}}
	for _, px := range e.Proxies {
		if px.TLS == TLSNone {
			continue
		}
		c := inv.cert(CertProxy, px.Name, "proxy "+px.Name)
		c.File, c.Machines = px.Certificate, px.Machines
		// Where it listens: its listen address, else each of its machines (each holds its own
		// copy of the file), else its host; the host alone may resolve to a WAF or CDN in front.
		hosts := []string{listenEgress(px.Listen.Address)}
		if hosts[0] == "" { // all addresses ("::" included)
			hosts = px.MachineAddrs
		}
		if len(hosts) == 0 {
			hosts = []string{px.Host}
		}
		for _, h := range hosts {
			c.Endpoints = append(c.Endpoints, CertEndpoint{h, px.Listen.HTTPS})
		}
		inv.name(c, px.Host, "its clients reach https://"+px.Host)
	}
	servers := map[string]*ServerPlan{}
	for _, s := range e.Servers {
		servers[s.Name] = s
		if s.TLS && s.Frontend {
			c := inv.server(s)
			if s.TLSName != "" {
				inv.name(c, s.TLSName, "tls: true: its IIS answers HTTPS for its own name")
			}
		}
	}
	for _, z := range e.Zones {
		if z.External {
			if len(z.ExternalNeeds) > 0 {
				c := inv.cert(CertExternal, z.Name, "load balancer "+z.LoadBalancer+" (zone "+z.Name+", externalLoadBalancer)")
				c.Endpoints = []CertEndpoint{{z.Address.Value, z.Ports.HTTPS}}
				inv.name(c, z.Address.Value, z.ExternalNeeds...)
			}
			continue
		}
		for _, sn := range z.Servers {
			s := servers[sn]
			if s == nil {
				continue
			}
			if z.Certificate.Holds && len(z.Certificate.Needs) > 0 {
				inv.name(inv.server(s), z.Address.Value, z.Certificate.Needs...)
			}
			if n := z.CheckName(s); z.Pool() && z.Ports.HTTPS != 0 && s.TLS && n == s.TLSName && n != "" {
				inv.name(inv.server(s), n, "zone "+z.Name+"'s load balancer checks it over HTTPS by this name")
			}
		}
	}
	for _, px := range e.Proxies {
		for _, u := range px.Upstreams {
			if u.Scheme != "https" {
				continue
			}
			for _, t := range u.Targets {
				if s := servers[t.Name]; s != nil && t.TLSName == s.TLSName && s.TLSName != "" {
					inv.name(inv.server(s), s.TLSName, "proxy "+px.Name+" re-encrypts to it and verifies this name")
				}
			}
		}
	}
	// The pool passes TLS through: the platform verifies, on each node's certificate, the
	// name it connects to (cache-invalidation/enable-tls.md).
	if c := e.CacheInvalidation; c != nil && c.TLS {
		for _, n := range c.Nodes {
			cert := inv.cert(CertRabbitMQ, n.Host, "RabbitMQ node "+n.Host)
			cert.Endpoints = []CertEndpoint{{n.Host, n.Port}}
			inv.name(cert, c.LoadBalancer, "the cache invalidation service connects to "+c.LoadBalancer+" over TLS through the pool and verifies that name, unless TlsServerCanonicalName in server.hsconf names the certificate's (enable-tls.md)")
		}
	}
	// Addresses LifeTime calls over HTTPS, on the certificate that covers each, else on one
	// of their own: the registration address, and in the LifeTime environment its Hostname
	// (the callback).
	if a := e.LifetimeAddress; a != nil {
		inv.other(e, a.Value, 443, lifetimeNeed(a.Value)) // a zone's need already says it: listed once
	}
	if lt := p.Lifetime; lt != nil && lt.Env == e.Name && len(lt.Environments) > 0 {
		inv.other(e, lt.Environments[0].Callback.Value, 443, "the managed environments call LifeTime back at https://"+lt.Environments[0].Callback.Value)
	}
	return inv.list()
}

// inventory collects certificates by presenter, names by certificate.
type inventory struct {
	byKey map[string]*Certificate
	order []string
}

func (inv *inventory) cert(kind, name, presenter string) *Certificate {
	key := kind + "/" + name
	if c := inv.byKey[key]; c != nil {
		return c
	}
	c := &Certificate{Kind: kind, Presenter: presenter}
	inv.byKey[key] = c
	inv.order = append(inv.order, key)
	return c
}

func (inv *inventory) server(s *ServerPlan) *Certificate {
	c := inv.cert(CertServer, s.Name, "server "+s.Name)
	c.Machines = []string{s.Name}
	c.Endpoints = []CertEndpoint{{s.Address, s.Ports.HTTPS}}
	return c
}

// name adds name, with why, to c; names compare ignoring case.
func (inv *inventory) name(c *Certificate, name string, why ...string) {
	i := slices.IndexFunc(c.Names, func(n CertName) bool { return strings.EqualFold(n.Name, name) })
	if i < 0 {
		c.Names = append(c.Names, CertName{Name: name})
		i = len(c.Names) - 1
	}
	for _, w := range why {
		if !slices.Contains(c.Names[i].Why, w) {
			c.Names[i].Why = append(c.Names[i].Why, w)
		}
	}
}

// other adds why to whichever certificates cover name; else, for the Hostname of an
// environment without proxies, to its default zone's front-ends, where it points (R4, as in
// DNS); else to a certificate of its own: what answers there, which the source does not
// place.
func (inv *inventory) other(e *EnvPlan, name string, port int, why string) {
	found := false
	for _, key := range inv.order {
		c := inv.byKey[key]
		if slices.ContainsFunc(c.Names, func(n CertName) bool { return strings.EqualFold(n.Name, name) }) {
			inv.name(c, name, why)
			found = true
		}
	}
	if found {
		return
	}
	if z := e.Zone(DefaultZone); z != nil && !z.External && len(e.Proxies) == 0 && strings.EqualFold(name, e.Hostname.Value) {
		for _, sn := range z.Servers {
			if s := e.Server(sn); s != nil && s.TLS && s.Frontend {
				inv.name(inv.server(s), name, why+"; it is the Hostname, which points at zone "+z.Name+" without a proxy (R4)")
				found = true
			}
		}
		if found {
			return
		}
	}
	c := inv.cert(CertOther, name, "what answers "+name)
	c.Endpoints = []CertEndpoint{{name, port}}
	inv.name(c, name, why)
}

func (inv *inventory) list() []Certificate {
	rank := map[string]int{CertProxy: 0, CertServer: 1, CertExternal: 2, CertRabbitMQ: 3, CertOther: 4}
	out := make([]Certificate, 0, len(inv.order))
	for _, key := range inv.order {
		c := *inv.byKey[key]
		slices.SortFunc(c.Names, func(a, b CertName) int { return strings.Compare(a.Name, b.Name) })
		for i := range c.Names {
			slices.Sort(c.Names[i].Why)
		}
		out = append(out, c)
	}
	slices.SortStableFunc(out, func(a, b Certificate) int {
		return cmp.Or(cmp.Compare(rank[a.Kind], rank[b.Kind]), strings.Compare(a.Presenter, b.Presenter))
	})
	return out
}

// TrustBundles lists the CA bundles environment e's generated pools and proxies verify
// front-ends with, each with the servers whose issuer it must hold, in a fixed order: zones,
// then proxies.
func (p *Plan) TrustBundles(e *EnvPlan) []TrustBundle {
	var out []TrustBundle
	for _, z := range e.Zones {
		if !z.Pool() || z.Ports.HTTPS == 0 {
			continue
		}
		var servers []string
		for _, sn := range z.Servers {
			if s := e.Server(sn); s != nil && s.TLS {
				servers = append(servers, sn)
			}
		}
		if len(servers) > 0 {
			out = append(out, TrustBundle{File: z.CA, Machines: z.LBMachines, User: "zone " + z.Name + "'s load balancer (its HTTPS checks)", Servers: servers})
		}
	}
	for _, px := range e.Proxies {
		if px.TLS != TLSReencrypt {
			continue
		}
		var servers []string
		for _, u := range px.Upstreams {
			if z := e.Zone(u.Zone); z != nil && u.Scheme == "https" {
				servers = append(servers, z.Servers...)
			}
		}
		slices.Sort(servers)
		out = append(out, TrustBundle{File: px.CA, Machines: px.Machines, User: "proxy " + px.Name + " (it re-encrypts)", Servers: slices.Compact(servers)})
	}
	return out
}

// Addr is the endpoint as host:port.
func (ep CertEndpoint) Addr() string { return net.JoinHostPort(ep.Host, strconv.Itoa(ep.Port)) }
