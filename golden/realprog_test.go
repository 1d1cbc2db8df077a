package golden

import (
	"bytes"
	"context"
	"encoding/json"
	"maps"
	"net"
	"net/http"
	"net/netip"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	zonegen "github.com/zonegen/zonegen"
	"github.com/zonegen/zonegen/generators"
	"github.com/zonegen/zonegen/internal/certcheck"
	"github.com/zonegen/zonegen/internal/lab"
	"github.com/zonegen/zonegen/internal/lab/labtest"
	"github.com/zonegen/zonegen/internal/realprog"
	"github.com/zonegen/zonegen/internal/testfs"
	"github.com/zonegen/zonegen/templates"
	"github.com/zonegen/zonegen/topology"
)

// The tests below prove every stored output of every valid case with the program that
// reads it: nginx -t, haproxy -c, dot, ansible-inventory and ansible-playbook
// --syntax-check; then run each case's proxies and pools on loopback (lab) and probe every
// route. Cases run in parallel: every lab takes addresses of its own.

// networkKinds are the outputs a lab runs.
var networkKinds = lab.Kinds

// validCase is a case folder with a stored want/ tree and the Plan its source builds to.
type validCase struct {
	name string
	plan *topology.Plan
}

func (c validCase) want(rel string) string {
	return filepath.Join(c.name, wantDir, filepath.FromSlash(rel))
}

// wantFiles lists the stored files of the case matching glob (relative to want/, slash
// separated), sorted.
func (c validCase) wantFiles(t *testing.T, glob string) []string {
	t.Helper()
	m, err := filepath.Glob(c.want(glob))
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(m)
	return m
}

// validCases builds every case folder that stores a want/ tree; each must still be valid.
func validCases(t *testing.T) []validCase {
	t.Helper()
	names, err := caseNames(".")
	if err != nil {
		t.Fatal(err)
	}
	var cases []validCase
	for _, name := range names {
		if _, err := os.Stat(filepath.Join(name, wantDir)); err != nil {
			continue
		}
		res, err := zonegen.Build(zonegen.Input{Source: filepath.Join(name, sourceFile), PlanOnly: true})
		if err != nil {
			t.Fatalf("%s stores want/ but does not build: %v", name, err)
		}
		cases = append(cases, validCase{name: name, plan: res.Plan})
	}
	if len(cases) == 0 {
		t.Fatal("no valid case folders under golden/")
	}
	return cases
}

// TestStoredConfigsPassTheirPrograms runs nginx -t and haproxy -c on each case's lab copy
// (every name on loopback, where it resolves) and on the stored want/ files as written,
// with only the certificate, CA and map paths pointed at temporary copies.
func TestStoredConfigsPassTheirPrograms(t *testing.T) {
	realprog.Require(t, "nginx")
	realprog.Require(t, "haproxy")
	var storedNginx atomic.Int32
	t.Cleanup(func() {
		if !t.Failed() && storedNginx.Load() == 0 {
			t.Error("no stored nginx file was checked as written: the corpus needs a case whose upstreams are IP addresses")
		}
	})
	for _, c := range validCases(t) {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			if !lab.HasNetwork(c.plan) {
				if n := c.wantFiles(t, "*/proxy/*"); len(n) > 0 {
					t.Fatalf("no proxy in the plan, yet want/ holds %v", n)
				}
				return
			}
			t.Run("lab copy", func(t *testing.T) {
				l := labtest.New(t, c.plan)
				files, err := generators.Run(l.Plan, templates.MustDefault(), networkKinds)
				if err != nil {
					t.Fatal(err)
				}
				if err := l.Check(files); err != nil {
					t.Fatal(err)
				}
			})
			t.Run("as stored", func(t *testing.T) {
				n := checkStored(t, c)
				storedNginx.Add(int32(n))
				t.Logf("nginx -t on %d stored files (listen lines on loopback); the others name hosts that do not resolve here", n)
			})
		})
	}
}

// listenLine matches an nginx listen directive: indentation and "listen ", the address,
// and what follows it.
var listenLine = regexp.MustCompile(`(?m)^(\s*listen\s+)(\S+?)([\s;])`)

// upstreamHost matches an nginx upstream server line: `server HOST:PORT ...;`.
var upstreamHost = regexp.MustCompile(`(?m)^\s*server\s+(\[[^\]]+\]|[^\s:;\[]+):\d+[\s;]`)

