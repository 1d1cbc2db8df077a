package topology

// Listeners: the addresses and ports proxies and zone pools accept connections on, and the
// one rule that keeps two of them apart.

import (
	"net/netip"
	"slices"
	"strconv"
)

// listenAddress checks a listen address field (proxies.P.listen.address,
// zones.Z.listen.address): one IP address, as written; "" for all addresses.
func (r *resolver) listenAddress(path, s, what string) string {
	if s == "" {
		return ""
	}
	if !ipOK(s) {
		r.errorf(path, "", what+", or leave it out for all", "invalid listen address %s", quote(s))
		return ""
	}
	return s
}

// DualStack says a listen address is "::" (in any spelling): every IPv4 and IPv6 address, as
// both engines bind it (generators.listenOn).
func DualStack(addr string) bool {
	a, err := netip.ParseAddr(addr)
	return err == nil && a.Is6() && !a.Is4In6() && a.IsUnspecified()
}

// listenEgress is the outgoing address a listen address gives (R10): a machine that answers
// on one address connects from it too, and the generated configs bind it (source,
// proxy_bind). "" for all addresses.
func listenEgress(addr string) string {
	a, err := netip.ParseAddr(addr)
	if err != nil || a.IsUnspecified() {
		return ""
	}
	return a.String()
}

// listener is one address and port a proxy or a zone's pool accepts connections on.
type listener struct {
	path     string     // the owner in the source: environments.E.proxies.P or .zones.Z
	what     string     // `proxy "www"`, `zone "DZ1"'s pool`
	pool     bool       // a layer-4 pool, which tells connections apart by address and port only
	monitor  bool       // a machine's monitoring endpoint, which must have its port to itself
	hint     string     // what the owner changes to listen apart
	addr     netip.Addr // invalid: all IPv4 addresses, as `*` in both engines; "::" all of both families
	port     int
	machines []string
}

func (l listener) String() string {
	if !l.addr.IsValid() {
		return "*:" + strconv.Itoa(l.port)
	}
	return netip.AddrPortFrom(l.addr, uint16(l.port)).String()
}

// all says the listener takes every address of its families.
func (l listener) all() bool { return !l.addr.IsValid() || l.addr.IsUnspecified() }

// families says which address families the listener takes: `*` and 0.0.0.0 all IPv4
// addresses; "::" every IPv4 and IPv6 address (both engines bind it dual-stack:
// generators.listenOn); one address its own family.
func (l listener) families() (v4, v6 bool) {
	switch {
	case !l.addr.IsValid() || l.addr.Unmap().Is4():
		return true, false
	case l.addr.IsUnspecified(): // "::", DualStack
		return true, true
	}
	return false, true
}

// sharesFamily says two listeners take addresses of one family.
func (l listener) sharesFamily(o listener) bool {
	a4, a6 := l.families()
	b4, b6 := o.families()
	return a4 && b4 || a6 && b6
}

// same says two listeners bind one address: the same IP, or all addresses of a family both
// take.
func (l listener) same(o listener) bool {
	if l.all() || o.all() {
		return l.all() && o.all() && l.sharesFamily(o)
	}
	return l.addr == o.addr
}

// overlaps says one listener takes all addresses of a family and the other one of them.
func (l listener) overlaps(o listener) bool { return l.all() != o.all() && l.sharesFamily(o) }

// listeners lists every listener of the plan, proxies, monitoring endpoints, then pools of
// each environment, in name order, the cache-invalidation pool last.
func (p *Plan) listeners() []listener {
	var out []listener
	add := func(l listener, addr string, ports ...int) {
		l.addr, _ = netip.ParseAddr(addr)
		for _, port := range ports {
			if port != 0 {
				l.port = port
				out = append(out, l)
			}
		}
	}
	for _, e := range p.Environments {
		ep := joinKey("environments", e.Name)
		for _, px := range e.Proxies {
			add(listener{path: joinKey(ep+".proxies", px.Name), what: "proxy " + quote(px.Name), machines: px.Machines,
				hint: "give each proxy its own listen address (or port)"}, px.Listen.Address, px.Listen.HTTP, px.Listen.HTTPS)
		}
		for _, m := range e.Machines {
			if mon := m.Monitoring; mon != nil {
				add(listener{path: joinKey(ep+".machines", m.Name) + ".monitoring", what: "machine " + m.Name + "'s monitoring endpoint", monitor: true,
					machines: []string{m.Name}, hint: "give the monitoring endpoint another port"}, mon.Address, mon.Port)
			}
		}
		for _, z := range e.Zones {
			if !z.Pool() {
				continue
			}
			l := listener{path: joinKey(ep+".zones", z.Name), what: "zone " + quote(z.Name) + "'s pool", pool: true, machines: z.LBMachines,
				hint: "give zone " + z.Name + "'s pool a listen address of its own, listen: { address: '<the IP address " + z.LoadBalancer + " resolves to>' }, or run it on another machine"}
			ports := []int{z.Ports.HTTP}
			// The HTTPS pool exists only where a front-end answers HTTPS (generators/lb.go).
			if slices.ContainsFunc(z.Servers, func(sn string) bool { s := e.Server(sn); return s != nil && s.TLS }) {
				ports = append(ports, z.Ports.HTTPS)
			}
			add(l, z.BindAddress, ports...)
		}
		if c := e.CacheInvalidation; c != nil {
			add(listener{path: ep + ".cacheInvalidation", what: cacheOwner, pool: true, machines: c.LBMachines,
				hint: "give the cache-invalidation pool a listen address of its own, listen: { address: '<the IP address " + c.LoadBalancer + " resolves to>' }, another listen.port, or run it on another machine"},
				c.BindAddress, c.Port)
		}
	}
	return out
}

