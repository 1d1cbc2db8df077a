package golden

import (
	"flag"
	"fmt"
	"net/netip"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/zonegen/zonegen/generators"
	"github.com/zonegen/zonegen/internal/lab"
	"github.com/zonegen/zonegen/internal/realprog"
	"github.com/zonegen/zonegen/templates"
	"github.com/zonegen/zonegen/topology"
)

var (
	seed       = flag.Uint64("seed", 1, "seed of the random sources: the same seed draws the same sources")
	topologies = flag.Int("topologies", 300, "how many random sources to draw and check")
)

// outsider is a client address in no allow list the generator draws (TEST-NET-1).
var outsider = netip.MustParseAddr("192.0.2.1")

// proxyKinds are the outputs nginx -t and haproxy -c read.
var proxyKinds = lab.Kinds

// TestRandomTopologies draws random valid sources and checks, for each, that it loads with
// no error, that every output renders, that the proxy and pool configs pass nginx -t and
// haproxy -c, and that the routing table is the one the source describes (R6): every module
// of every app in a published zone reaches that zone in any letter case, a zone the proxy
// does not publish gets 404, /<module>x never matches /<module>, refused paths get 400 and
// platform paths answer only where and for whom the source says.
func TestRandomTopologies(t *testing.T) {
	realprog.Require(t, "nginx")
	realprog.Require(t, "haproxy")
	tpl := templates.MustDefault()
	for i := range *topologies {
		t.Run(fmt.Sprintf("t%03d", i), func(t *testing.T) {
			t.Parallel()
			g := newGen(*seed, uint64(i))
			src := g.Source()
			data := src.JSON()
			t.Cleanup(func() {
				if t.Failed() {
					t.Logf("reproduce: go test ./golden -run 'TestRandomTopologies/t%03d$' -seed=%d\nsource:\n%s", i, *seed, data)
				}
			})
			plan, report := topology.Load(data, "random.jsonnet")
			if !report.OK() {
				t.Fatalf("the generator drew an invalid source (fix the generator): %v", report.Err())
			}
			checkRoutes(t, g, src, plan)
			if _, err := generators.Run(plan, tpl, nil); err != nil {
				t.Fatalf("a valid source does not render: %v", err)
			}
			checkConfigs(t, plan, tpl)
			checkInventory(t, plan)
		})
	}
}

// checkInventory holds the certificate inventory (topology.Plan.Certificates) to its shape:
// every TLS proxy has its certificate, for its host; every certificate answers somewhere, on
// a host and a real port; its names are set and listed once, each with a reason; and the
// inventory is the same when asked twice.
func checkInventory(t *testing.T, plan *topology.Plan) {
	t.Helper()
	for _, e := range plan.Environments {
		certs := plan.Certificates(e)
		if again := plan.Certificates(e); fmt.Sprint(again) != fmt.Sprint(certs) {
			t.Fatalf("%s: the certificate inventory differs when asked twice", e.Name)
		}
		for _, px := range e.Proxies {
			i := slices.IndexFunc(certs, func(c topology.Certificate) bool { return c.Presenter == "proxy "+px.Name })
			switch {
			case px.TLS == topology.TLSNone && i >= 0:
				t.Errorf("%s: proxy %s has no TLS listener, yet a certificate", e.Name, px.Name)
			case px.TLS != topology.TLSNone && (i < 0 || !slices.ContainsFunc(certs[i].Names, func(n topology.CertName) bool { return n.Name == px.Host })):
				t.Errorf("%s: proxy %s's certificate for %s is not in the inventory", e.Name, px.Name, px.Host)
			}
		}
		for _, c := range certs {
			if len(c.Endpoints) == 0 {
				t.Errorf("%s: %s answers nowhere", e.Name, c.Presenter)
			}
			for _, ep := range c.Endpoints {
				if ep.Host == "" || ep.Port < 1 || ep.Port > 65535 {
					t.Errorf("%s: %s answers at %q", e.Name, c.Presenter, ep.Addr())
				}
			}
			seen := map[string]bool{}
			for _, n := range c.Names {
				if n.Name == "" || len(n.Why) == 0 || seen[strings.ToLower(n.Name)] {
					t.Errorf("%s: %s: name %q (reasons %q) is empty, unexplained or listed twice", e.Name, c.Presenter, n.Name, n.Why)
				}
				seen[strings.ToLower(n.Name)] = true
			}
		}
	}
}

