package golden

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/netip"
	"slices"
	"strings"
)

// source is a random valid zonegen source, kept as a model so that the test can say what
// the routing table must be without reading the Plan it checks.
type source struct {
	Name string
	Envs []*env
}

type env struct {
	Name, Purpose string
	Hostname      string
	Servers       []*server
	Zones         []*zone // Global first; Declared false when it is the implicit default
	Apps          []*app
	Proxies       []*proxy
	SCZone        string // "" for the default, Global
	Health        bool
	LTAddress     string   // lifetimeAddress, "" for derived
	Manages       []string // LifeTime only; nil for every other environment
	// ipv6 environments address some servers by IPv6 literal.
	ipv6 bool
	// plain environments' servers answer no HTTPS (tls: false), so they never re-encrypt.
	plain bool
}

type server struct {
	Name, Address string // Address "" means the default, the name
	Frontend      bool
	Controller    bool
	TLS           bool
	Drain         bool // servers.S.drain
}

type zone struct {
	Name          string
	Declared      bool
	All           bool
	Servers       []string
	LB, Address   string
	HTTPSInternal bool
	LocalCert     bool
	// Maintenance puts the zone in maintenance (zones.Z.maintenance), open to MaintAllow.
	Maintenance bool
	MaintAllow  []string
}

type app struct {
	Name, Zone string   // Zone "" means Global
	Modules    []string // nil means [Name]
	Mobile     bool
}

type proxy struct {
	Name, Host, TLS, Balance string // TLS, Balance "" for the defaults
	Zones                    []string
	Platform                 bool
	// LifeTimeVia: the offloading proxy LifeTime must use routes the platform paths though
	// platform is not set (R8, scenarios 8-9); not rendered.
	LifeTimeVia     bool
	Allow           []string
	RealIPFrom      []string // a WAF or CDN in front
	Listen          map[string]any
	Certificate, CA string
}

// platformPaths and lifetimePaths are the paths a platform proxy routes to Service Center's
// zone (FACTS §4); no module may take them.
var (
	platformPaths = []string{"ServiceCenter", "server.api", "server.identity"}
	lifetimePaths = []string{"lifetime", "LifeTimeSDK", "LifeTimeCore", "lifetimeapi", "LifeTimeServices", "PerformanceMonitor"}
	// systemModules are the default System Components (README, systemModules), routed to
	// Service Center's zone by every proxy that routes an app; no module may take them.
	systemModules = []string{"ECT_Provider", "EPA_Taskbox", "PerformanceProbe", "RichWidgets", "Users"}
)

// trickyNames are valid names that are keywords somewhere downstream: nginx map parameters
// (notes/proxies.md §6.4), nginx and HAProxy directives and section names.
var trickyNames = []string{"default", "Default", "include", "hostnames", "volatile", "map", "server",
	"location", "if", "return", "upstream", "zone", "backend", "frontend", "listen", "acl", "http",
	"global", "defaults", "ssl", "x", "A-", "b_"}

// gen draws random sources from one seeded stream.
type gen struct {
	r *rand.Rand
	// used holds folded names taken in a scope ("servers", "hosts", "env:<name>:zones"...).
	used map[string]bool
	ip   int
}

func newGen(seed, stream uint64) *gen {
	return &gen{r: rand.New(rand.NewPCG(seed, stream)), used: map[string]bool{}}
}

func (g *gen) chance(p float64) bool { return g.r.Float64() < p }

func (g *gen) between(lo, hi int) int { return lo + g.r.IntN(hi-lo+1) }

func pick[T any](g *gen, xs []T) T { return xs[g.r.IntN(len(xs))] }

// fold is how names clash: case-insensitively, and '-' like '_' where they become config
// identifiers (R9).
func fold(s string) string { return strings.ReplaceAll(strings.ToLower(s), "-", "_") }

// claim reserves key in scope; false when it is taken.
func (g *gen) claim(scope, key string) bool {
	k := scope + "\x00" + key
	if g.used[k] {
		return false
	}
	g.used[k] = true
	return true
}

const (
	letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	tail    = letters + "0123456789_-"
)

