package lab

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"net"
	"net/netip"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/zonegen/zonegen/output"
	"github.com/zonegen/zonegen/topology"
)

// Impl names a program that runs a generated config.
type Impl string

const (
	Nginx   Impl = "nginx"
	HAProxy Impl = "haproxy"
)

// Kinds are the outputs a lab runs: the proxies, the zones' and cache-invalidation pools and
// the machines' monitoring endpoints (generators' kinds).
var Kinds = []string{"haproxy-lb", "haproxy-proxy", "monitor", "nginx-lb", "nginx-proxy"}

// Options say how Start runs the lab.
type Options struct {
	// LB runs the zones' pools: HAProxy (the default) or Nginx.
	LB Impl
}

// Lab is a plan brought to loopback: every front-end, load balancer and proxy of the plan
// gets its own 127.B.x.y address and free ports, stub front-ends stand in for the
// OutSystems servers and the generated configs run in the real programs.
type Lab struct {
	// Plan is the loopback copy of the plan the lab was made from; generate the files the
	// lab runs from it.
	Plan *topology.Plan
	Dir  string
	CA   *CA
	// Outsider is a loopback address in no proxy's allow list.
	Outsider string

	servers map[string]*labServer // "<env>/<server>"
	pools   []string              // pool listeners: host:port
	allowed map[string][]string   // ProxyPlan.ID → loopback sources inside its allow list
	// maintenanceAllowed: ProxyPlan.ID + "/" + Upstream.ID → loopback sources inside the
	// allow list of the upstream zone's maintenance window.
	maintenanceAllowed map[string][]string
	monitorAllowed     map[string][]string // machine name → loopback sources inside its monitoring allow list
	// realIPFrom: ProxyPlan.ID → loopback sources inside its realIpFrom list
	realIPFrom map[string][]string
	cacheNodes map[string][]*CacheNode // by environment: the stub RabbitMQ nodes
	files      []output.File
	mu         sync.Mutex
	procs      []*Process
	lbImpl     Impl // what runs the pools, once started
	proxies    *Process
	backends   []*Backend
	closed     bool
	done       chan struct{} // closed by Close: ends the Deployment's service managers
}

type labServer struct {
	server      *topology.ServerPlan
	http, https net.Listener
	cert        *Cert
	health      *topology.HealthCheck
	backend     *Backend
}

// ipCounter hands out lab addresses within this process's block (addressBlock).
var ipCounter atomic.Uint32

// nextIP returns a fresh address of this process's block: 127.B.0.1 - 127.B.255.250.
func nextIP() string {
	n := ipCounter.Add(1) - 1
	return fmt.Sprintf("127.%d.%d.%d", addressBlock(), (n/250)%256, 1+n%250)
}

// handedOut remembers the ports FreePort gave out, per address: the kernel may hand a
// just-closed port out again, and two listeners of one lab on one address:port would clash.
var handedOut = struct {
	sync.Mutex
	ports map[string]bool
}{ports: map[string]bool{}}

// FreePort finds a port on ip that is free now and was not handed out before; nginx or
// HAProxy binds it shortly after.
func FreePort(ip string) (int, error) {
	handedOut.Lock()
	defer handedOut.Unlock()
	for range 20 {
		ln, err := Listen(ip)
		if err != nil {
			return 0, err
		}
		addr := ln.Addr().String()
		closeListener(ln) // free at once, even while a fork holds it (closeListener)
		if !handedOut.ports[addr] {
			handedOut.ports[addr] = true
			return ln.Addr().(*net.TCPAddr).Port, nil
		}
	}
	return 0, fmt.Errorf("no fresh port on %s after 20 tries", ip)
}

type hostPort struct {
	host string
	port int
}

