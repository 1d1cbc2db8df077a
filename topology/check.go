package topology

import (
	"errors"
	"fmt"
	"net/netip"
	"slices"
	"strings"
)

// Check verifies the invariants every generator relies on, with the predicates Resolve
// validates the source with (names.go, ids.go). A Plan from Resolve always passes; Check is
// the defence in depth for Plans changed afterwards (the lab, tests) so that no value can
// ever inject configuration into a file (notes/proxies.md §6.4). generators.Run calls it
// before any template runs, so the views only shape data. Every violation is reported.
func (p *Plan) Check() error {
	c := &checker{}
	for _, e := range p.Environments {
		c.env(e)
	}
	for _, col := range p.idCollisions() {
		c.errorf("config identifier %s of %s is also the one of %s", col.Name, col.Owner, col.Other)
	}
	return errors.Join(c.errs...)
}

type checker struct{ errs []error }

func (c *checker) errorf(format string, args ...any) {
	c.errs = append(c.errs, fmt.Errorf("plan invariant: "+format, args...))
}

func (c *checker) env(e *EnvPlan) {
	if _, ok := checkName(e.Name); !ok {
		c.errorf("environment %s: name is not valid", quote(e.Name))
		return
	}
	at := "environment " + e.Name
	servers := make(map[string]*ServerPlan, len(e.Servers))
	for _, s := range e.Servers {
		servers[s.Name] = s
		if !serverNameOK(s.Name) {
			c.errorf("%s: server name %s is not valid", at, quote(s.Name))
		}
		if !hostOK(s.Address) {
			c.errorf("%s: server %s: address %s is not a host name or IP address", at, s.Name, quote(s.Address))
		}
		if kind, msg := checkHost(s.TLSName); s.TLSName != "" && (msg != "" || kind != hostName) {
			c.errorf("%s: server %s: TLS name %s is not a host name", at, s.Name, quote(s.TLSName))
		}
	}
	if hc := e.HealthCheck; hc != nil {
		if !pathRE.MatchString(hc.Path) {
			c.errorf("%s: health check path %s is not valid", at, quote(hc.Path))
		}
		if !expectRE.MatchString(hc.Expect) {
			c.errorf("%s: health check expect %s is not one word", at, quote(hc.Expect))
		}
	}
	for _, z := range e.Zones {
		c.zone(at+": zone "+z.Name, e, z, servers)
	}
	for _, px := range e.Proxies {
		c.proxy(at+": proxy "+px.Name, e, px)
	}
	if cp := e.CacheInvalidation; cp != nil {
		c.cachePool(at+": cache-invalidation pool", e, cp)
	}
	for _, m := range e.Machines {
		if mon := m.Monitoring; mon != nil {
			mat := at + ": machine " + m.Name + ": monitoring"
			if !ipOK(mon.Address) {
				c.errorf("%s: address %s is not an IP address", mat, quote(mon.Address))
			}
			if mon.Port < 1 || mon.Port > 65535 {
				c.errorf("%s: port %d out of range", mat, mon.Port)
			}
			c.cidrList(mat, "allow", mon.Allow)
		}
	}
}

func (c *checker) zone(at string, e *EnvPlan, z *ZonePlan, servers map[string]*ServerPlan) {
	if _, ok := checkName(z.Name); !ok {
		c.errorf("%s: name is not valid", at)
		return
	}
	frontends := 0
	for _, sn := range z.Servers {
		switch s := servers[sn]; {
		case s == nil:
			c.errorf("%s: unknown server %s", at, quote(sn))
		case s.Frontend:
			frontends++
		}
	}
	if z.LoadBalancer == "" {
		return
	}
	if !hostOK(z.LoadBalancer) {
		c.errorf("%s: load balancer %s is not a host name or IP address", at, quote(z.LoadBalancer))
	}
	if z.BindAddress != "" && !ipOK(z.BindAddress) {
		c.errorf("%s: bind address %s is not an IP address", at, quote(z.BindAddress))
	}
	// The address is the Host of HTTP checks and the name HTTPS checks verify.
	if !hostOK(z.Address.Value) {
		c.errorf("%s: zone address %s is not a host name or IP address", at, quote(z.Address.Value))
	}
	if z.Egress != "" && !ipOK(z.Egress) {
		c.errorf("%s: egress %s is not an IP address", at, quote(z.Egress))
	}
	c.failover(at, z.Failover, PoolPrefix(e.Name, z.Name))
	if !filePathOK(z.CA) {
		c.errorf("%s: ca (verifies the HTTPS pool's checks) path %s is not valid", at, quote(z.CA))
	}
	if z.Ports.HTTP != 0 && frontends == 0 {
		c.errorf("%s: load balancer: zone has no front-ends to balance", at)
	}
}