// name draws a fresh name of the schema's shape, ^[A-Za-z][A-Za-z0-9_-]{0,62}$, unique in
// scope after folding, at most max characters long; now and then a tricky keyword or a name
// of the maximum length.
func (g *gen) name(scope string, foldKey func(string) string, max int) string {
	for {
		var s string
		switch {
		case g.chance(0.1):
			s = pick(g, trickyNames)
		case g.chance(0.05):
			s = g.word(max)
		default:
			s = g.word(g.between(1, min(12, max)))
		}
		if g.claim(scope, foldKey(s)) {
			return s
		}
	}
}

// maxName is the longest name the schema allows.
const maxName = 63

func (g *gen) word(n int) string {
	b := []byte{letters[g.r.IntN(len(letters))]}
	for len(b) < n {
		b = append(b, tail[g.r.IntN(len(tail))])
	}
	return string(b)
}

// hostLabel draws an RFC 1123 label.
func (g *gen) hostLabel() string {
	const alnum = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	n := g.between(1, 10)
	b := make([]byte, n)
	for i := range b {
		b[i] = alnum[g.r.IntN(len(alnum))]
		if i > 0 && i < n-1 && g.chance(0.15) {
			b[i] = '-'
		}
	}
	return string(b)
}

// hostName draws a host name unique in the whole source (R9), ending in suffix.
func (g *gen) hostName(suffix string) string {
	for {
		h := g.hostLabel() + suffix
		if strings.EqualFold(h, "localhost") {
			continue
		}
		if g.claim("hosts", strings.ToLower(h)) {
			return h
		}
	}
}

// nextIPv4 returns a fresh address in 10.0.0.0/8, never one of another server or balancer.
func (g *gen) nextIPv4() string {
	g.ip++
	return fmt.Sprintf("10.%d.%d.%d", 1+g.ip/62500, g.ip/250%250, 1+g.ip%250)
}

// Source draws a whole source: one to three environments, and a LifeTime environment
// managing some of them about a third of the time.
func (g *gen) Source() *source {
	src := &source{Name: g.name("infra", fold, maxName)}
	n := g.between(1, 3)
	var lt *env
	if g.chance(0.35) {
		lt = &env{Name: g.name("envs", fold, maxName), Purpose: "lifetime"}
	}
	for i := 0; i < n; i++ {
		e := &env{Name: g.name("envs", fold, maxName), Purpose: pick(g, []string{"development", "quality", "production"})}
		src.Envs = append(src.Envs, e)
	}
	managed := map[string]bool{}
	if lt != nil {
		switch {
		case g.chance(0.6): // manages: default, every other environment
			for _, e := range src.Envs {
				managed[e.Name] = true
			}
		default:
			lt.Manages = []string{}
			for _, e := range src.Envs {
				if g.chance(0.5) {
					lt.Manages = append(lt.Manages, e.Name)
					managed[e.Name] = true
				}
			}
		}
	}
	for _, e := range src.Envs {
		g.fill(e, managed[e.Name])
	}
	if lt != nil {
		g.fillLifetime(lt)
		src.Envs = append(src.Envs, lt)
	}
	return src
}