// checkStored copies the case's nginx and HAProxy files to a temp folder, pointing the
// certificate, CA (proxies' and pools') and HAProxy map paths of the Plan at test copies, and checks them. It
// returns how many nginx files it checked as written.
//
// nginx resolves upstream names when it reads its config, and the corpus's load balancers
// (lb1.corp.local, ...) do not resolve here: a stored nginx file with a name among its
// upstreams cannot pass nginx -t on this machine, so it is left to the lab copy above, where
// every name is a loopback address. HAProxy starts with such names unresolved
// (init-addr last,libc,none), so every stored HAProxy file is checked as written.
func checkStored(t *testing.T, c validCase) int {
	dir := t.TempDir()
	// Every name nginx or HAProxy resolves in a stored file is a row of its environment's
	// dns.md: HAProxy says which (it cannot resolve them here), nginx's upstream lines name them.
	needDNS := func(file, name string) {
		t.Helper()
		if !dnsNames(t, c, file)[strings.ToLower(name)] {
			t.Errorf("%s resolves %s, which is not a record of its environment's dns.md", file, name)
		}
	}
	ca, err := lab.NewCA("zonegen golden CA")
	if err != nil {
		t.Fatal(err)
	}
	pki := filepath.Join(dir, "pki")
	if err := os.MkdirAll(pki, 0o755); err != nil {
		t.Fatal(err)
	}
	// Deployed path → test copy, longest first so that no path rewrites part of another.
	repl := map[string]string{}
	for _, env := range c.plan.Environments {
		for _, z := range env.Zones {
			if z.Pool() && z.CA != "" {
				repl[z.CA] = filepath.Join(pki, "ca.pem")
			}
		}
		for _, p := range env.Proxies {
			if p.Certificate != "" {
				cert, err := ca.Issue(p.Host)
				if err != nil {
					t.Fatal(err)
				}
				repl[p.Certificate] = filepath.Join(pki, p.ID+".pem")
				if err := cert.WriteFile(repl[p.Certificate]); err != nil {
					t.Fatal(err)
				}
			}
			if p.CA != "" {
				repl[p.CA] = filepath.Join(pki, "ca.pem")
			}
		}
	}
	if err := os.WriteFile(filepath.Join(pki, "ca.pem"), ca.PEM, 0o644); err != nil {
		t.Fatal(err)
	}
	olds := make([]string, 0, len(repl))
	for o := range repl {
		olds = append(olds, o)
	}
	sort.Slice(olds, func(i, j int) bool { return len(olds[i]) > len(olds[j]) })

	copyFile := func(src string) (string, []byte) {
		rel, err := filepath.Rel(filepath.Join(c.name, wantDir), src)
		if err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range olds {
			data = bytes.ReplaceAll(data, []byte(o), []byte(repl[o]))
		}
		dst := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dst, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return dst, data
	}
	for _, m := range c.wantFiles(t, "*/proxy/*.haproxy.map") {
		copyFile(m)
	}

	// Each file is checked on its own, as deployed: a zone's pool runs on its own load
	// balancer (every pool of the corpus binds *:80 unless its address is an IP), and
	// two proxies listening on *:443 run on two machines.
	// A proxy fragment loads after its environment's global settings (tune.bufsize), which
	// hold no listener of their own.
	names := unresolvedNames(c.plan)
	for _, glob := range []string{"*/proxy/*.haproxy.cfg", "*/lb/*.haproxy.cfg"} {
		for _, f := range c.wantFiles(t, glob) {
			if filepath.Base(f) == generators.HAProxyGlobalFile {
				continue
			}
			var before []string
			if global := filepath.Join(filepath.Dir(f), generators.HAProxyGlobalFile); glob == "*/proxy/*.haproxy.cfg" {
				g, _ := copyFile(global)
				before = append(before, g)
			}
			dst, _ := copyFile(f)
			for _, n := range checkHAProxyStored(t, filepath.Join(dir, "run", "haproxy"), dst, names, before...) {
				needDNS(f, n)
			}
		}
	}

	// nginx -t opens every listen socket (test mode too), so the stored *:80, *:443 and
	// 10.x.y.z:443 would need root, free ports and this machine to own the address: listen
	// lines move to free loopback ports, and nothing else changes.
	relisten := func(t *testing.T, file string) {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		// A fresh port per line (lab.FreePort): a port just closed can come back for the
		// next line, and two servers on one port share its ssl flag.
		var lerr error
		data = listenLine.ReplaceAllFunc(data, func(m []byte) []byte {
			port, err := lab.FreePort("127.0.0.1")
			if err != nil {
				lerr = err
				return m
			}
			sub := listenLine.FindSubmatch(m)
			return []byte(string(sub[1]) + net.JoinHostPort("127.0.0.1", strconv.Itoa(port)) + string(sub[3]))
		})
		if lerr != nil {
			t.Fatal(lerr)
		}
		if err := os.WriteFile(file, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	resolvable := func(data []byte) bool {
		for _, m := range upstreamHost.FindAllSubmatch(data, -1) {
			if _, err := netip.ParseAddr(strings.Trim(string(m[1]), "[]")); err != nil {
				return false
			}
		}
		return true
	}
	var settings []string
	checked := 0
	for _, f := range slices.Concat(c.wantFiles(t, "*/proxy/*.nginx.conf"), c.wantFiles(t, "*/lb/*.nginx.conf")) {
		for _, m := range upstreamHost.FindAllStringSubmatch(testfs.ReadFile(t, f), -1) {
			if _, err := netip.ParseAddr(strings.Trim(m[1], "[]")); err != nil {
				needDNS(f, m[1])
			}
		}
	}
	for _, f := range c.wantFiles(t, "*/proxy/*.nginx.conf") {
		dst, data := copyFile(f)
		switch {
		case strings.HasPrefix(filepath.Base(f), "00-"):
			settings = []string{dst} // identical in every environment; nginx takes it once
		case resolvable(data):
			checked++
			relisten(t, dst)
			cfg := lab.NginxConfig{HTTPIncludes: append(slices.Clip(settings), dst)}
			if err := lab.CheckNginx(filepath.Join(dir, "run", "nginx-"+filepath.Base(f)), cfg); err != nil {
				t.Error(err)
			}
		}
	}
	for _, f := range c.wantFiles(t, "*/lb/*.nginx.conf") {
		if dst, data := copyFile(f); resolvable(data) {
			checked++
			relisten(t, dst)
			cfg := lab.NginxConfig{StreamIncludes: []string{dst}}
			if err := lab.CheckNginx(filepath.Join(dir, "run", "nginx-lb-"+filepath.Base(f)), cfg); err != nil {
				t.Error(err)
			}
		}
	}
	return checked
}

// unresolvedNames are the names of the plan a stored config may fail to resolve here: every
// load balancer, zone address, server address and RabbitMQ node that is not an IP literal.
func unresolvedNames(plan *topology.Plan) map[string]bool {
	names := map[string]bool{}
	add := func(n string) {
		if _, err := netip.ParseAddr(n); err != nil && n != "" {
			names[n] = true
		}
	}
	for _, env := range plan.Environments {
		for _, s := range env.Servers {
			add(s.Address)
		}
		for _, z := range env.Zones {
			add(z.LoadBalancer)
			add(z.Address.Value)
		}
		if c := env.CacheInvalidation; c != nil {
			for _, n := range c.Nodes {
				add(n.Host)
			}
		}
	}
	return names
}

// haproxyWarning is one warning line of haproxy -c; resolveWarning the one a name of the
// plan that does not resolve here gives (HAProxy starts anyway: init-addr last,libc,none).
var (
	haproxyWarning = regexp.MustCompile(`(?m)^.*\[(WARNING|ALERT)\].*$`)
	resolveWarning = regexp.MustCompile(`could not resolve address '([^']+)', disabling server\.$`)
)

// checkHAProxyStored runs haproxy -c on the lab's global section and file. Every warning
// fails the check, except a plan name that does not resolve on this machine; it returns
// those names.
func checkHAProxyStored(t *testing.T, dir, file string, names map[string]bool, before ...string) []string {
	t.Helper()
	global, err := lab.WriteHAProxyGlobal(dir, "")
	if err != nil {
		t.Fatal(err)
	}
	args := []string{"-c", "-f", global}
	for _, b := range before {
		args = append(args, "-f", b)
	}
	out, err := exec.Command("haproxy", append(args, "-f", file)...).CombinedOutput()
	if err != nil {
		t.Errorf("haproxy -c %s: %v\n%s", file, err, out)
		return nil
	}
	var unresolved []string
	for _, line := range haproxyWarning.FindAllString(string(out), -1) {
		if m := resolveWarning.FindStringSubmatch(line); m != nil && names[m[1]] {
			unresolved = append(unresolved, m[1])
			continue
		}
		t.Errorf("haproxy -c %s: %s", file, line)
	}
	return unresolved
}

// dnsRow is a row of dns.md: its name.
var dnsRow = regexp.MustCompile("(?m)^\\| \\[ \\] \\| `([^`]+)` \\|")

// dnsNames returns the names dns.md of the environment holding file lists, lower-cased (a
// file of want/<env>/...).
func dnsNames(t *testing.T, c validCase, file string) map[string]bool {
	t.Helper()
	rel, err := filepath.Rel(filepath.Join(c.name, wantDir), file)
	if err != nil {
		t.Fatal(err)
	}
	env, _, _ := strings.Cut(filepath.ToSlash(rel), "/")
	names := map[string]bool{}
	for _, m := range dnsRow.FindAllStringSubmatch(testfs.ReadFile(t, c.want(env+"/dns.md")), -1) {
		names[strings.ToLower(m[1])] = true
	}
	return names
}

// TestTopologyRendersWithDot renders every stored topology.dot to SVG; dot warnings fail.
func TestTopologyRendersWithDot(t *testing.T) {
	realprog.Require(t, "dot")
	for _, c := range validCases(t) {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			dots := c.wantFiles(t, "*/topology.dot")
			if len(dots) != len(c.plan.Environments) {
				t.Fatalf("%d topology.dot files for %d environments", len(dots), len(c.plan.Environments))
			}
			for _, f := range dots {
				var stderr bytes.Buffer
				cmd := exec.Command("dot", "-Tsvg", f)
				cmd.Stderr = &stderr
				svg, err := cmd.Output()
				if err != nil || stderr.Len() > 0 {
					t.Errorf("dot -Tsvg %s: %v\n%s", f, err, stderr.String())
				} else if !bytes.Contains(svg, []byte("<svg")) {
					t.Errorf("dot -Tsvg %s: no SVG", f)
				}
			}
		})
	}
}