func (c *checker) cachePool(at string, e *EnvPlan, p *CachePool) {
	if !hostOK(p.LoadBalancer) {
		c.errorf("%s: load balancer %s is not a host name or IP address", at, quote(p.LoadBalancer))
	}
	if p.BindAddress != "" && !ipOK(p.BindAddress) {
		c.errorf("%s: bind address %s is not an IP address", at, quote(p.BindAddress))
	}
	if p.Port < 1 || p.Port > 65535 {
		c.errorf("%s: port %d out of range", at, p.Port)
	}
	if len(p.Nodes) == 0 {
		c.errorf("%s: no nodes to balance", at)
	}
	for _, n := range p.Nodes {
		// A node's host is also its server name in HAProxy (letters, digits, '.', '-', ':').
		if !hostOK(n.Host) || n.Port < 1 || n.Port > 65535 {
			c.errorf("%s: node %s is not a host name or IP address and a port", at, quote(n.Addr()))
		}
	}
	c.failover(at, p.Failover, PoolPrefix(e.Name, CachePoolName))
}

// failover checks what keepalived.conf.tmpl writes as is: IPv4 addresses, interface names,
// the instance ID and the router id.
func (c *checker) failover(at string, f *Failover, id string) {
	if f == nil {
		return
	}
	is4 := func(s string) bool { a, err := netip.ParseAddr(s); return err == nil && a.Is4() }
	if !is4(f.Address) {
		c.errorf("%s: failover address %s is not an IPv4 address", at, quote(f.Address))
	}
	if f.ID != id {
		c.errorf("%s: failover ID %s is not %s", at, quote(f.ID), id)
	}
	if f.VRID < 1 || f.VRID > 255 {
		c.errorf("%s: failover virtual router id %d out of range", at, f.VRID)
	}
	for _, m := range f.Machines {
		if !is4(m.Address) || !interfaceName.MatchString(m.Interface) || (m.Engine != EngineNginx && m.Engine != EngineHAProxy) || m.Priority < 1 || m.Priority > 254 {
			c.errorf("%s: failover machine %s: address %s, interface %s, engine %s or priority %d is not valid", at, quote(m.Name), quote(m.Address), quote(m.Interface), quote(m.Engine), m.Priority)
		}
	}
}

func (c *checker) proxy(at string, e *EnvPlan, p *ProxyPlan) {
	if _, ok := checkName(p.Name); !ok {
		c.errorf("%s: name is not valid", at)
		return
	}
	if p.ID != ProxyID(e.Name, p.Name) {
		c.errorf("%s: ID %s is not ProxyID %s", at, quote(p.ID), ProxyID(e.Name, p.Name))
	}
	if kind, msg := checkHost(p.Host); msg != "" || kind != hostName {
		c.errorf("%s: host %s is not a DNS name", at, quote(p.Host))
	}
	switch p.TLS {
	case TLSNone:
		if p.Listen.HTTP == 0 {
			c.errorf("%s: tls none needs an HTTP listener", at)
		}
	case TLSOffload, TLSReencrypt:
		if p.Listen.HTTPS == 0 {
			c.errorf("%s: tls %s needs an HTTPS listener", at, p.TLS)
		}
		if !filePathOK(p.Certificate) {
			c.errorf("%s: certificate path %s is not valid", at, quote(p.Certificate))
		}
	default:
		c.errorf("%s: unknown tls mode %s", at, quote(p.TLS))
	}
	if p.Listen.Address != "" && !ipOK(p.Listen.Address) {
		c.errorf("%s: listen address %s is not an IP address", at, quote(p.Listen.Address))
	}
	if p.Egress != "" && !ipOK(p.Egress) {
		c.errorf("%s: egress %s is not an IP address", at, quote(p.Egress))
	}
	c.failover(at, p.Failover, ProxyPrefix(e.Name, p.Name))
	for _, port := range []int{p.Listen.HTTP, p.Listen.HTTPS} {
		if port < 0 || port > 65535 {
			c.errorf("%s: listen port %d out of range", at, port)
		}
	}
	for _, l := range []struct {
		name     string
		n        int64
		min, max int64
	}{
		{"body", p.Limits.Body, minBodyLimit, maxBodyLimit},
		{"request headers", p.Limits.RequestHeaders, minHeaderLimit, maxHeaderLimit},
		{"response headers", p.Limits.ResponseHeaders, minHeaderLimit, maxHeaderLimit},
	} {
		if l.n < l.min || l.n > l.max {
			c.errorf("%s: %s limit %d bytes is outside %s-%s", at, l.name, l.n, FormatSize(l.min), FormatSize(l.max))
		}
	}
	for _, list := range []struct {
		name    string
		entries []string
	}{{"allow", p.Allow}, {"realIpFrom", p.RealIPFrom}} {
		c.cidrList(at, list.name, list.entries)
	}

	upstreams := map[string]bool{}
	anyHTTPS := false
	for _, u := range p.Upstreams {
		c.upstream(at+": upstream "+u.ID, u)
		upstreams[u.ID] = true
		anyHTTPS = anyHTTPS || u.Scheme == "https"
	}
	if anyHTTPS && !filePathOK(p.CA) {
		c.errorf("%s: ca (verifies the https upstreams) path %s is not valid", at, quote(p.CA))
	}
	for i, r := range p.Routes {
		_, nameOK := checkName(r.Path)
		platformPath := r.Platform && (slices.Contains(platformPaths, r.Path) || slices.Contains(lifetimePaths, r.Path))
		if r.Key != strings.ToLower(r.Path) || !nameOK && !platformPath {
			c.errorf("%s: route %s: key %s is not a lower-case module or platform path", at, quote(r.Path), quote(r.Key))
		}
		if i > 0 && p.Routes[i-1].Key >= r.Key {
			c.errorf("%s: routes are not sorted by unique key at %s", at, quote(r.Key))
		}
		if !upstreams[r.Upstream] {
			c.errorf("%s: route %s names unknown upstream %s", at, quote(r.Path), quote(r.Upstream))
		}
	}
}