// New makes a lab in dir (which must exist) from plan, which it does not change: a copy
// where every front-end, load balancer and proxy listens on a fresh loopback address,
// proxies present certificates of a new test CA and verify upstreams (and pools their
// HTTPS checks) against it, HAProxy
// maps load from dir, and single addresses of allow lists become loopback sources. The
// stub front-ends' ports are reserved until Start serves them.
func New(plan *topology.Plan, dir string) (_ *Lab, err error) {
	ca, err := NewCA("zonegen lab CA")
	if err != nil {
		return nil, err
	}
	l := &Lab{
		done:               make(chan struct{}),
		Plan:               clonePlan(plan),
		Dir:                dir,
		CA:                 ca,
		Outsider:           nextIP(),
		servers:            map[string]*labServer{},
		allowed:            map[string][]string{},
		maintenanceAllowed: map[string][]string{},
		monitorAllowed:     map[string][]string{},
		realIPFrom:         map[string][]string{},
		cacheNodes:         map[string][]*CacheNode{},
	}
	defer func() {
		if err != nil {
			l.Close()
		}
	}()
	pki := filepath.Join(dir, "pki")
	if err := os.MkdirAll(pki, 0o755); err != nil {
		return nil, fmt.Errorf("lab: %w", err)
	}
	caFile := filepath.Join(pki, "ca.pem")
	if err := os.WriteFile(caFile, ca.PEM, 0o644); err != nil {
		return nil, fmt.Errorf("lab: %w", err)
	}

	remap := map[hostPort]hostPort{} // original endpoint → loopback endpoint
	addrIP := map[string]string{}    // original server address → loopback address
	// loopbackOf is the loopback address standing for an address of the plan (a listen or
	// egress address), the same one each time: a pool that connects from its listen
	// address does so in the lab too.
	loopbackOf := func(addr string) string {
		if a, err := netip.ParseAddr(addr); err == nil {
			addr = a.String()
		}
		ip, ok := addrIP[addr]
		if !ok {
			ip = nextIP()
			addrIP[addr] = ip
		}
		return ip
	}

	// Front-ends, then the zones' load balancers, of every environment: allow lists may
	// name servers of another environment (LifeTime).
	for _, env := range l.Plan.Environments {
		for _, s := range env.Servers {
			if !s.Frontend {
				continue
			}
			ls := &labServer{server: s, health: env.HealthCheck}
			l.servers[env.Name+"/"+s.Name] = ls
			ip := nextIP()
			addrIP[s.Address] = ip
			if ls.http, err = Listen(ip); err != nil {
				return nil, err
			}
			np := topology.Ports{HTTP: ls.http.Addr().(*net.TCPAddr).Port}
			remap[hostPort{s.Address, s.Ports.HTTP}] = hostPort{ip, np.HTTP}
			if s.TLS {
				if ls.https, err = Listen(ip); err != nil {
					return nil, err
				}
				np.HTTPS = ls.https.Addr().(*net.TCPAddr).Port
				remap[hostPort{s.Address, s.Ports.HTTPS}] = hostPort{ip, np.HTTPS}
			}
			s.Address, s.Ports = ip, np
		}
		for _, z := range env.Zones {
			if z.External {
				// Nothing stands in for a load balancer that is not zonegen's (NotProbed): its
				// name maps to a loopback port nobody listens on, so that the proxies' configs
				// load, and no probe goes there.
				ip := nextIP()
				for _, port := range []int{z.Ports.HTTP, z.Ports.HTTPS} {
					np, err := FreePort(ip)
					if err != nil {
						return nil, err
					}
					remap[hostPort{z.LoadBalancer, port}] = hostPort{ip, np}
					remap[hostPort{z.Address.Value, port}] = hostPort{ip, np}
				}
				continue
			}
			if !z.Pool() {
				continue
			}
			ip := nextIP()
			if z.BindAddress != "" {
				ip = loopbackOf(z.BindAddress)
			}
			var members []*labServer
			for _, name := range z.Servers {
				if ls := l.servers[env.Name+"/"+name]; ls != nil {
					members = append(members, ls)
				}
			}
			np := topology.Ports{}
			for _, pp := range []struct{ old, new *int }{{&z.Ports.HTTP, &np.HTTP}, {&z.Ports.HTTPS, &np.HTTPS}} {
				if *pp.old == 0 {
					continue
				}
				if *pp.new, err = FreePort(ip); err != nil {
					return nil, err
				}
				to := hostPort{ip, *pp.new}
				remap[hostPort{z.LoadBalancer, *pp.old}] = to
				remap[hostPort{z.Address.Value, *pp.old}] = to
				// The HTTPS pool holds only servers that answer HTTPS; with none there is
				// no pool to wait for.
				if pp.old == &z.Ports.HTTP || slices.ContainsFunc(members, func(m *labServer) bool { return m.https != nil }) {
					l.pools = append(l.pools, net.JoinHostPort(ip, strconv.Itoa(to.port)))
				}
			}
			z.BindAddress, z.Ports = ip, np
			if z.Egress != "" {
				z.Egress = loopbackOf(z.Egress) // the pool binds it: the front-ends see it
			}
			z.CA = caFile // the HTTPS pool's checks verify the front-ends' lab certificates
		}
		if err := l.cachePool(env, loopbackOf); err != nil {
			return nil, err
		}
	}

	for _, env := range l.Plan.Environments {
		for _, p := range env.Proxies {
			ip := nextIP()
			if p.Listen.Address != "" {
				ip = loopbackOf(p.Listen.Address)
			}
			if p.Egress != "" {
				p.Egress = loopbackOf(p.Egress) // the proxy binds it: the front-ends see it
			}
			if p.Listen.HTTP != 0 {
				if p.Listen.HTTP, err = FreePort(ip); err != nil {
					return nil, err
				}
			}
			if p.Listen.HTTPS != 0 {
				if p.Listen.HTTPS, err = FreePort(ip); err != nil {
					return nil, err
				}
			}
			p.Listen.Address = ip
			p.Certificate = filepath.Join(pki, "proxy_"+p.ID+".pem") // written with the others, below
			p.CA = caFile
			for _, u := range p.Upstreams {
				for i := range u.Targets {
					t := &u.Targets[i]
					to, ok := remap[hostPort{t.Host, t.Port}]
					if !ok {
						return nil, fmt.Errorf("lab: proxy %s: upstream %s: target %s (%s) is no front-end or load balancer of the plan",
							p.Name, u.ID, t.Name, net.JoinHostPort(t.Host, strconv.Itoa(t.Port)))
					}
					t.Host, t.Port = to.host, to.port
				}
			}
			// Its address lists become loopback sources (loopbackSources).
			lists := []sourceList{{"allow", p.Allow, l.allowed, p.ID}, {"realIpFrom", p.RealIPFrom, l.realIPFrom, p.ID}}
			for _, u := range p.Upstreams {
				if m := u.Maintenance; m != nil {
					lists = append(lists, sourceList{"zones." + u.Zone + ".maintenance.allow", m.Allow, l.maintenanceAllowed, p.ID + "/" + u.ID})
				}
			}
			for _, list := range lists {
				if err := l.loopbackSources(list, addrIP, nextIP); err != nil {
					return nil, fmt.Errorf("lab: proxy %s: %w", p.Name, err)
				}
			}
		}
	}

	// Monitoring endpoints: each on a loopback address and free port, its allow list as above.
	for _, env := range l.Plan.Environments {
		for _, m := range env.Machines {
			mon := m.Monitoring
			if mon == nil {
				continue
			}
			mon.Address = loopbackOf(mon.Address)
			if mon.Port, err = FreePort(mon.Address); err != nil {
				return nil, err
			}
			if err := l.loopbackSources(sourceList{"monitoring.allow", mon.Allow, l.monitorAllowed, m.Name}, addrIP, nextIP); err != nil {
				return nil, fmt.Errorf("lab: machine %s: %w", m.Name, err)
			}
		}
	}

	// Certificates: each is valid for the names the certificate inventory gives it
	// (topology.Plan.Certificates) and nothing else, so that a name the configs verify and
	// the inventory leaves out fails here as it would in production, and certificates.md is
	// proven to suffice. A front-end whose checks verify its chain only (it is known by an
	// IP address) gets its own name, which nothing verifies.
	for _, env := range l.Plan.Environments {
		for _, c := range l.Plan.Certificates(env) {
			var names []string
			for _, n := range c.Names {
				names = append(names, n.Name)
			}
			switch c.Kind {
			case topology.CertProxy:
				cert, err := ca.Issue(names...)
				if err != nil {
					return nil, fmt.Errorf("lab: %s: %w", c.Presenter, err)
				}
				if err := cert.WriteFile(c.File); err != nil {
					return nil, err
				}
			case topology.CertServer:
				ls := l.servers[env.Name+"/"+c.Machines[0]]
				if ls == nil || ls.https == nil {
					continue
				}
				if len(names) == 0 {
					names = []string{ls.server.Name}
				}
				if ls.cert, err = ca.Issue(names...); err != nil {
					return nil, fmt.Errorf("lab: %s: %w", c.Presenter, err)
				}
			}
		}
	}
	return l, nil
}

