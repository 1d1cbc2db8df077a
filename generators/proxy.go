package generators

import (
	"fmt"
	"net"
	"path"
	"strconv"
	"strings"

	"github.com/zonegen/zonegen/output"
	"github.com/zonegen/zonegen/templates"
	"github.com/zonegen/zonegen/topology"
)

// Reverse-proxy outputs (R6): one nginx http{}-level include and one HAProxy fragment plus
// its map file per proxy. Both implement the same routing so that a user can pick either:
// first segment of the raw path, lower-cased, exact lookup; raw paths the two would read
// differently are refused with 400 (notes/proxies.md §6.9).

// NginxHTTPSettingsFile is the per-environment file holding the http{}-wide settings the
// proxies need. nginx allows map_hash_max_size once per http{} and only before the first
// map, so it cannot live in the per-proxy files when several proxies share one nginx. The
// leading "00-" sorts it first in conf.d/; proxy names start with a letter, so it never
// collides with one.
const NginxHTTPSettingsFile = "00-zonegen-http.nginx.conf"

// HAProxyGlobalFile is the per-environment file holding the process-wide settings the
// HAProxy proxies need (tune.bufsize), for the same reason: HAProxy takes them only in a
// global section, once per process.
const HAProxyGlobalFile = "00-zonegen-global.haproxy.cfg"

// haproxyMaxRewrite is HAProxy's rewrite reserve (tune.maxrewrite): the part of each buffer
// a request or response head cannot fill, kept for added headers.
const haproxyMaxRewrite = 1024

// haproxyBufSize is tune.bufsize for every proxy of the plan: the largest header limit plus
// the rewrite reserve, never below HAProxy's default 16384 (HTTP/2 needs that much). One size
// for the whole plan, so that the global file of every environment is the same and any of
// them fits proxies of several environments in one HAProxy.
func haproxyBufSize(plan *topology.Plan) (bufsize, largest int64) {
	for _, env := range plan.Environments {
		for _, p := range env.Proxies {
			largest = max(largest, p.Limits.RequestHeaders, p.Limits.ResponseHeaders)
		}
	}
	return max(16384, largest+haproxyMaxRewrite), largest
}

// Response bodies shared by both proxies, so that a client cannot tell them apart.
const (
	bodyBadPath   = "bad path"
	bodyNoRoute   = "no route"
	bodyForbidden = "forbidden"
	// bodyMaintenance answers a route of a zone in maintenance (zones.Z.maintenance), 503.
	bodyMaintenance = "down for maintenance"
)

type proxyView struct {
	Plan  *topology.Plan
	Env   *topology.EnvPlan
	Proxy *topology.ProxyPlan
	// Prefix starts every name shared with other proxies in one nginx or HAProxy.
	Prefix      string
	HTTPListen  *listenView // nil when there is no HTTP listener
	HTTPSListen *listenView // nil when there is no HTTPS listener
	TLS         bool        // clients talk HTTPS (offload, reencrypt); the HTTP listener redirects
	Redirect    string      // https://host[:port] for the HTTP listener
	Certificate string      // quoted
	CA          string      // quoted; "" when no upstream is https
	MapFile     string      // HAProxy map path, quoted for a sample-expression argument
	Upstreams   []upstreamView
	Routes      []routeView
	// PlatformKeys are the map keys of platform routes, sorted; Allow their CIDRs.
	PlatformKeys []string
	Allow        []string
	RealIPFrom   []string // peers whose X-Forwarded-For names the client
	// Maintenance says an upstream's zone is in maintenance (upstreamView.Maintenance).
	Maintenance bool
	Bodies      map[string]string
	Limits      topology.ProxyLimits
	GlobalFile  string // HAProxyGlobalFile, named in the fragment's comment
	// Egress (nginx proxy_bind) and Source (HAProxy source) are where upstream connections
	// leave from; "" lets the kernel choose.
	Egress, Source string
	// HSTS is the Strict-Transport-Security value the HTTPS listener sends in place of the
	// front-ends' (proxies.P.hsts); "" passes theirs.
	HSTS string
}

type upstreamView struct {
	ID      string // Upstream.ID
	Name    string // Prefix + "_" + ID: the nginx upstream{} and the HAProxy backend
	Scheme  string
	TLSName string // nginx: the one name verified for every target
	Zone    string
	Servers []targetView
	// Maintenance is the zone's maintenance window; nil when the zone is open.
	Maintenance *topology.MaintenancePlan
}

type targetView struct {
	Name    string
	Addr    string // host:port, IPv6 in brackets
	TLSName string // HAProxy: the name verified for this target
	Drain   bool   // a drained server (servers.S.drain): sent nothing new
}

type routeView struct {
	NginxKey string // Key, with a map keyword escaped
	Key      string
	Upstream string // Upstream.ID
	Backend  string // Prefix + "_" + Upstream.ID
}