// ansible runs an Ansible program with its home, temp folders and working directory in a
// test folder, the Debian ansible's own collections, and warnings made visible as stderr
// (an inventory it cannot parse is an error, not a warning).
func ansible(t *testing.T, name string, args ...string) []byte {
	t.Helper()
	home := t.TempDir()
	cmd := exec.Command(name, args...)
	cmd.Dir = home
	cmd.Env = append(lab.AnsibleEnv(home),
		"ANSIBLE_INVENTORY_UNPARSED_FAILED=true",
		"ANSIBLE_INVENTORY_ANY_UNPARSED_IS_FAILED=true",
	)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil || bytes.Contains(stderr.Bytes(), []byte("WARNING")) || bytes.Contains(stderr.Bytes(), []byte("ERROR")) {
		t.Fatalf("%s %s: %v\n%s%s", name, strings.Join(args, " "), err, out, stderr.String())
	}
	return out
}

// inventoryList is what `ansible-inventory --list` prints.
type inventoryList struct {
	Meta struct {
		HostVars map[string]hostVars `json:"hostvars"`
	} `json:"_meta"`
	Groups map[string]struct {
		Hosts    []string `json:"hosts"`
		Children []string `json:"children"`
	} `json:"-"`
}

type hostsEntry struct {
	Name string `json:"name"`
	Zone string `json:"zone"`
}