// cidrList checks that every entry of a list is a canonical CIDR: what the templates write
// into a geo block or a src ACL.
func (c *checker) cidrList(at, name string, entries []string) {
	for _, a := range entries {
		if pfx, err := netip.ParsePrefix(a); err != nil || pfx.Masked().String() != a {
			c.errorf("%s: %s %s is not a canonical CIDR", at, name, quote(a))
		}
	}
}

func (c *checker) upstream(at string, u *Upstream) {
	if _, ok := checkName(u.Zone); !ok || u.ID != UpstreamID(u.Zone) {
		c.errorf("%s: ID is not UpstreamID of zone %s", at, quote(u.Zone))
	}
	if len(u.Targets) == 0 {
		c.errorf("%s: zone %s has no targets", at, u.Zone)
	}
	switch u.Scheme {
	case "http":
	case "https":
		if !hostOK(u.TLSName) {
			c.errorf("%s: TLS name %s is not a host name or IP address", at, quote(u.TLSName))
		}
	default:
		c.errorf("%s: unknown scheme %s", at, quote(u.Scheme))
	}
	if m := u.Maintenance; m != nil {
		c.cidrList(at, "maintenance allow", m.Allow)
		if m.RetryAfter < 1 || m.RetryAfter > maxRetryAfter {
			c.errorf("%s: maintenance Retry-After %d is outside 1-%d seconds", at, m.RetryAfter, maxRetryAfter)
		}
	}
	for _, t := range u.Targets {
		if !serverNameOK(t.Name) {
			c.errorf("%s: target name %s is not a server or zone name", at, quote(t.Name))
		}
		if !hostOK(t.Host) {
			c.errorf("%s: target %s: host %s is not a host name or IP address", at, t.Name, quote(t.Host))
		}
		if t.Port <= 0 || t.Port > 65535 {
			c.errorf("%s: target %s: port %d out of range", at, t.Name, t.Port)
		}
		if t.TLSName != "" && !hostOK(t.TLSName) {
			c.errorf("%s: target %s: TLS name %s is not a host name or IP address", at, t.Name, quote(t.TLSName))
		}
	}
}

// hostOK is a valid host (names.go), as Resolve checks every host of the source.
func hostOK(s string) bool {
	_, msg := checkHost(s)
	return msg == ""
}

// serverNameOK is a server name (servers.go: a host name, never an IPv6 literal) or a zone
// name, the two things a pool or upstream target is called.
func serverNameOK(s string) bool {
	if _, ok := checkName(s); ok {
		return true
	}
	kind, msg := checkHost(s)
	return msg == "" && kind != hostIPv6
}

// filePathOK is an absolute path on the proxy machine (certificates, CA, maps), as
// proxies.go checks the source's.
func filePathOK(s string) bool {
	return filePathRE.MatchString(s) && !strings.Contains(s, "..")
}