func generateNginxProxy(plan *topology.Plan, tpl *templates.Set) ([]output.File, error) {
	var files []output.File
	for _, env := range plan.Environments {
		if len(env.Proxies) == 0 {
			continue
		}
		data, err := tpl.Render("nginx-http.conf.tmpl", map[string]any{"Plan": plan, "Env": env})
		if err != nil {
			return nil, fmt.Errorf("environment %s: %w", env.Name, err)
		}
		files = append(files, output.File{Path: NginxHTTPFile(env.Name), Data: data, Env: env.Name})
		for _, p := range env.Proxies {
			v, err := newProxyView(plan, env, p, nginxFlavour)
			if err != nil {
				return nil, fmt.Errorf("environment %s: proxy %s: %w", env.Name, p.Name, err)
			}
			data, err := tpl.Render("nginx-proxy.conf.tmpl", v)
			if err != nil {
				return nil, fmt.Errorf("environment %s: proxy %s: %w", env.Name, p.Name, err)
			}
			files = append(files, output.File{Path: ProxyFile(env.Name, p.Name, ".nginx.conf"), Data: data, Env: env.Name})
		}
	}
	return files, nil
}

func generateHAProxyProxy(plan *topology.Plan, tpl *templates.Set) ([]output.File, error) {
	var files []output.File
	bufsize, largest := haproxyBufSize(plan)
	for _, env := range plan.Environments {
		if len(env.Proxies) > 0 {
			data, err := tpl.Render("haproxy-global.cfg.tmpl", map[string]any{"Plan": plan, "Env": env,
				"BufSize": bufsize, "MaxRewrite": haproxyMaxRewrite, "LargestHeaders": largest})
			if err != nil {
				return nil, fmt.Errorf("environment %s: %w", env.Name, err)
			}
			files = append(files, output.File{Path: HAProxyGlobalPath(env.Name), Data: data, Env: env.Name})
		}
		for _, p := range env.Proxies {
			v, err := newProxyView(plan, env, p, haproxyFlavour)
			if err != nil {
				return nil, fmt.Errorf("environment %s: proxy %s: %w", env.Name, p.Name, err)
			}
			for _, f := range []struct{ tmpl, ext string }{
				{"haproxy-proxy.cfg.tmpl", ".haproxy.cfg"},
				{"haproxy-proxy.map.tmpl", ".haproxy.map"},
			} {
				data, err := tpl.Render(f.tmpl, v)
				if err != nil {
					return nil, fmt.Errorf("environment %s: proxy %s: %w", env.Name, p.Name, err)
				}
				files = append(files, output.File{Path: ProxyFile(env.Name, p.Name, f.ext), Data: data, Env: env.Name})
			}
		}
	}
	return files, nil
}

// HAProxyGlobalPath is the path in the generated tree of an environment's HAProxy global
// settings (the same bytes in every environment: tune.bufsize is process-wide).
func HAProxyGlobalPath(env string) string { return path.Join(env, "proxy", HAProxyGlobalFile) }

// NginxHTTPFile is the path in the generated tree of an environment's http{}-wide settings.
// Their bytes are the same in every environment: a machine gets one copy (Ansible's
// zonegen_linux role), however many environments it serves.
func NginxHTTPFile(env string) string { return path.Join(env, "proxy", NginxHTTPSettingsFile) }

// ProxyFile is the path in the generated tree of a proxy's file with extension ext
// (".nginx.conf", ".haproxy.cfg", ".haproxy.map").
func ProxyFile(env, proxy, ext string) string { return path.Join(env, "proxy", proxy+ext) }

// haproxyMapRef is how a proxy fragment names its map: relative to the fragment's folder
// (the fragment sets `default-path config`), so fragment and map move together, and through
// the environment's folder, because HAProxy shares one pattern file per name as written: two
// fragments both naming "www.haproxy.map" would both get the first one's routes.
func haproxyMapRef(env, proxy string) string {
	return "../../" + ProxyFile(env, proxy, ".haproxy.map")
}

type flavour int

const (
	nginxFlavour flavour = iota
	haproxyFlavour
)