// loopback is where every lab address lives.
var loopback = netip.MustParsePrefix("127.0.0.0/8")

// Start is StartContext without a deadline of its own (5 s for the pools to listen).
func (l *Lab) Start(files []output.File, opts Options) error {
	return l.StartContext(context.Background(), files, opts)
}

// StartContext writes files (as generated from l.Plan) under Dir/files, serves the stub
// front-ends and starts the zones' pools with opts.LB; ctx bounds the wait for the pools
// to listen.
func (l *Lab) StartContext(ctx context.Context, files []output.File, opts Options) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.closed {
		return errStopped
	}
	if err := l.write(files); err != nil {
		return err
	}
	if err := l.startFrontEnds(); err != nil {
		return err
	}

	pools := l.pools
	if opts.LB == "" {
		opts.LB = HAProxy
	}
	l.lbImpl = opts.LB
	if len(pools) == 0 {
		return nil
	}
	var proc *Process
	var err error
	switch opts.LB {
	case HAProxy:
		proc, err = StartHAProxy(filepath.Join(l.Dir, "run", "haproxy-lb"), l.selectFiles("lb", ".haproxy.cfg")...)
	case Nginx:
		proc, err = StartNginx(filepath.Join(l.Dir, "run", "nginx-lb"), NginxConfig{StreamIncludes: l.selectFiles("lb", ".nginx.conf")})
	default:
		return fmt.Errorf("lab: unknown load balancer %q", opts.LB)
	}
	if err != nil {
		return err
	}
	l.procs = append(l.procs, proc)
	return proc.WaitListening(ctx, pools...)
}