// sharedListeners refuses two listeners that would take each other's connections, each
// reported once with the one it clashes with:
//   - one IP address and port, anywhere (an address lives on one machine);
//   - all addresses of one port on one machine, unless both are proxies in one nginx, which
//     picks a server block by name (one nginx for qa and prod);
//   - on one nginx machine, a pool on all addresses of a port and a proxy on one of them, or
//     the other way round: nginx binds them in two modules (stream, http) and fails to start.
//
// HAProxy binds two listeners of one address (SO_REUSEPORT) and hands each connection to
// either at random (issue 12, hole 3; issue 17: of 40 requests to one pool, 20 reached the
// other's front-ends); nginx refuses the pair. A connection to one address goes to the
// listener of that address before one of all addresses, in the kernel (HAProxy) and in one
// nginx module alike: tried with HAProxy 2.6 and nginx 1.22. Routing proxies by Host in one
// HAProxy frontend is not generated (SECURITY.md, known gaps), and a layer-4 pool tells zones
// apart only by address and port.
func (r *resolver) sharedListeners(plan *Plan) {
	engine := map[string]string{}
	for _, e := range plan.Environments {
		for _, m := range e.Machines {
			engine[m.Name] = m.Engine
		}
	}
	// onMachine is the first machine both run on where clash says they clash, "" for none.
	onMachine := func(l, prev listener, clash func(engine string) bool) string {
		for _, m := range l.machines {
			if slices.Contains(prev.machines, m) && clash(engine[m]) {
				return m
			}
		}
		return ""
	}
	var seen []listener
	reported := map[string]bool{}
	for _, l := range plan.listeners() {
		for _, prev := range seen {
			if prev.path == l.path || prev.port != l.port || reported[l.path] {
				continue
			}
			at := ""
			switch {
			case l.same(prev) && !l.all():
			case l.same(prev):
				m := onMachine(l, prev, func(e string) bool { return l.pool || prev.pool || e != EngineNginx })
				if m == "" {
					continue
				}
				at = " on machine " + m
			case l.overlaps(prev) && (l.monitor || prev.monitor):
				m := onMachine(l, prev, func(string) bool { return true })
				if m == "" {
					continue
				}
				at = " on machine " + m
			case l.overlaps(prev) && l.pool != prev.pool:
				m := onMachine(l, prev, func(e string) bool { return e == EngineNginx })
				if m == "" {
					continue
				}
				at = " on nginx machine " + m
			default:
				continue
			}
			why := "HAProxy would hand each connection to either at random"
			switch {
			case l.monitor || prev.monitor:
				why = "the monitoring endpoint must have its port to itself"
			case !l.same(prev):
				why = "nginx binds a pool (stream) and a proxy (http) apart and fails to start with both"
			case l.pool || prev.pool:
				why = "a layer-4 pool tells zones apart only by address and port: HAProxy would hand each connection to either at random, and nginx refuses the pair"
			}
			rule := RuleRouting // two proxies: R6 routes a request by its proxy's listener
			if l.pool || prev.pool || l.monitor || prev.monitor {
				rule = ""
			}
			hint := l.hint
			if prev.monitor {
				hint = prev.hint + " (" + prev.path + ".port)"
			}
			if !l.same(prev) && !l.monitor && !prev.monitor { // the one on all addresses moves to an address of its own
				all := l
				if prev.all() {
					all = prev
				}
				hint = "give " + all.what + " a listen address of its own, or run the two on different machines"
			}
			path := l.path + ".listen"
			if l.monitor {
				path = l.path + ".port"
			}
			r.errorf(path, rule, hint, "%s listens on %s%s like %s %s: %s", l.what, l, at, prev.kind(), prev.path, why)
			reported[l.path] = true
		}
		seen = append(seen, l)
	}
}

// kind is what a listener's owner is, before its path in a message.
func (l listener) kind() string {
	if l.monitor {
		return "the monitoring endpoint"
	}
	if l.pool {
		return "the pool of"
	}
	return "proxy"
}