type zoneSetting struct {
	Name    string `json:"name"`
	Address string `json:"address"`
	HTTPS   bool   `json:"https"`
}

type hostVars struct {
	AnsibleHost  string        `json:"ansible_host"`
	Environment  string        `json:"zonegen_environment"`
	Roles        []string      `json:"zonegen_roles"`
	Zones        []string      `json:"zonegen_zones"`
	Hosts        []hostsEntry  `json:"zonegen_hosts_entries"`
	Skipped      []hostsEntry  `json:"zonegen_hosts_skipped"`
	ZoneSettings []zoneSetting `json:"zonegen_zone_settings"`
}

// TestAnsibleReadsInventory parses each stored inventory with ansible-inventory (host_vars/
// beside it included) and compares groups and host variables with the Plan.
func TestAnsibleReadsInventory(t *testing.T) {
	realprog.Require(t, "ansible-inventory")
	for _, c := range validCases(t) {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			inv, err := filepath.Abs(c.want("ansible/inventory.yml"))
			if err != nil {
				t.Fatal(err)
			}
			var list inventoryList
			out := ansible(t, "ansible-inventory", "-i", inv, "--list")
			if err := json.Unmarshal(out, &list); err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(out, &list.Groups); err != nil {
				t.Fatal(err)
			}
			assertInventory(t, c.plan, list)
		})
	}
}