// StartFrontEnds serves only the stub front-ends: the pools and proxies are someone
// else's to run on the plan's addresses (the Ansible deployment tests). lb names what will
// run the pools, for the probes' reports.
func (l *Lab) StartFrontEnds(lb Impl) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.closed {
		return errStopped
	}
	l.lbImpl = lb
	return l.startFrontEnds()
}

func (l *Lab) startFrontEnds() error {
	for _, key := range slices.Sorted(maps.Keys(l.servers)) {
		ls := l.servers[key]
		cfg := BackendConfig{Name: ls.server.Name, HTTP: ls.http, HTTPS: ls.https, Cert: ls.cert}
		if ls.health != nil {
			cfg.HealthPath, cfg.HealthBody = ls.health.Path, ls.health.Expect
		}
		b, err := StartBackend(cfg)
		if err != nil {
			return err
		}
		ls.http, ls.https = nil, nil // the backend owns them now
		ls.backend = b
		l.backends = append(l.backends, b)
	}
	for _, env := range slices.Sorted(maps.Keys(l.cacheNodes)) {
		for _, n := range l.cacheNodes[env] {
			n.serve()
		}
	}
	return nil
}

// StartProxies is StartProxiesContext without a deadline of its own (5 s to listen).
func (l *Lab) StartProxies(impl Impl) (stop func() error, err error) {
	return l.StartProxiesContext(context.Background(), impl)
}