// fill draws an ordinary environment.
func (g *gen) fill(e *env, managed bool) {
	e.ipv6 = g.chance(0.15)
	e.plain = !e.ipv6 && g.chance(0.1)
	e.Health = g.chance(0.3)

	for i, n := 0, g.between(1, 4); i < n; i++ {
		s := &server{Name: g.serverName(), Frontend: true, TLS: !e.plain}
		switch {
		case e.ipv6 && g.chance(0.5):
			g.ip++
			s.Address = fmt.Sprintf("2001:db8:%x::%x", g.ip/65000+1, g.ip%65000+1)
		case g.chance(0.6):
			s.Address = g.nextIPv4()
		case g.chance(0.3):
			s.Address = g.hostName(".corp.local")
		}
		s.Controller = g.chance(0.1)
		e.Servers = append(e.Servers, s)
	}
	standalone := g.chance(0.3)
	if standalone { // a deployment controller only: in no zone, serving no app
		e.Servers = append(e.Servers, &server{Name: g.serverName(), Address: g.nextIPv4(), Controller: true, TLS: !e.plain})
	}
	fes := e.frontends()

	zscope := "env:" + e.Name + ":zones"
	g.claim(zscope, fold("Global"))
	global := &zone{Name: "Global", All: true, Servers: fes}
	if len(fes) > 1 || g.chance(0.7) {
		global.Declared = true
		global.All = g.chance(0.7)
		if len(fes) > 1 || g.chance(0.3) {
			global.LB = g.loadBalancer()
		}
	}
	if standalone { // zones/intro.md: Service Center's zone then uses HTTPS internally
		global.Declared, global.HTTPSInternal, global.LocalCert = true, true, g.chance(0.5)
	}
	e.Zones = append(e.Zones, global)
	for i, n := 0, g.between(0, 3); i < n; i++ {
		z := &zone{Name: g.name(zscope, fold, maxName), Declared: true, HTTPSInternal: g.chance(0.3), LocalCert: g.chance(0.3)}
		if g.chance(0.1) {
			z.All, z.Servers = true, fes
		} else {
			for _, s := range fes {
				if g.chance(0.5) {
					z.Servers = append(z.Servers, s)
				}
			}
			if len(z.Servers) == 0 {
				z.Servers = []string{pick(g, fes)}
			}
		}
		// R2: a farm needs a load balancer; a single front-end may do without (scenario 5).
		if len(z.Servers) > 1 || g.chance(0.3) {
			z.LB = g.loadBalancer()
			if g.chance(0.15) {
				z.Address = g.hostName(".zones.local")
			}
		}
		e.Zones = append(e.Zones, z)
	}
	// Service Center's zone must hold every front-end (R3).
	for _, z := range e.Zones[1:] {
		if z.All && g.chance(0.5) {
			e.SCZone = z.Name
			z.HTTPSInternal = z.HTTPSInternal || standalone
		}
	}
	// HTTPS internal calls end on a front-end by the zone address, which its certificate
	// must then cover (the zone's certificate fact, R2).
	for _, z := range e.Zones {
		if z.HTTPSInternal && !e.certified(z) {
			z.LocalCert = true
		}
	}

	e.drainOne()
	e.maintainOne()

	mscope := "env:" + e.Name + ":modules"
	for _, p := range slices.Concat(platformPaths, lifetimePaths, systemModules) {
		g.claim(mscope, strings.ToLower(p))
	}
	for i, n := 0, g.between(0, 6); i < n; i++ {
		a := &app{Name: g.name("env:"+e.Name+":apps", strings.ToLower, maxName), Mobile: g.chance(0.2)}
		if g.chance(0.8) {
			a.Zone = pick(g, e.Zones).Name
			if a.Zone == "Global" && g.chance(0.5) {
				a.Zone = "" // the default zone
			}
		}
		if g.chance(0.4) && g.claim(mscope, strings.ToLower(a.Name)) {
			// modules omitted: the app's own name
		} else {
			for j, m := 0, g.between(1, 4); j < m; j++ {
				a.Modules = append(a.Modules, g.name(mscope, strings.ToLower, maxName))
			}
		}
		e.Apps = append(e.Apps, a)
	}

	g.proxies(e, g.between(0, 3))
	switch {
	case len(e.Proxies) > 1: // R4: two proxies need an explicit hostname (scenario 6)
		e.Hostname = pick(g, e.Proxies).Host
	case g.chance(0.15):
		e.Hostname = g.hostName(".example.test")
	}
	if managed {
		// R8: LifeTime needs HTTPS; plain servers only answer it through an offloading
		// proxy or an explicit address. A re-encrypting proxy is not LifeTime's address
		// (scenario 8), platform or not.
		platform := slices.ContainsFunc(e.Proxies, func(p *proxy) bool { return p.Platform && (p.TLS == "" || p.TLS == "offload") })
		var offload []*proxy // proxies doing SSL offloading, by name
		for _, p := range e.Proxies {
			if p.TLS == "" || p.TLS == "offload" {
				offload = append(offload, p)
			}
		}
		slices.SortFunc(offload, func(a, b *proxy) int { return strings.Compare(a.Name, b.Name) })
		if e.plain && !platform && len(offload) == 0 || g.chance(0.1) {
			e.LTAddress = g.hostName(".example.test")
		}
		// LifeTime's HTTPS calls to Service Center's zone address end on a front-end (R2).
		if z := e.zone(e.scZone()); e.LTAddress == "" && !platform && len(offload) == 0 && !e.certified(z) {
			z.LocalCert = true
		}
		if e.LTAddress == "" && !platform && len(offload) > 0 {
			hostname := e.Hostname
			if hostname == "" && len(e.Proxies) == 1 {
				hostname = e.Proxies[0].Host // R4
			}
			via := offload[0]
			for _, p := range offload {
				if strings.EqualFold(p.Host, hostname) {
					via = p
				}
			}
			via.LifeTimeVia = true
		}
	}
}