// TestAnsiblePlaybookSyntax runs ansible-playbook --syntax-check on every case's site.yml
// with its inventory, with the collections of the Debian ansible package (community.windows,
// ansible.windows). One run takes every playbook and inventory: starting ansible costs most
// of a second, and a syntax check does not read host variables.
func TestAnsiblePlaybookSyntax(t *testing.T) {
	realprog.Require(t, "ansible-playbook")
	args := []string{"--syntax-check"}
	var playbooks []string
	for _, c := range validCases(t) {
		dir, err := filepath.Abs(c.want("ansible"))
		if err != nil {
			t.Fatal(err)
		}
		args = append(args, "-i", filepath.Join(dir, "inventory.yml"))
		playbooks = append(playbooks, filepath.Join(dir, "site.yml"))
	}
	out := string(ansible(t, "ansible-playbook", append(args, playbooks...)...))
	for _, p := range playbooks {
		if !strings.Contains(out, "playbook: "+p+"\n") {
			t.Errorf("ansible-playbook did not check %s:\n%s", p, out)
		}
	}
}

func assertInventory(t *testing.T, plan *topology.Plan, list inventoryList) {
	t.Helper()
	groups := map[string][]string{} // group → hosts, as the Plan says
	var frontend, controller []string
	for _, env := range plan.Environments {
		g := "zonegen_env_" + topology.EnvID(env.Name)
		groups[g] = []string{}
		for _, s := range env.Servers {
			groups[g] = append(groups[g], s.Name)
			if s.Frontend {
				frontend = append(frontend, s.Name)
			}
			if s.Controller {
				controller = append(controller, s.Name)
			}
		}
		for _, z := range env.Zones {
			groups["zonegen_zone_"+topology.ZoneID(env.Name, z.Name)] = slices.Clone(z.Servers)
		}
	}
	groups["zonegen_frontend"], groups["zonegen_controller"] = frontend, controller

	var children []string
	for g := range groups {
		if !strings.HasPrefix(g, "zonegen_env_") {
			children = append(children, g)
		}
	}
	top := list.Groups["zonegen_windows"].Children
	if slices.Sort(children); !slices.Equal(slices.Sorted(slices.Values(top)), children) {
		t.Errorf("groups under zonegen_windows: %v, want %v", top, children)
	}
	for g, want := range groups {
		got := slices.Clone(list.Groups[g].Hosts)
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) && (len(got)+len(want) > 0) {
			t.Errorf("group %s: hosts %v, want %v", g, got, want)
		}
	}

	for _, env := range plan.Environments {
		applier := ""
		for _, s := range env.Servers {
			if s.Controller {
				applier = s.Name
				break
			}
		}
		if applier == "" && len(env.Servers) > 0 {
			applier = env.Servers[0].Name
		}
		for _, s := range env.Servers {
			hv, ok := list.Meta.HostVars[s.Name]
			if !ok {
				t.Errorf("host %s: no host vars", s.Name)
				continue
			}
			var roles []string // sorted, as every list of the inventory
			if s.Controller {
				roles = append(roles, "controller")
			}
			if s.Frontend {
				roles = append(roles, "frontend")
			}
			entries := func(es []topology.HostsEntry) []hostsEntry {
				out := []hostsEntry{}
				for _, e := range es {
					out = append(out, hostsEntry{e.Name, e.Zone})
				}
				return out
			}
			var settings []zoneSetting
			if s.Name == applier {
				for _, z := range env.Zones {
					settings = append(settings, zoneSetting{z.Name, z.Address.Value, z.HTTPSInternal})
				}
			}
			for _, d := range []struct {
				what      string
				got, want any
			}{
				{"ansible_host", hv.AnsibleHost, s.AnsibleHost},
				{"zonegen_environment", hv.Environment, env.Name},
				{"zonegen_roles", hv.Roles, roles},
				{"zonegen_zones", hv.Zones, s.Zones},
				{"zonegen_hosts_entries", hv.Hosts, entries(s.Hosts)},
				{"zonegen_hosts_skipped", hv.Skipped, entries(s.SkippedHosts)},
				{"zonegen_zone_settings", hv.ZoneSettings, settings},
			} {
				if !sameJSON(d.got, d.want) {
					t.Errorf("host %s: %s = %v, want %v", s.Name, d.what, d.got, d.want)
				}
			}
		}
	}
}