// StartProxiesContext runs every generated proxy of the plan in one nginx or one HAProxy
// and waits, bounded by ctx, until they listen. Only one set of proxies runs at a time
// (they share addresses); stop it before starting the other.
func (l *Lab) StartProxiesContext(ctx context.Context, impl Impl) (stop func() error, err error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.closed {
		return nil, errStopped
	}
	if l.proxies != nil && !l.proxies.Exited() {
		return nil, fmt.Errorf("lab: proxies already running in %s; stop them first", l.proxies.Name)
	}
	var proc *Process
	switch impl {
	case Nginx:
		proc, err = StartNginx(filepath.Join(l.Dir, "run", "nginx-proxy"), NginxConfig{HTTPIncludes: l.nginxProxyIncludes()})
	case HAProxy:
		proc, err = StartHAProxy(filepath.Join(l.Dir, "run", "haproxy-proxy"), l.selectFiles("proxy", ".haproxy.cfg")...)
	default:
		return nil, fmt.Errorf("lab: unknown proxy %q", impl)
	}
	if err != nil {
		return nil, err
	}
	l.proxies = proc
	var addrs []string
	for _, env := range l.Plan.Environments {
		for _, p := range env.Proxies {
			ports := []int{p.Listen.HTTP, p.Listen.HTTPS}
			if p.TLS == "none" {
				ports = ports[:1] // no HTTPS listener whatever the port says
			}
			for _, port := range ports {
				if port != 0 {
					addrs = append(addrs, net.JoinHostPort(p.Listen.Address, strconv.Itoa(port)))
				}
			}
		}
	}
	addrs = append(addrs, l.monitorListeners(impl)...)
	if err := proc.WaitListening(ctx, addrs...); err != nil {
		_ = proc.Stop()
		return nil, err
	}
	return proc.Stop, nil
}

// Check writes files (as generated from l.Plan) under Dir/files and validates them in the
// real programs without running them: nginx -t over every nginx file (proxies in http{},
// pools in stream{}), haproxy -c over every HAProxy file. Warnings count as failures.
func (l *Lab) Check(files []output.File) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if err := l.write(files); err != nil {
		return err
	}
	ngx := NginxConfig{HTTPIncludes: l.nginxProxyIncludes(), StreamIncludes: l.selectFiles("lb", ".nginx.conf")}
	var errs []error
	if len(ngx.HTTPIncludes)+len(ngx.StreamIncludes) > 0 {
		errs = append(errs, CheckNginx(filepath.Join(l.Dir, "run", "nginx-check"), ngx))
	}
	if hap := append(l.selectFiles("proxy", ".haproxy.cfg"), l.selectFiles("lb", ".haproxy.cfg")...); len(hap) > 0 {
		errs = append(errs, CheckHAProxy(filepath.Join(l.Dir, "run", "haproxy-check"), hap...))
	}
	return errors.Join(errs...)
}

// write puts files under Dir/files, where the HAProxy maps of l.Plan point.
func (l *Lab) write(files []output.File) error {
	l.files = files
	for _, f := range files {
		p := l.filePath(f.Path)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return fmt.Errorf("lab: %w", err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			return fmt.Errorf("lab: %w", err)
		}
	}
	return nil
}

// Close stops every process and stub the lab started and releases reserved ports.
func (l *Lab) Close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.closed {
		return nil
	}
	l.closed = true
	close(l.done)
	var errs []error
	if l.proxies != nil {
		errs = append(errs, l.proxies.Stop())
	}
	for i := len(l.procs) - 1; i >= 0; i-- {
		errs = append(errs, l.procs[i].Stop())
	}
	for _, b := range l.backends {
		errs = append(errs, b.Stop())
	}
	for _, nodes := range l.cacheNodes {
		for _, n := range nodes {
			errs = append(errs, n.Stop())
		}
	}
	for _, ls := range l.servers {
		for _, ln := range []net.Listener{ls.http, ls.https} {
			if ln != nil {
				closeListener(ln)
			}
		}
	}
	return errors.Join(errs...)
}

// LBProcess returns the program running the zones' pools, nil before Start.
func (l *Lab) LBProcess() *Process {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.procs) == 0 {
		return nil
	}
	return l.procs[0]
}