// drainOne drains a front-end of one environment in four (servers.S.drain), one whose every
// zone keeps another front-end, so that no pool or proxy upstream is left without a server.
// It draws nothing from the random stream, so every other draw of a seed stays as it was.
func (e *env) drainOne() {
	if len(e.Name)%4 != 0 {
		return
	}
	for _, s := range e.Servers {
		if !s.Frontend {
			continue
		}
		ok := true
		for _, z := range e.Zones {
			if slices.Contains(z.Servers, s.Name) && len(z.Servers) < 2 {
				ok = false
			}
		}
		if ok {
			s.Drain = true
			return
		}
	}
}

// maintainOne puts the first declared zone of one environment in three in maintenance
// (zones.Z.maintenance), open to a network that platform allow lists also draw when the
// environment's name is of odd length. It draws nothing from the random stream either.
func (e *env) maintainOne() {
	if len(e.Name)%3 != 0 {
		return
	}
	for _, z := range e.Zones {
		if z.Declared {
			z.Maintenance = true
			if len(e.Name)%2 == 1 {
				z.MaintAllow = []string{"10.250.0.0/16", "2001:db8:99::/48"}
			}
			return
		}
	}
}

// status is what a request from source to a route of zone gets: 503 while the zone is in
// maintenance and its allow list does not hold source, else 200.
func (e *env) status(zoneName string, source netip.Addr) int {
	z := e.zone(zoneName)
	if z == nil || !z.Maintenance {
		return 200
	}
	for _, a := range z.MaintAllow {
		if netip.MustParsePrefix(a).Contains(source) {
			return 200
		}
	}
	return 503
}

// fillLifetime draws the dedicated LifeTime environment (R1): no apps, no zone but Global,
// servers addressed by IPv4 so that they can be the default allow list (R8).
func (g *gen) fillLifetime(e *env) {
	for i, n := 0, g.between(1, 2); i < n; i++ {
		e.Servers = append(e.Servers, &server{Name: g.serverName(), Address: g.nextIPv4(), Frontend: true, TLS: true})
	}
	global := &zone{Name: "Global", All: true, Servers: e.frontends()}
	if len(e.Servers) > 1 {
		global.Declared, global.LB = true, g.loadBalancer()
	}
	e.Zones = []*zone{global}
	g.proxies(e, g.between(0, 1))
}

func (g *gen) serverName() string {
	for {
		var s string
		if g.chance(0.2) {
			s = g.hostLabel() + "." + g.hostLabel()
		} else {
			s = g.hostLabel()
		}
		last := s[strings.LastIndex(s, ".")+1:]
		if strings.Trim(last, "0123456789") == "" || strings.HasPrefix(strings.ToLower(last), "0x") || strings.EqualFold(s, "localhost") {
			continue // a numeric last label (57, 0x1f) reads as an IP address
		}
		if g.claim("servers", strings.ToLower(s)) {
			return s
		}
	}
}

// loadBalancer draws a load balancer: a host name, or an IPv4 literal now and then.
func (g *gen) loadBalancer() string {
	if g.chance(0.25) {
		return g.nextIPv4()
	}
	return g.hostName(".lb.local")
}