// sameJSON compares two values as JSON, where a nil and an empty list are alike.
func sameJSON(a, b any) bool {
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	norm := func(j []byte) string {
		if string(j) == "null" {
			return "[]"
		}
		return string(j)
	}
	return norm(ja) == norm(jb)
}

// TestRoutingEndToEnd runs each case's generated proxies and pools on loopback, in nginx
// and in HAProxy, behind stub front-ends that answer with their own name, and probes every
// route and pool (lab.ProbeProxy, lab.ProbePools); then stops one front-end of a pool and
// proves the pool keeps answering from the rest.
func TestRoutingEndToEnd(t *testing.T) {
	realprog.Require(t, "nginx")
	realprog.Require(t, "haproxy")
	// At most a few labs at once, to bound the processes and memory of the run. (Empty answers
	// from a pool after a front-end stopped were once put down to contention here; the cause
	// was a listening socket a just-forked child still held: lab.closeListener.)
	labs := make(chan struct{}, 2*runtime.GOMAXPROCS(0))
	for _, c := range validCases(t) {
		if !lab.HasNetwork(c.plan) {
			continue
		}
		for _, impl := range []lab.Impl{lab.Nginx, lab.HAProxy} {
			t.Run(c.name+"/"+string(impl), func(t *testing.T) {
				t.Parallel()
				labs <- struct{}{}
				t.Cleanup(func() { <-labs })
				l := labtest.New(t, c.plan)
				files, err := generators.Run(l.Plan, templates.MustDefault(), networkKinds)
				if err != nil {
					t.Fatal(err)
				}
				ctx := context.Background()
				if err := l.StartContext(ctx, files, lab.Options{LB: impl}); err != nil {
					t.Fatal(err)
				}
				// Pools before the proxies start: a proxy's health checks through a zone's
				// load balancer (re-encryption, HAProxy) would move its round robin on.
				probes := l.ProbePools(ctx)
				stop, err := l.StartProxiesContext(ctx, impl)
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() {
					if err := stop(); err != nil {
						t.Error(err)
					}
				})
				probes = append(probes, l.ProbeProxies(ctx)...)
				if len(probes) == 0 {
					t.Fatal("nothing was probed")
				}
				for _, p := range lab.Failures(probes) {
					t.Errorf("%s/%s: %s", p.Env, p.Proxy, p.Detail)
				}
				assertCertificates(t, l)
				if !t.Failed() {
					assertFailover(t, l)
					assertCacheFailover(t, l)
				}
			})
		}
	}
}

// assertCertificates checks the certificate inventory live (`zonegen certificates`) against
// the lab: every certificate the lab runs answers at its inventory endpoint and covers its
// names. External load balancers, addresses the source does not place and RabbitMQ nodes
// (its stand-ins speak plain TCP) are not the lab's.
func assertCertificates(t *testing.T, l *lab.Lab) {
	t.Helper()
	results := certcheck.Check(context.Background(), l.Plan, certcheck.Options{Roots: l.CA.Pool, Warn: time.Hour})
	for _, r := range results {
		if r.Kind != topology.CertExternal && r.Kind != topology.CertOther && r.Kind != topology.CertRabbitMQ && r.Verdict != certcheck.OK {
			t.Errorf("certificates: %s", r.Detail)
		}
	}
}

// assertFailover stops the first front-end of the first pool with two or more and sends the
// pool a round of new connections: every one must be answered by another front-end of the
// zone (HAProxy redispatches, nginx tries the next upstream).
func assertFailover(t *testing.T, l *lab.Lab) {
	t.Helper()
	for _, env := range l.Plan.Environments {
		for _, z := range env.Zones {
			if !z.Pool() || len(z.Servers) < 2 {
				continue
			}
			dead := z.Servers[0]
			if err := l.Backend(env.Name, dead).Stop(); err != nil {
				t.Fatal(err)
			}
			ep := lab.PoolEndpoint(z, false)
			for range 2 * len(z.Servers) {
				resp, err := l.Client("").Do(context.Background(), ep, lab.Request{Target: "/", Host: z.Address.Value})
				if err != nil {
					t.Fatalf("pool %s/%s with %s down: %v\npool log:\n%s", env.Name, z.Name, dead, err, l.LBProcess().Output())
				}
				if resp.Status != http.StatusOK || resp.Echo == nil || resp.Echo.Server == dead || !slices.Contains(z.Servers, resp.Echo.Server) {
					t.Fatalf("pool %s/%s with %s down: %d %q, want another front-end of the zone", env.Name, z.Name, dead, resp.Status, resp.Body)
				}
			}
			return
		}
	}
}