// newProxyView shapes a proxy for the templates. Plan.Check (generators.Run) has verified
// every value already; the one error left is a limit of the flavour.
func newProxyView(plan *topology.Plan, env *topology.EnvPlan, p *topology.ProxyPlan, fl flavour) (*proxyView, error) {
	v := &proxyView{
		Plan:       plan,
		Env:        env,
		Proxy:      p,
		Prefix:     topology.ProxyPrefix(env.Name, p.Name),
		Allow:      append([]string{}, p.Allow...),
		RealIPFrom: append([]string{}, p.RealIPFrom...),
		Bodies:     map[string]string{"BadPath": bodyBadPath, "NoRoute": bodyNoRoute, "Forbidden": bodyForbidden, "Maintenance": bodyMaintenance},
		Limits:     p.Limits,
		GlobalFile: HAProxyGlobalFile,
		Egress:     p.Egress,
		Source:     haproxySource(p.Egress),
	}
	if p.TLS != topology.TLSNone {
		v.TLS = true
		if p.HSTS != nil {
			v.HSTS = p.HSTS.Header()
		}
		v.Certificate = quotePath(p.Certificate)
		v.HTTPSListen = listenOn(p.Listen.Address, p.Listen.HTTPS)
		v.Redirect = "https://" + p.Host
		if p.Listen.HTTPS != 443 {
			v.Redirect += ":" + strconv.Itoa(p.Listen.HTTPS)
		}
	}
	if p.Listen.HTTP != 0 {
		v.HTTPListen = listenOn(p.Listen.Address, p.Listen.HTTP)
	}
	for _, u := range p.Upstreams {
		uv, err := newUpstreamView(v.Prefix, u, fl)
		if err != nil {
			return nil, fmt.Errorf("upstream %s: %w", u.ID, err)
		}
		if u.Scheme == "https" {
			v.CA = quotePath(p.CA)
		}
		v.Maintenance = v.Maintenance || u.Maintenance != nil
		v.Upstreams = append(v.Upstreams, uv)
	}
	if fl == haproxyFlavour {
		v.MapFile = quotePath(haproxyMapRef(env.Name, p.Name))
	}
	for _, r := range p.Routes {
		rv := routeView{NginxKey: r.Key, Key: r.Key, Upstream: r.Upstream, Backend: v.Prefix + "_" + r.Upstream}
		if nginxMapKeywords[r.Key] {
			// `default`, `include`... are map parameters; a backslash makes them keys.
			rv.NginxKey = `\` + r.Key
		}
		v.Routes = append(v.Routes, rv)
		if r.Platform {
			v.PlatformKeys = append(v.PlatformKeys, r.Key)
		}
	}
	return v, nil
}

func newUpstreamView(prefix string, u *topology.Upstream, fl flavour) (upstreamView, error) {
	uv := upstreamView{ID: u.ID, Name: prefix + "_" + u.ID, Scheme: u.Scheme, Zone: u.Zone, Maintenance: u.Maintenance}
	for i, t := range u.Targets {
		tv := targetView{Name: t.Name, Addr: t.Addr(), Drain: t.Drain}
		if u.Scheme == "https" {
			tv.TLSName = u.TLSName
			if t.TLSName != "" {
				tv.TLSName = t.TLSName
			}
			// nginx verifies one name per upstream (proxy_ssl_name); HAProxy one per server.
			if fl == nginxFlavour && i > 0 && tv.TLSName != uv.Servers[0].TLSName {
				return upstreamView{}, fmt.Errorf("targets verify different TLS names (%s: %s, %s: %s); nginx verifies one name per upstream",
					uv.Servers[0].Name, uv.Servers[0].TLSName, t.Name, tv.TLSName)
			}
		}
		uv.Servers = append(uv.Servers, tv)
	}
	if u.Scheme == "https" {
		uv.TLSName = uv.Servers[0].TLSName
	}
	return uv, nil
}

// nginxMapKeywords are the parameters of an nginx map block (notes/proxies.md §6.4).
var nginxMapKeywords = map[string]bool{"default": true, "hostnames": true, "include": true, "volatile": true}

// listenOn is where a listener binds, as each engine writes it: one IP address as given;
// "" all IPv4 addresses (`*`); "::" every IPv4 and IPv6 address, which nginx binds as two
// sockets (its [::] is IPv6 only) and HAProxy as one dual-stack socket (v4v6), whatever
// net.ipv6.bindv6only says. Left to their defaults, nginx would serve "::" to IPv6 clients
// only and HAProxy (bindv6only 0, Debian's) to both: tried with nginx 1.22 and HAProxy 2.6.
func listenOn(addr string, port int) *listenView {
	p := strconv.Itoa(port)
	switch {
	case addr == "":
		return &listenView{Nginx: []string{"*:" + p}, HAProxy: "*:" + p}
	case topology.DualStack(addr):
		return &listenView{Nginx: []string{"*:" + p, "[::]:" + p}, HAProxy: "[::]:" + p + " v4v6"}
	}
	hp := net.JoinHostPort(addr, p)
	return &listenView{Nginx: []string{hp}, HAProxy: hp}
}

// listenView is one listener's address and port: nginx's listen lines, HAProxy's bind.
type listenView struct {
	Nginx   []string
	HAProxy string
}

// haproxySource is an address for HAProxy's source keyword: IPv6 in brackets, or HAProxy
// reads its last group as a port (2.6: `source 2001:db8::9` is refused).
func haproxySource(ip string) string {
	if strings.Contains(ip, ":") {
		return "[" + ip + "]"
	}
	return ip
}

// quotePath double-quotes a file path, which both config languages accept; Plan.Check has
// refused every character that would end the quoting or that either program expands.
func quotePath(p string) string { return `"` + p + `"` }

// quoteHAProxy single-quotes a word (a health-check string) for haproxy.cfg: inside single
// quotes HAProxy expands nothing; Plan.Check allows no quote in it.
func quoteHAProxy(s string) string { return "'" + s + "'" }