func (g *gen) proxies(e *env, n int) {
	for i := 0; i < n; i++ {
		p := &proxy{Name: g.name("env:"+e.Name+":proxies", fold, maxName), Host: g.hostName(".example.test"),
			TLS: pick(g, []string{"", "offload", "reencrypt", "none"}), Balance: pick(g, []string{"", "zone", "servers"})}
		if p.TLS == "reencrypt" && e.plain {
			p.TLS = "offload"
		}
		if g.chance(0.4) {
			for _, z := range e.Zones {
				if g.chance(0.5) {
					p.Zones = append(p.Zones, z.Name)
				}
			}
			if len(p.Zones) == 0 {
				p.Zones = []string{pick(g, e.Zones).Name}
			}
			g.r.Shuffle(len(p.Zones), func(i, j int) { p.Zones[i], p.Zones[j] = p.Zones[j], p.Zones[i] })
		}
		p.Platform = g.chance(0.3)
		if p.Platform && g.chance(0.5) {
			// Distinct entries: nginx warns about a network listed twice in a geo block, and
			// topology does not fold repeats (reported).
			for j, m := 0, g.between(1, 3); j < m; j++ {
				a := pick(g, []string{g.nextIPv4(), "10.250.0.0/16", "172.16.0.0/12", "2001:db8:ff::/48", "2001:db8:ff::7"})
				if g.claim("allow:"+e.Name+":"+p.Name, a) {
					p.Allow = append(p.Allow, a)
				}
			}
		}
		if g.chance(0.2) {
			for j, m := 0, g.between(1, 2); j < m; j++ {
				a := pick(g, []string{g.nextIPv4(), "10.251.0.0/24", "2001:db8:fe::/64"})
				if g.claim("realip:"+e.Name+":"+p.Name, a) {
					p.RealIPFrom = append(p.RealIPFrom, a)
				}
			}
		}
		if g.chance(0.2) {
			addr := pick(g, []string{"", g.nextIPv4(), "2001:db8:aa::5", "::"})
			p.Listen = map[string]any{"http": 8000 + g.r.IntN(1000), "https": 9000 + g.r.IntN(1000)}
			// Two proxies on one explicit address and port are refused (HAProxy would split
			// their connections at random).
			for addr != "" && !(g.claim("listen", fmt.Sprint(addr, p.Listen["http"])) && g.claim("listen", fmt.Sprint(addr, p.Listen["https"]))) {
				p.Listen["http"], p.Listen["https"] = 8000+g.r.IntN(1000), 9000+g.r.IntN(1000)
			}
			if addr != "" {
				p.Listen["address"] = addr
			}
		}
		if p.TLS != "none" && g.chance(0.2) {
			p.Certificate = "/etc/ssl/private/" + strings.ToLower(p.Host) + ".pem"
		}
		if p.TLS == "reencrypt" {
			g.reencrypt(e, p)
		}
		e.Proxies = append(e.Proxies, p)
	}
}

// reencrypt makes a re-encrypting proxy valid, or falls back to offload. Re-encrypting
// verifies one name per zone (R6): a farm's front-ends must then hold a certificate for the
// zone address (localCertificate, FACTS §2), and the name must be a host name, not an IP
// address, which nginx and HAProxy cannot verify.
func (g *gen) reencrypt(e *env, p *proxy) {
	zones := e.published(p)
	// Platform paths and System Components (routed by any proxy with apps) go to Service
	// Center's zone, published or not.
	zones = append(slices.Clone(zones), e.scZone())
	for _, zn := range zones {
		if z := e.zone(zn); !e.certified(z) && (len(z.Servers) > 1 || p.Balance != "servers") {
			z.LocalCert = true
		}
	}
	for _, zn := range zones {
		z := e.zone(zn)
		name := e.zoneAddress(z)
		if p.Balance == "servers" && !e.certified(z) {
			name = e.serverAddress(z.Servers[0])
		}
		if _, err := netip.ParseAddr(name); err == nil {
			p.TLS = "offload"
			return
		}
	}
	if g.chance(0.3) {
		p.CA = "/etc/ssl/certs/corp-ca.pem"
	}
}

// certified is the zone's certificate fact (R2): localCertificate, else the zone address is
// its only front-end's own, and that front-end answers HTTPS.
func (e *env) certified(z *zone) bool {
	if z.LocalCert {
		return true
	}
	if z.LB != "" || z.Address != "" || len(z.Servers) != 1 {
		return false
	}
	for _, s := range e.Servers {
		if s.Name == z.Servers[0] {
			return s.TLS
		}
	}
	return false
}

// zoneAddress is R2: the explicit address, else the load balancer, else the only front-end.
func (e *env) zoneAddress(z *zone) string {
	switch {
	case z.Address != "":
		return z.Address
	case z.LB != "":
		return z.LB
	}
	return e.serverAddress(z.Servers[0])
}

func (e *env) serverAddress(name string) string {
	for _, s := range e.Servers {
		if s.Name == name {
			if s.Address == "" {
				return s.Name
			}
			return s.Address
		}
	}
	return ""
}

func (e *env) frontends() []string {
	var out []string
	for _, s := range e.Servers {
		if s.Frontend {
			out = append(out, s.Name)
		}
	}
	return out
}

func (e *env) zone(name string) *zone {
	for _, z := range e.Zones {
		if z.Name == name {
			return z
		}
	}
	return nil
}

// published lists the zones a proxy publishes: its zones, or every zone.
func (e *env) published(p *proxy) []string {
	if p.Zones != nil {
		return p.Zones
	}
	var out []string
	for _, z := range e.Zones {
		out = append(out, z.Name)
	}
	return out
}