// assertCacheFailover stops the first RabbitMQ node of each cache-invalidation pool with two
// or more and opens a round of new connections: another node must answer every one
// (cache-invalidation/high-availability.md: the pool makes a node's failure harmless).
func assertCacheFailover(t *testing.T, l *lab.Lab) {
	t.Helper()
	for _, env := range l.Plan.Environments {
		nodes := l.CacheNodes(env.Name)
		if len(nodes) < 2 {
			continue
		}
		dead := nodes[0]
		if err := dead.Stop(); err != nil {
			t.Fatal(err)
		}
		for range 2 * len(nodes) {
			got, err := l.CacheAnswer(context.Background(), env)
			if err != nil {
				t.Fatalf("cache-invalidation pool of %s with %s down: %v\npool log:\n%s", env.Name, dead.Name, err, l.LBProcess().Output())
			}
			if got == dead.Name || !slices.ContainsFunc(nodes, func(n *lab.CacheNode) bool { return n.Name == got }) {
				t.Fatalf("cache-invalidation pool of %s with %s down: answered by %q, want another node", env.Name, dead.Name, got)
			}
		}
	}
}

// keepalivedInterface matches the interface names of a keepalived file: `interface X` and
// `dev X`.
var keepalivedInterface = regexp.MustCompile(`(?m)(?:\binterface|\bdev) (\S+)`)