// proxyImpl is the program running the proxies now, "" when none runs.
func (l *Lab) proxyImpl() Impl {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.proxies == nil {
		return ""
	}
	return Impl(l.proxies.Name)
}

// Available says whether impl can run this lab here: its program on PATH and, for nginx
// when the plan has pools, the stream module. The error names what is missing and how to
// install it.
func (l *Lab) Available(impl Impl) error {
	switch impl {
	case Nginx, HAProxy:
	default:
		return fmt.Errorf("lab: unknown program %q", impl)
	}
	if _, err := exec.LookPath(string(impl)); err != nil {
		return fmt.Errorf("%s is not installed (not on PATH; Debian puts it in /usr/sbin): run `make deps`, or `apt-get install %s`", impl, debPackages[impl])
	}
	if impl == Nginx && len(l.pools) > 0 {
		if _, err := nginxStreamModule(); err != nil {
			return err
		}
	}
	return nil
}

// debPackages are the Debian packages each program of the lab needs (Makefile: deps).
var debPackages = map[Impl]string{
	Nginx:   "nginx libnginx-mod-stream",
	HAProxy: "haproxy",
}

// Backend returns the stub standing in for a front-end, nil before Start.
func (l *Lab) Backend(env, server string) *Backend {
	if ls := l.servers[env+"/"+server]; ls != nil {
		return ls.backend
	}
	return nil
}

// Client returns a probe that trusts the lab CA and connects from source ("" for any).
func (l *Lab) Client(source string) *Client {
	return &Client{Source: source, Roots: l.CA.Pool}
}

// Allowed returns the loopback sources inside proxy's allow list (by ProxyPlan.ID).
func (l *Lab) Allowed(proxyID string) []string { return l.allowed[proxyID] }

// MaintenanceAllowed returns the loopback sources standing for the allow list of the
// maintenance window of upstream upstreamID of the proxy (zones.Z.maintenance.allow).
func (l *Lab) MaintenanceAllowed(proxyID, upstreamID string) []string {
	return l.maintenanceAllowed[proxyID+"/"+upstreamID]
}

// loopbackSources turns list's entries into loopback sources in place: an address becomes
// the loopback address addrIP gives it (its server's, when it is one), a network one fresh
// loopback address standing for it, so that a source inside it can be probed; entries that
// overlap loopback hold lab sources already.
func (l *Lab) loopbackSources(list sourceList, addrIP map[string]string, nextIP func() string) error {
	for i, a := range list.entries {
		pfx, err := netip.ParsePrefix(a)
		if err != nil {
			return fmt.Errorf("%s %q: %w", list.name, a, err)
		}
		if pfx.Overlaps(loopback) {
			continue
		}
		key := pfx.Masked().String()
		if pfx.IsSingleIP() {
			key = pfx.Addr().String()
		}
		ip, ok := addrIP[key]
		if !ok {
			ip = nextIP()
			addrIP[key] = ip
		}
		list.entries[i] = ip + "/32"
		list.sources[list.key] = append(list.sources[list.key], ip)
	}
	return nil
}

// sourceList is a list of CIDRs of a proxy that New turns into loopback sources, recorded
// in sources under key.
type sourceList struct {
	name    string
	entries []string
	sources map[string][]string
	key     string
}

// ProxyEndpoint is where clients reach a proxy: its HTTPS listener when it terminates TLS,
// its HTTP listener otherwise.
func ProxyEndpoint(p *topology.ProxyPlan) Endpoint {
	if p.TLS != "none" {
		return Endpoint{Addr: net.JoinHostPort(p.Listen.Address, strconv.Itoa(p.Listen.HTTPS)), TLS: true, ServerName: p.Host}
	}
	return Endpoint{Addr: net.JoinHostPort(p.Listen.Address, strconv.Itoa(p.Listen.HTTP))}
}