// checkRoutes compares plan.Route with what the source model says.
func checkRoutes(t *testing.T, g *gen, src *source, plan *topology.Plan) {
	t.Helper()
	for _, e := range src.Envs {
		for _, p := range e.Proxies {
			var source netip.Addr // of the last route: a zone in maintenance admits only its allow list
			route := func(rawPath string, from netip.Addr) *topology.RouteResult {
				t.Helper()
				source = from
				res, err := plan.Route("https://"+g.randomCase(p.Host)+rawPath, e.Name, from)
				if err != nil {
					t.Fatalf("route %s%s: %v", p.Host, rawPath, err)
				}
				if res.Proxy.Name != p.Name {
					t.Fatalf("route %s%s: answered by proxy %s, want %s", p.Host, rawPath, res.Proxy.Name, p.Name)
				}
				return res
			}
			want := func(res *topology.RouteResult, status int, zone, what string) {
				t.Helper()
				if status == 200 {
					status = e.status(zone, source) // a zone in maintenance answers 503
				}
				if res.Status != status || status == 200 && res.Zone.Name != zone {
					got := ""
					if res.Zone != nil {
						got = res.Zone.Name
					}
					t.Fatalf("proxy %s, %s: status %d zone %q, want %d zone %q (%s)", p.Name, what, res.Status, got, status, zone, res.Reason)
				}
			}

			published := e.published(p)
			keys := map[string]bool{} // lower-case first segments the proxy routes
			for _, a := range e.Apps {
				if slices.Contains(published, a.zone()) {
					for _, m := range a.modules() {
						keys[strings.ToLower(m)] = true
					}
				}
			}
			platform := platformPaths
			if e.Purpose == "lifetime" {
				platform = append(slices.Clone(platformPaths), lifetimePaths...)
			}
			// System Components: routed to Service Center's zone, open to everyone, by a proxy
			// that routes an app or the LifeTime console.
			system := len(keys) > 0 || p.Platform && e.Purpose == "lifetime"
			if system {
				for _, m := range systemModules {
					keys[strings.ToLower(m)] = true
				}
			}
			if p.Platform || p.LifeTimeVia {
				for _, pp := range platform {
					keys[strings.ToLower(pp)] = true
				}
			}
			for _, m := range systemModules {
				if system {
					want(route("/"+g.randomCase(m)+"/x", outsider), 200, e.scZone(), "System Component /"+m)
				} else {
					want(route("/"+m+"/x", outsider), 404, "", "System Component /"+m+" on a proxy without apps")
				}
			}

			for _, a := range e.Apps {
				for _, m := range a.modules() {
					mod := g.randomCase(m)
					res := route("/"+mod+"/x", outsider)
					if slices.Contains(published, a.zone()) {
						want(res, 200, a.zone(), "module /"+mod+" of app "+a.Name)
						if res.Route.App != a.Name {
							t.Fatalf("proxy %s, module /%s: app %q, want %q", p.Name, mod, res.Route.App, a.Name)
						}
					} else {
						want(res, 404, "", "module /"+mod+" of unpublished zone "+a.zone())
					}
					if !keys[strings.ToLower(m+"x")] {
						want(route("/"+m+"x/y", outsider), 404, "", "/"+m+"x")
					}
					want(route("/"+m+"/../x", outsider), 400, "", "a dot segment")
					want(route("/"+m+"%2Fx", outsider), 400, "", "an encoded slash")
				}
			}

			// Platform paths: only a platform proxy routes them, to Service Center's zone,
			// and only for its allow list.
			var allowed netip.Addr
			for _, px := range plan.Env(e.Name).Proxies {
				if px.Name == p.Name && len(px.Allow) > 0 {
					allowed = netip.MustParsePrefix(px.Allow[0]).Addr()
				}
			}
			for _, pp := range platform {
				what := "platform path /" + pp
				if !p.Platform && !p.LifeTimeVia {
					want(route("/"+pp+"/x", outsider), 404, "", what)
					continue
				}
				want(route("/"+g.randomCase(pp)+"/x", outsider), 403, "", what+" from an outsider")
				if allowed.IsValid() {
					want(route("/"+g.randomCase(pp)+"/x", allowed), 200, e.scZone(), what+" from "+allowed.String())
				}
			}
		}
	}
}

// checkConfigs moves the plan to loopback with the lab (real certificates, addresses that
// need no DNS), renders the proxy and pool configs and checks them with the real programs:
// nginx -t over every nginx file (proxies in http{}, pools in stream{}), haproxy -c over
// every HAProxy file, one run each per source.
func checkConfigs(t *testing.T, plan *topology.Plan, tpl *templates.Set) {
	t.Helper()
	l, err := lab.New(plan, t.TempDir())
	if err != nil {
		t.Fatalf("lab: %v", err)
	}
	dir := l.Dir
	defer func() {
		if err := l.Close(); err != nil {
			t.Error(err)
		}
	}()
	files, err := generators.Run(l.Plan, tpl, proxyKinds)
	if err != nil {
		t.Fatalf("render the loopback plan: %v", err)
	}
	var settings, nginxHTTP, nginxStream, haproxy []string
	for _, f := range files {
		// lab.New points HAProxy map paths at dir/files/<path>.
		p := filepath.Join(dir, "files", filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
		folder, base := path.Base(path.Dir(f.Path)), path.Base(f.Path)
		switch {
		case base == generators.NginxHTTPSettingsFile:
			settings = append(settings, p) // identical per environment; nginx takes them once
		case folder == "proxy" && strings.HasSuffix(base, ".nginx.conf"):
			nginxHTTP = append(nginxHTTP, p)
		case folder == "lb" && strings.HasSuffix(base, ".nginx.conf"):
			nginxStream = append(nginxStream, p)
		case strings.HasSuffix(base, ".haproxy.cfg"):
			haproxy = append(haproxy, p)
		}
	}
	if len(settings) > 0 {
		nginxHTTP = append(settings[:1], nginxHTTP...)
	}
	if len(nginxHTTP)+len(nginxStream) > 0 {
		cfg := lab.NginxConfig{HTTPIncludes: nginxHTTP, StreamIncludes: nginxStream}
		if err := lab.CheckNginx(filepath.Join(dir, "run", "nginx"), cfg); err != nil {
			t.Error(err)
		}
	}
	if len(haproxy) > 0 {
		if err := lab.CheckHAProxy(filepath.Join(dir, "run", "haproxy"), haproxy...); err != nil {
			t.Error(err)
		}
	}
}

// randomCase changes the case of some letters: IIS paths and DNS names are
// case-insensitive, and so must routing be.
func (g *gen) randomCase(s string) string {
	b := []byte(s)
	for i, c := range b {
		if g.chance(0.5) {
			switch {
			case c >= 'a' && c <= 'z':
				b[i] = c - 'a' + 'A'
			case c >= 'A' && c <= 'Z':
				b[i] = c - 'A' + 'a'
			}
		}
	}
	return string(b)
}