// TestStoredKeepalivedFilesPassKeepalived runs keepalived --config-test on each machine's
// stored keepalived files together, as written, read through generators.KeepalivedMain. keepalived refuses an interface that does not
// exist, so it runs in a network namespace of its own (unshare -rn, gone when it exits)
// that has each interface the files name, as one end of a veth pair.
func TestStoredKeepalivedFilesPassKeepalived(t *testing.T) {
	keepalived := realprog.Require(t, "keepalived")
	unshare := realprog.Require(t, "unshare")
	if err := exec.Command(unshare, "-rn", "true").Run(); err != nil {
		t.Skipf("unshare -rn: %v: no network namespace for keepalived here", err) // a privilege, not a program
	}
	checked := 0
	for _, c := range validCases(t) {
		machines := map[string][]string{} // machine → its files, relative to want/
		for _, env := range c.plan.Environments {
			add := func(part, owner string, f *topology.Failover) {
				for _, m := range f.Machines {
					machines[m.Name] = append(machines[m.Name], generators.KeepalivedFile(env.Name, part, owner, m.Name))
				}
			}
			for _, z := range env.Zones {
				if z.Failover != nil {
					add("lb", z.Name, z.Failover)
				}
			}
			for _, p := range env.Proxies {
				if p.Failover != nil {
					add("proxy", p.Name, p.Failover)
				}
			}
			if c := env.CacheInvalidation; c != nil && c.Failover != nil {
				add("lb", topology.CachePoolName, c.Failover)
			}
		}
		var stored, planned []string
		for _, f := range c.wantFiles(t, "*/*/*.keepalived.conf") {
			rel, _ := filepath.Rel(filepath.Join(c.name, wantDir), f)
			stored = append(stored, filepath.ToSlash(rel))
		}
		for _, fs := range machines {
			planned = append(planned, fs...)
		}
		sort.Strings(planned)
		if !slices.Equal(stored, planned) {
			t.Errorf("%s: want/ holds keepalived files %v, the plan's failover addresses %v", c.name, stored, planned)
			continue
		}
		for _, m := range slices.Sorted(maps.Keys(machines)) {
			dir := t.TempDir()
			ifaces := map[string]bool{}
			for _, rel := range machines[m] {
				data, err := os.ReadFile(c.want(rel))
				if err != nil {
					t.Fatal(err)
				}
				for _, sub := range keepalivedInterface.FindAllSubmatch(data, -1) {
					ifaces[string(sub[1])] = true
				}
				dst := filepath.Join(dir, "zonegen", filepath.FromSlash(rel))
				if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(dst, data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			main := filepath.Join(dir, "keepalived.conf")
			if err := os.WriteFile(main, []byte(generators.KeepalivedMain(filepath.Join(dir, "zonegen"))), 0o644); err != nil {
				t.Fatal(err)
			}
			script := "set -e\n"
			for i, name := range slices.Sorted(maps.Keys(ifaces)) {
				script += "ip link add " + name + " type veth peer name zgpeer" + strconv.Itoa(i) + "\n"
			}
			script += `exec "$0" --config-test -f "$1"` + "\n"
			out, err := exec.Command(unshare, "-rn", "sh", "-c", script, keepalived, main).CombinedOutput()
			if err != nil || len(bytes.TrimSpace(out)) > 0 {
				t.Errorf("%s: machine %s: keepalived --config-test: %v\n%s", c.name, m, err, out)
			}
			checked++
		}
	}
	if checked == 0 {
		t.Error("no stored keepalived file was checked: the corpus needs a case with a failover address")
	}
}

// TestDualStackListeners runs a proxy listening on "::" in the real nginx and HAProxy and
// asks it over IPv4 and IPv6 loopback: both engines must answer on both (generators.listenOn;
// left to their defaults, nginx would refuse IPv4 there and HAProxy take it). The proxy
// answers the request itself (404), and its front-end is on loopback (HAProxy checks it), so
// no traffic leaves the machine; the ports are outside
// the kernel's ephemeral range, which every lab's FreePort draws from, so no parallel test
// takes them between the check and the bind.
func TestDualStackListeners(t *testing.T) {
	realprog.Require(t, "nginx")
	realprog.Require(t, "haproxy")
	if ln, err := net.Listen("tcp6", "[::1]:0"); err != nil {
		t.Skipf("no IPv6 loopback here: %v", err) // a capability of the machine, not a program
	} else {
		ln.Close()
	}
	port := 0
	for p := 20000 + os.Getpid()%5000; p < 32000 && port == 0; p += 7 {
		if ln, err := net.Listen("tcp", "[::]:"+strconv.Itoa(p)); err == nil {
			ln.Close()
			port = p
		}
	}
	if port == 0 {
		t.Fatal("no free port below the ephemeral range")
	}
	src := `{"name": "acme", "environments": {"prod": {"purpose": "production", "hostname": "www.acme.test",
	  "servers": {"fe1": {"address": "127.0.0.1", "roles": ["frontend", "controller"], "tls": false,
	    "ports": {"http": ` + strconv.Itoa(port+1) + `, "https": ` + strconv.Itoa(port+2) + `}}},
	  "zones": {"Global": {"allServers": true}}, "apps": {"Orders": {}},
	  "proxies": {"www": {"host": "www.acme.test", "tls": "none", "egress": "10.0.3.100",
	    "listen": {"address": "::", "http": ` + strconv.Itoa(port) + `}}}}}}`
	plan, report := topology.Load([]byte(src), "dual.json")
	if err := report.Err(); err != nil {
		t.Fatal(err)
	}
	files, err := generators.Run(plan, templates.MustDefault(), []string{"nginx-proxy", "haproxy-proxy"})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	path := func(rel string) string { return filepath.Join(dir, filepath.FromSlash(rel)) }
	for _, f := range files {
		if err := os.MkdirAll(filepath.Dir(path(f.Path)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path(f.Path), f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	proxyDir := "prod/proxy/"
	engines := map[string]func() (*lab.Process, error){
		"nginx": func() (*lab.Process, error) {
			return lab.StartNginx(filepath.Join(dir, "nginx"), lab.NginxConfig{HTTPIncludes: []string{
				path(proxyDir + generators.NginxHTTPSettingsFile), path(proxyDir + "www.nginx.conf")}})
		},
		"haproxy": func() (*lab.Process, error) {
			return lab.StartHAProxy(filepath.Join(dir, "haproxy"), path(proxyDir+generators.HAProxyGlobalFile), path(proxyDir+"www.haproxy.cfg"))
		},
	}
	for _, name := range []string{"nginx", "haproxy"} {
		p, err := engines[name]()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		t.Cleanup(func() { _ = p.Stop() }) // also when the test fails; Stop is idempotent
		addrs := []string{net.JoinHostPort("127.0.0.1", strconv.Itoa(port)), net.JoinHostPort("::1", strconv.Itoa(port))}
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		err = p.WaitListening(ctx, addrs...)
		cancel()
		if err != nil {
			t.Fatalf("%s on \"::\": %v", name, err)
		}
		for _, a := range addrs {
			resp, err := (&lab.Client{}).Do(context.Background(), lab.Endpoint{Addr: a}, lab.Request{Target: "/nope", Host: "www.acme.test"})
			if err != nil || resp.Status != http.StatusNotFound || string(resp.Body) != lab.BodyNoRoute {
				t.Errorf("%s on \"::\", asked at %s: %v %+v, want its 404", name, a, err, resp)
			}
		}
		if err := p.Stop(); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}