// PoolEndpoint is a zone's load balancer on its HTTP (or HTTPS) port. Over HTTPS it verifies
// the zone address where the zone's certificate fact holds (R2), else the chain only: each
// front-end then presents a certificate for its own name.
func PoolEndpoint(z *topology.ZonePlan, https bool) Endpoint {
	if https {
		ep := Endpoint{Addr: net.JoinHostPort(z.BindAddress, strconv.Itoa(z.Ports.HTTPS)), TLS: true}
		if z.Certificate.Holds {
			ep.ServerName = z.Address.Value
		}
		return ep
	}
	return Endpoint{Addr: net.JoinHostPort(z.BindAddress, strconv.Itoa(z.Ports.HTTP))}
}

func (l *Lab) filePath(rel string) string {
	return filepath.Join(l.Dir, "files", filepath.FromSlash(rel))
}

// selectFiles returns the files <env>/<folder>/*<suffix>, sorted, as absolute paths.
func (l *Lab) selectFiles(folder, suffix string) []string {
	var out []string
	for _, f := range l.files {
		if path.Base(path.Dir(f.Path)) == folder && strings.HasSuffix(f.Path, suffix) {
			out = append(out, l.filePath(f.Path))
		}
	}
	sort.Strings(out)
	return out
}

// nginxProxyIncludes lists one http{}-settings file (each environment has an identical
// one, and nginx takes the settings once) before every proxy file.
func (l *Lab) nginxProxyIncludes() []string {
	var settings, proxies []string
	for _, f := range l.selectFiles("proxy", ".nginx.conf") {
		if strings.HasPrefix(filepath.Base(f), "00-zonegen-http") { // not a monitoring endpoint's 00-zonegen-monitor-
			settings = append(settings, f)
		} else {
			proxies = append(proxies, f)
		}
	}
	if len(settings) > 1 {
		settings = settings[:1]
	}
	return append(settings, proxies...)
}

// errStopped is returned for a lab used after Close.
var errStopped = errors.New("lab is closed")

// clonePlan copies everything New changes, so the caller's plan stays as it was.
func clonePlan(p *topology.Plan) *topology.Plan {
	c := *p
	c.Environments = make([]*topology.EnvPlan, len(p.Environments))
	for i, e := range p.Environments {
		ec := *e
		ec.Servers = make([]*topology.ServerPlan, len(e.Servers))
		for j, s := range e.Servers {
			sc := *s
			ec.Servers[j] = &sc
		}
		ec.Machines = make([]*topology.MachinePlan, len(e.Machines))
		for j, m := range e.Machines {
			mc := *m
			if m.Monitoring != nil {
				mon := *m.Monitoring
				mon.Allow = append([]string(nil), m.Monitoring.Allow...)
				mc.Monitoring = &mon
			}
			ec.Machines[j] = &mc
		}
		ec.Zones = make([]*topology.ZonePlan, len(e.Zones))
		for j, z := range e.Zones {
			zc := *z
			ec.Zones[j] = &zc
		}
		ec.Proxies = make([]*topology.ProxyPlan, len(e.Proxies))
		for j, pr := range e.Proxies {
			pc := *pr
			pc.Allow = append([]string(nil), pr.Allow...)
			pc.RealIPFrom = append([]string(nil), pr.RealIPFrom...)
			pc.Upstreams = make([]*topology.Upstream, len(pr.Upstreams))
			for k, u := range pr.Upstreams {
				uc := *u
				uc.Targets = append([]topology.Target(nil), u.Targets...)
				if m := u.Maintenance; m != nil {
					mc := *m
					mc.Allow = append([]string(nil), m.Allow...)
					uc.Maintenance = &mc
				}
				pc.Upstreams[k] = &uc
			}
			ec.Proxies[j] = &pc
		}
		c.Environments[i] = &ec
	}
	return &c
}

// HasNetwork reports whether plan has anything a lab runs: a proxy or a pool.
func HasNetwork(plan *topology.Plan) bool {
	for _, env := range plan.Environments {
		if len(env.Proxies) > 0 || env.CacheInvalidation != nil {
			return true
		}
		for _, z := range env.Zones {
			if z.Pool() {
				return true
			}
		}
	}
	return false
}
