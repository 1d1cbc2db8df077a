package generators

import (
	"fmt"
	"net"
	"net/netip"
	"path"
	"regexp"
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

func init() {
	Register(Generator{
		Kind:     "nginx-proxy",
		Doc:      "nginx reverse proxy per proxy (http{} include): upstreams, route map, servers",
		Generate: generateNginxProxy,
	})
	Register(Generator{
		Kind:     "haproxy-proxy",
		Doc:      "HAProxy reverse proxy per proxy: frontend and backends, plus the route map file",
		Generate: generateHAProxyProxy,
	})
}

// NginxHTTPSettingsFile is the per-environment file holding the http{}-wide settings the
// proxies need. nginx allows map_hash_max_size once per http{} and only before the first
// map, so it cannot live in the per-proxy files when several proxies share one nginx. The
// leading "00-" sorts it first in conf.d/; proxy names start with a letter, so it never
// collides with one.
const NginxHTTPSettingsFile = "00-zonegen-http.nginx.conf"

// Response bodies shared by both proxies, so that a client cannot tell them apart.
const (
	bodyBadPath   = "bad path"
	bodyNoRoute   = "no route"
	bodyForbidden = "forbidden"
)

type proxyView struct {
	Plan  *topology.Plan
	Env   *topology.EnvPlan
	Proxy *topology.ProxyPlan
	// Prefix starts every name shared with other proxies in one nginx or HAProxy.
	Prefix      string
	HTTPListen  string // "" when there is no HTTP listener
	HTTPSListen string // "" when there is no HTTPS listener
	TLS         bool   // clients talk HTTPS (offload, reencrypt); the HTTP listener redirects
	Redirect    string // https://host[:port] for the HTTP listener
	Certificate string // quoted
	CA          string // quoted; "" when no upstream is https
	MapFile     string // HAProxy map path, quoted for a sample-expression argument
	Upstreams   []upstreamView
	Routes      []routeView
	// PlatformKeys are the map keys of platform routes, sorted; Allow their CIDRs.
	PlatformKeys []string
	Allow        []string
	Bodies       map[string]string
}

type upstreamView struct {
	ID      string // Upstream.ID
	Name    string // Prefix + "_" + ID: the nginx upstream{} and the HAProxy backend
	Scheme  string
	TLSName string // nginx: the one name verified for every target
	Zone    string
	Servers []targetView
}

type targetView struct {
	Name    string
	Addr    string // host:port, IPv6 in brackets
	TLSName string // HAProxy: the name verified for this target
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
	for _, env := range plan.Environments {
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

// newProxyView checks everything that ends up in a config file and shapes it for the
// templates. The topology stage validates names already; the checks here make sure that a
// value that slipped through can never inject configuration (notes/proxies.md §6.4).
func newProxyView(plan *topology.Plan, env *topology.EnvPlan, p *topology.ProxyPlan, fl flavour) (*proxyView, error) {
	if !configID.MatchString(p.ID) || !serverName.MatchString(p.Name) {
		return nil, fmt.Errorf("proxy ID %q or name is not config-safe", p.ID)
	}
	if !dnsName.MatchString(p.Host) {
		return nil, fmt.Errorf("host %q is not a DNS name", p.Host)
	}
	v := &proxyView{
		Plan:   plan,
		Env:    env,
		Proxy:  p,
		Prefix: "zg_" + p.ID,
		Allow:  []string{},
		Bodies: map[string]string{"BadPath": bodyBadPath, "NoRoute": bodyNoRoute, "Forbidden": bodyForbidden},
	}

	switch p.TLS {
	case "none":
		if p.Listen.HTTP == 0 {
			return nil, fmt.Errorf("tls none needs an HTTP listener")
		}
	case "offload", "reencrypt":
		if p.Listen.HTTPS == 0 {
			return nil, fmt.Errorf("tls %s needs an HTTPS listener", p.TLS)
		}
		v.TLS = true
		cert, err := quotePath(p.Certificate)
		if err != nil {
			return nil, fmt.Errorf("certificate: %w", err)
		}
		v.Certificate = cert
		v.HTTPSListen = listenAddr(p.Listen.Address, p.Listen.HTTPS)
		v.Redirect = "https://" + p.Host
		if p.Listen.HTTPS != 443 {
			v.Redirect += ":" + strconv.Itoa(p.Listen.HTTPS)
		}
	default:
		return nil, fmt.Errorf("unknown tls mode %q", p.TLS)
	}
	if p.Listen.Address != "" {
		if _, err := netip.ParseAddr(p.Listen.Address); err != nil {
			return nil, fmt.Errorf("listen address %q is not an IP address", p.Listen.Address)
		}
	}
	if p.Listen.HTTP != 0 {
		v.HTTPListen = listenAddr(p.Listen.Address, p.Listen.HTTP)
	}

	upstreams := map[string]bool{}
	anyHTTPS := false
	for _, u := range p.Upstreams {
		uv, err := newUpstreamView(v.Prefix, u, fl)
		if err != nil {
			return nil, fmt.Errorf("upstream %s: %w", u.ID, err)
		}
		anyHTTPS = anyHTTPS || u.Scheme == "https"
		upstreams[u.ID] = true
		v.Upstreams = append(v.Upstreams, uv)
	}
	if anyHTTPS {
		ca, err := quotePath(p.CA)
		if err != nil {
			return nil, fmt.Errorf("ca (verifies the https upstreams): %w", err)
		}
		v.CA = ca
	}
	if fl == haproxyFlavour {
		m, err := quotePath(haproxyMapRef(env.Name, p.Name))
		if err != nil {
			return nil, fmt.Errorf("haproxy map: %w", err)
		}
		v.MapFile = m
	}

	for i, r := range p.Routes {
		if !routeKey.MatchString(r.Key) {
			return nil, fmt.Errorf("route %q: key %q is not a lower-case path segment", r.Path, r.Key)
		}
		if i > 0 && p.Routes[i-1].Key >= r.Key {
			return nil, fmt.Errorf("routes are not sorted by unique key at %q", r.Key)
		}
		if !upstreams[r.Upstream] {
			return nil, fmt.Errorf("route %q names unknown upstream %q", r.Path, r.Upstream)
		}
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
	for _, a := range p.Allow {
		pfx, err := parseCIDR(a)
		if err != nil {
			return nil, fmt.Errorf("allow: %w", err)
		}
		v.Allow = append(v.Allow, pfx.String())
	}
	return v, nil
}

func newUpstreamView(prefix string, u *topology.Upstream, fl flavour) (upstreamView, error) {
	if !configID.MatchString(u.ID) {
		return upstreamView{}, fmt.Errorf("ID is not config-safe")
	}
	if len(u.Targets) == 0 {
		return upstreamView{}, fmt.Errorf("zone %s has no targets", u.Zone)
	}
	uv := upstreamView{ID: u.ID, Name: prefix + "_" + u.ID, Scheme: u.Scheme, Zone: u.Zone}
	switch u.Scheme {
	case "http":
	case "https":
		uv.TLSName = u.TLSName
	default:
		return upstreamView{}, fmt.Errorf("unknown scheme %q", u.Scheme)
	}
	for i, t := range u.Targets {
		if !hostName(t.Host) {
			return upstreamView{}, fmt.Errorf("target %s: host %q is not a host name or IP address", t.Name, t.Host)
		}
		if t.Port <= 0 || t.Port > 65535 {
			return upstreamView{}, fmt.Errorf("target %s: port %d out of range", t.Name, t.Port)
		}
		if !serverName.MatchString(t.Name) {
			return upstreamView{}, fmt.Errorf("target name %q is not config-safe", t.Name)
		}
		tv := targetView{Name: t.Name, Addr: net.JoinHostPort(t.Host, strconv.Itoa(t.Port))}
		if u.Scheme == "https" {
			tv.TLSName = u.TLSName
			if t.TLSName != "" {
				tv.TLSName = t.TLSName
			}
			if !hostName(tv.TLSName) {
				return upstreamView{}, fmt.Errorf("target %s: TLS name %q is not a host name or IP address", t.Name, tv.TLSName)
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

var (
	// configID is what Plan IDs are made of: safe in nginx and HAProxy names and variables.
	configID = regexp.MustCompile(`^[a-z0-9][a-z0-9_]{0,127}$`)
	// routeKey is a lower-cased module or platform path segment.
	routeKey = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{0,127}$`)
	// serverName is a server (or zone) name as used for HAProxy server names.
	serverName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,252}$`)
	// dnsName is an RFC 1123 host name.
	dnsName = regexp.MustCompile(`^(?i:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(?:\.(?i:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?))*$`)
	// nginxMapKeywords are the parameters of an nginx map block (notes/proxies.md §6.4).
	nginxMapKeywords = map[string]bool{"default": true, "hostnames": true, "include": true, "volatile": true}
)

// hostName reports whether s is a DNS name or an IP literal.
func hostName(s string) bool {
	if _, err := netip.ParseAddr(s); err == nil {
		return true
	}
	return dnsName.MatchString(s)
}

// listenAddr is an nginx listen / HAProxy bind address; "" means every IPv4 address, which
// both write as "*:port".
func listenAddr(addr string, port int) string {
	if addr == "" {
		return "*:" + strconv.Itoa(port)
	}
	return net.JoinHostPort(addr, strconv.Itoa(port))
}

// quotePath double-quotes a file path, which both config languages accept. It refuses
// characters that would end the quoting or that either program expands: nginx reads `$` in ssl_certificate as a
// variable, HAProxy expands `${...}` in double quotes and ends a word at a quote.
func quotePath(p string) (string, error) {
	if p == "" {
		return "", fmt.Errorf("no file given")
	}
	if strings.ContainsAny(p, "\"'\\$`") || strings.IndexFunc(p, func(r rune) bool { return r < 0x20 || r == 0x7f }) >= 0 {
		return "", fmt.Errorf("path %q holds a quote, backslash, $ or control character", p)
	}
	return `"` + p + `"`, nil
}

// quoteHAProxy quotes a free-form word (a health-check string) for haproxy.cfg: inside
// single quotes HAProxy expands and escapes nothing, so only a single quote needs care.
func quoteHAProxy(s string) (string, error) {
	if strings.IndexFunc(s, func(r rune) bool { return r < 0x20 || r == 0x7f }) >= 0 {
		return "", fmt.Errorf("%q holds a control character", s)
	}
	return "'" + strings.ReplaceAll(s, "'", `'"'"'`) + "'", nil
}

// parseCIDR accepts a CIDR or a bare address (a /32 or /128).
func parseCIDR(s string) (netip.Prefix, error) {
	if pfx, err := netip.ParsePrefix(s); err == nil {
		return pfx.Masked(), nil
	}
	a, err := netip.ParseAddr(s)
	if err != nil {
		return netip.Prefix{}, fmt.Errorf("%q is neither a CIDR nor an IP address", s)
	}
	return netip.PrefixFrom(a, a.BitLen()), nil
}