func (e *env) scZone() string {
	if e.SCZone == "" {
		return "Global"
	}
	return e.SCZone
}

func (a *app) zone() string {
	if a.Zone == "" {
		return "Global"
	}
	return a.Zone
}

func (a *app) modules() []string {
	if a.Modules == nil {
		return []string{a.Name}
	}
	return a.Modules
}

// JSON renders the source as its evaluated JSON, leaving out every optional field not set.
func (s *source) JSON() []byte {
	envs := map[string]any{}
	for _, e := range s.Envs {
		envs[e.Name] = e.doc()
	}
	b, err := json.MarshalIndent(map[string]any{"name": s.Name, "environments": envs}, "", "  ")
	if err != nil {
		panic(err)
	}
	return b
}

func (e *env) doc() map[string]any {
	d := map[string]any{"purpose": e.Purpose}
	set := func(k string, v any, ok bool) {
		if ok {
			d[k] = v
		}
	}
	set("hostname", e.Hostname, e.Hostname != "")
	set("serviceCenterZone", e.SCZone, e.SCZone != "")
	set("lifetimeAddress", e.LTAddress, e.LTAddress != "")
	set("manages", e.Manages, e.Manages != nil)
	set("healthCheck", map[string]any{"path": "/HealthCheck/", "expect": "OK"}, e.Health)

	servers := map[string]any{}
	for _, s := range e.Servers {
		sd := map[string]any{}
		if s.Address != "" {
			sd["address"] = s.Address
		}
		switch {
		case s.Frontend && s.Controller:
			sd["roles"] = []string{"frontend", "controller"}
		case s.Controller:
			sd["roles"] = []string{"controller"}
		}
		if !s.TLS {
			sd["tls"] = false
		}
		if s.Drain {
			sd["drain"] = true
		}
		servers[s.Name] = sd
	}
	d["servers"] = servers

	zones := map[string]any{}
	for _, z := range e.Zones {
		if !z.Declared {
			continue
		}
		zd := map[string]any{}
		if z.All {
			zd["allServers"] = true
		} else {
			zd["servers"] = z.Servers
		}
		if z.LB != "" {
			zd["loadBalancer"] = z.LB
			// R10: an offloading proxy needs the address IIS sees; documentation addresses.
			zd["egress"] = "192.0.2." + fmt.Sprint(1+len(zones)%250)
		}
		if z.Address != "" {
			zd["address"] = z.Address
		}
		if z.HTTPSInternal {
			zd["httpsInternal"] = true
		}
		if z.LocalCert {
			zd["localCertificate"] = true
		}
		if z.Maintenance {
			md := map[string]any{"retryAfter": 60 + len(z.Name)}
			if z.MaintAllow != nil {
				md["allow"] = z.MaintAllow
			}
			zd["maintenance"] = md
		}
		zones[z.Name] = zd
	}
	if len(zones) > 0 {
		d["zones"] = zones
	}

	apps := map[string]any{}
	for _, a := range e.Apps {
		ad := map[string]any{}
		if a.Zone != "" {
			ad["zone"] = a.Zone
		}
		if a.Modules != nil {
			ad["modules"] = a.Modules
		}
		if a.Mobile {
			ad["mobile"] = true
		}
		apps[a.Name] = ad
	}
	if len(apps) > 0 {
		d["apps"] = apps
	}

	proxies := map[string]any{}
	for _, p := range e.Proxies {
		pd := map[string]any{"host": p.Host, "egress": "198.51.100." + fmt.Sprint(1+len(proxies)%250)}
		for k, v := range map[string]string{"tls": p.TLS, "balance": p.Balance, "certificate": p.Certificate, "ca": p.CA} {
			if v != "" {
				pd[k] = v
			}
		}
		if p.Zones != nil {
			pd["zones"] = p.Zones
		}
		if p.Platform {
			pd["platform"] = true
		}
		if p.Allow != nil {
			pd["allow"] = p.Allow
		}
		if p.RealIPFrom != nil {
			pd["realIpFrom"] = p.RealIPFrom
		}
		if p.Listen != nil {
			pd["listen"] = p.Listen
		}
		proxies[p.Name] = pd
	}
	if len(proxies) > 0 {
		d["proxies"] = proxies
	}
	return d
}
