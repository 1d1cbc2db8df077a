package generators_test

import (
	"context"
	"encoding/json"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/zonegen/zonegen/generators"
	"github.com/zonegen/zonegen/generators/hostsfile"
	"github.com/zonegen/zonegen/internal/lab"
	"github.com/zonegen/zonegen/internal/realprog"
	"github.com/zonegen/zonegen/internal/testfs"
	"github.com/zonegen/zonegen/templates"
	"github.com/zonegen/zonegen/topology"
)

// deploySource has two environments whose proxies share one nginx machine (edge), with a
// monitoring endpoint, and whose pools run in one HAProxy machine (pool); prod's www
// balances over its zones' pools.
const deploySource = `{
  "name": "acme",
  "environments": {
    "prod": {
      "purpose": "production",
      "servers": {"prod-dc": {"address": "10.0.3.5", "roles": ["controller"]},
                  "p1": {"address": "10.0.3.11"}, "p2": {"address": "10.0.3.12"}, "p3": {"address": "10.0.3.13"}},
      "machines": {"edge": {"address": "10.0.3.100", "engine": "nginx", "monitoring": {"allow": ["10.0.50.0/24"]}},
                   "pool": {"address": "10.0.3.101", "engine": "haproxy"}},
      "zones": {"Global": {"allServers": true, "loadBalancer": "prod-lb0.acme.test", "lbMachines": ["pool"], "listen": {"address": "10.0.3.2"},
                           "httpsInternal": true, "localCertificate": true},
                "DZ1": {"servers": ["p3"], "loadBalancer": "prod-lb1.acme.test", "lbMachines": ["pool"]}},
      "apps": {"Orders": {"zone": "Global"}, "Sales": {"zone": "DZ1"}},
      "proxies": {"www": {"host": "www.acme.test", "machines": ["edge"]}}
    },
    "qa": {
      "purpose": "quality",
      "servers": {"q1": {"address": "10.0.2.11"}},
      "apps": {"Orders": {}},
      "proxies": {"www": {"host": "qa.acme.test", "machines": ["edge"]}}
    }
  }
}`

// deployRig is one Ansible deployment to this machine (lab.Deploy): the generated tree of
// the lab's plan, one nginx (edge) and one HAProxy (pool) from a temporary prefix, and the
// stub front-ends.
type deployRig struct {
	t   *testing.T
	lab *lab.Lab
	dep *lab.Deployment
}

func newDeployRig(t *testing.T) *deployRig { return newDeployRigOf(t, deploySource) }

// newDeployRigOf is newDeployRig of another source.
func newDeployRigOf(t *testing.T, source string) *deployRig {
	realprog.Require(t, "ansible-playbook")
	realprog.Require(t, "nginx")
	realprog.Require(t, "haproxy")
	realprog.Require(t, "openssl") // the role's certificate check runs it on the machine
	plan, report := topology.Load([]byte(source), "infra.jsonnet")
	if err := report.Err(); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	l, err := lab.New(plan, filepath.Join(dir, "lab"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = l.Close() })
	if err := l.StartFrontEnds(lab.HAProxy); err != nil {
		t.Fatal(err)
	}
	dep, err := l.Deploy(context.Background(), filepath.Join(dir, "deploy"))
	if err != nil {
		t.Fatal(err)
	}
	r := &deployRig{t: t, lab: l, dep: dep}
	r.generate()
	return r
}

// generate writes the tree of the lab's plan (as it is now) afresh.
func (r *deployRig) generate() {
	r.t.Helper()
	files, err := generators.Run(r.lab.Plan, templates.MustDefault(), nil)
	if err != nil {
		r.t.Fatal(err)
	}
	if err := r.dep.Generate(files); err != nil {
		r.t.Fatal(err)
	}
}

// play runs site.yml; it returns the output and whether the run succeeded.
func (r *deployRig) play(args ...string) (string, bool) {
	r.t.Helper()
	out, err := r.dep.Play(context.Background(), args...)
	return out, err == nil
}

// mustPlay is play that fails the test when the run fails.
func (r *deployRig) mustPlay(what string, args ...string) string {
	r.t.Helper()
	out, ok := r.play(args...)
	if !ok {
		r.t.Fatalf("%s: ansible-playbook failed:\n%s\nnginx:\n%s\nhaproxy:\n%s", what, out, r.dep.Log("edge"), r.dep.Log("pool"))
	}
	return out
}

// verify probes the given proxies (env/proxy), every pool of the plan and the nginx
// machine's monitoring endpoint.
func (r *deployRig) verify(what string, proxies ...string) {
	r.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	var errs []string
	for _, id := range proxies {
		env, name, _ := strings.Cut(id, "/")
		e := r.lab.Plan.Env(env)
		for _, p := range e.Proxies {
			if p.Name == name {
				if err := r.lab.VerifyProxy(ctx, e, p); err != nil {
					errs = append(errs, err.Error())
				}
			}
		}
	}
	if err := r.lab.VerifyPools(ctx); err != nil {
		errs = append(errs, err.Error())
	}
	for _, p := range lab.Failures(r.lab.ProbeMonitors(ctx, lab.Nginx)) { // edge's, deployed with prod
		errs = append(errs, p.Detail)
	}
	if len(errs) > 0 {
		r.t.Fatalf("%s: probes failed:\n%s", what, strings.Join(errs, "\n"))
	}
}

// otherHost sends a request naming the proxy's machine address as Host to its HTTP
// listener, and returns the status and the Location or body.
func (r *deployRig) otherHost(p *topology.ProxyPlan) string {
	r.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	ep := lab.Endpoint{Addr: net.JoinHostPort(p.Listen.Address, strconv.Itoa(p.Listen.HTTP))}
	resp, err := r.lab.Client("").Do(ctx, ep, lab.Request{Target: "/Orders/x", Host: "10.0.3.100"})
	if err != nil {
		return "no answer: " + err.Error()
	}
	if loc := resp.Header.Get("Location"); loc != "" {
		return strconv.Itoa(resp.Status) + " " + loc
	}
	return strconv.Itoa(resp.Status) + " " + string(resp.Body)
}

var recapChanged = regexp.MustCompile(`(?m)^(\S+)\s+: ok=\d+\s+changed=(\d+)`)

// changed returns the changed count per host of a run's recap.
func changed(out string) map[string]int {
	m := map[string]int{}
	for _, g := range recapChanged.FindAllStringSubmatch(out, -1) {
		m[g[1]], _ = strconv.Atoi(g[2])
	}
	return m
}

var readFile = testfs.ReadFile

// TestAnsibleDeploysProxiesAndPools deploys the generated Linux side with the real Ansible
// to this machine (local connection, every destination in a temporary prefix) into a real
// nginx (both environments' proxies) and HAProxy (prod's pools), and probes every route.
// The scenarios share one rig: each ansible-playbook run costs seconds.
func TestAnsibleDeploysProxiesAndPools(t *testing.T) {
	t.Parallel()
	r := newDeployRig(t)
	linux := []string{"--tags", "zonegen_linux"}
	ngxDir, hapDir := r.dep.ZonegenDir("edge"), r.dep.ZonegenDir("pool")

	// A bare run over two environments is refused, naming them.
	if out, ok := r.play(linux...); ok || !strings.Contains(out, "This run would change environments prod, qa") {
		t.Fatalf("a run across environments was not refused:\n%s", out)
	}

	// First runs: prod, then qa onto the same nginx; every module routes right. The HAProxy
	// machine started as a fresh Debian one, loading no fragment folder: the first run sets
	// EXTRAOPTS (keeping the unit's own -S) and restarts it, since a reload would keep the
	// arguments it started with.
	fresh := r.dep.Workers("pool")
	// The nginx machine starts with Debian's default site as the default server of the
	// proxies' port 80: a request naming another host (here the machine's address, as a
	// health check would) gets its welcome page until the plays remove it.
	prodWWW := r.lab.Plan.Env("prod").Proxies[0]
	if got := r.otherHost(prodWWW); !strings.HasPrefix(got, "200 "+lab.DebianWelcome) {
		t.Fatalf("before the first deployment, another Host on port 80 got %q, want Debian's default site", got)
	}
	// A first run whose pool file is refused leaves HAProxy's start arguments as they were:
	// written, the next run would find them equal and only reload, which keeps the old ones,
	// and the pools would never load (the restart below proves it does not).
	defaults := filepath.Join(r.dep.Dir, "pool", "haproxy.defaults")
	defaultsBefore := readFile(t, defaults)
	dz1 := filepath.Join(r.dep.Tree, "prod", "lb", "DZ1.haproxy.cfg")
	if err := os.WriteFile(dz1, []byte(readFile(t, dz1)+"\nbogus_keyword on\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, ok := r.play(append(linux, "-e", "zonegen_env=prod", "--limit", "pool")...); ok || !strings.Contains(out, "failed: [pool] (item=prod/lb/DZ1.haproxy.cfg)") {
		t.Fatalf("a broken pool file was not refused:\n%s", out)
	}
	if got := readFile(t, defaults); got != defaultsBefore {
		t.Errorf("a refused run changed HAProxy's start arguments: %q, was %q", got, defaultsBefore)
	}
	r.generate()
	out := r.mustPlay("deploy prod", append(linux, "-e", "zonegen_env=prod")...)
	// The lab's certificates are valid for a day: the run warns, naming prod's, and goes on.
	if cert := prodWWW.Certificate; !strings.Contains(out, "certificate "+cert+" (valid until ") || !strings.Contains(out, "expires within 30 days: renew it") {
		t.Errorf("no warning that %s expires within 30 days:\n%s", cert, out)
	}
	if _, err := os.Stat(filepath.Join(r.dep.Dir, "edge", "sites-enabled", "default")); !os.IsNotExist(err) {
		t.Errorf("Debian's default site is still enabled: %v", err)
	}
	if got := r.otherHost(prodWWW); !strings.HasPrefix(got, "308 https://www.acme.test") {
		t.Errorf("after deploying prod, another Host on port 80 got %q, want the proxy's 308 to HTTPS, as HAProxy answers", got)
	}
	ran := func(handler string) bool {
		return regexp.MustCompile(`zonegen ` + handler + ` haproxy\] \**\n\s*changed: \[pool\]`).MatchString(out)
	}
	if !ran("restart") || ran("reload") {
		t.Errorf("the first deployment did not restart HAProxy (and only restart it):\n%s", out)
	}
	if r.dep.Workers("pool") == fresh {
		t.Errorf("HAProxy workers %s kept: not restarted", fresh)
	}
	// One play, pools first: the pool machine restarts before the proxy's files are copied
	// (a proxy started before its pool answers 503).
	restart, proxyFiles := strings.Index(out, "zonegen restart haproxy]"), strings.Index(out, "Deploy each file, checked by nginx -t")
	if restart < 0 || proxyFiles < 0 || restart > proxyFiles {
		t.Errorf("the pools were not reloaded before the proxies were deployed:\n%s", out)
	}
	r.verify("after deploying prod", "prod/www")
	r.mustPlay("deploy qa", append(linux, "-e", "zonegen_env=qa")...)
	r.verify("after deploying qa", "prod/www", "qa/www")
	want := "EXTRAOPTS=\"-S unix@master.sock -f " + hapDir + "/prod/lb\""
	if got := readFile(t, filepath.Join(r.dep.Dir, "pool", "haproxy.defaults")); !strings.Contains(got, want) {
		t.Errorf("EXTRAOPTS: %q, want %s", got, want)
	}

	// Rerun: nothing changes, nothing reloads; qa keeps serving beside prod.
	ngxWorkers, hapWorkers := r.dep.Workers("edge"), r.dep.Workers("pool")
	out = r.mustPlay("rerun prod", append(linux, "-e", "zonegen_env=prod")...)
	if c := changed(out); c["edge"] != 0 || c["pool"] != 0 || len(c) < 2 {
		t.Errorf("rerun changed %v, want edge=0 pool=0\n%s", c, out)
	}
	if r.dep.Workers("edge") != ngxWorkers || r.dep.Workers("pool") != hapWorkers {
		t.Errorf("rerun reloaded: nginx workers %s → %s, haproxy %s → %s", ngxWorkers, r.dep.Workers("edge"), hapWorkers, r.dep.Workers("pool"))
	}
	r.verify("after the rerun", "prod/www", "qa/www")

	// A source change (Sales moves DZ1 → Global): --check --diff shows it and changes nothing.
	www := r.lab.Plan.Env("prod").Proxies[0]
	for i := range www.Routes {
		if www.Routes[i].App == "Sales" {
			www.Routes[i].Zone, www.Routes[i].Upstream = "Global", "zone_global"
		}
	}
	r.generate()
	live := filepath.Join(ngxDir, "prod", "proxy", "www.nginx.conf")
	before := readFile(t, live)
	out = r.mustPlay("check", append(linux, "-e", "zonegen_env=prod", "--check", "--diff")...)
	if !strings.Contains(out, "-    sales zone_dz1;") || !strings.Contains(out, "+    sales zone_global;") {
		t.Errorf("--check --diff does not show the moved route:\n%s", out)
	}
	if readFile(t, live) != before || r.dep.Workers("edge") != ngxWorkers {
		t.Errorf("--check changed the live file or reloaded nginx")
	}

	// Applying it reloads only the nginx machine.
	out = r.mustPlay("apply the move", append(linux, "-e", "zonegen_env=prod")...)
	if c := changed(out); c["edge"] == 0 || c["pool"] != 0 {
		t.Errorf("applying the move changed %v, want edge only\n%s", c, out)
	}
	if r.dep.Workers("edge") == ngxWorkers || r.dep.Workers("pool") != hapWorkers {
		t.Errorf("want nginx reloaded and haproxy not: nginx %s → %s, haproxy %s → %s", ngxWorkers, r.dep.Workers("edge"), hapWorkers, r.dep.Workers("pool"))
	}
	r.verify("after the move", "prod/www", "qa/www")

	// Removing zone DZ1 prunes its pool file.
	prod := r.lab.Plan.Env("prod")
	prod.Zones = slices.DeleteFunc(prod.Zones, func(z *topology.ZonePlan) bool { return z.Name == "DZ1" })
	www.Upstreams = slices.DeleteFunc(www.Upstreams, func(u *topology.Upstream) bool { return u.Zone == "DZ1" })
	www.Zones = slices.DeleteFunc(www.Zones, func(z string) bool { return z == "DZ1" })
	r.generate()
	pool := filepath.Join(hapDir, "prod", "lb", "DZ1.haproxy.cfg")
	if _, err := os.Stat(pool); err != nil {
		t.Fatalf("DZ1's pool was not deployed: %v", err)
	}
	r.mustPlay("remove DZ1", append(linux, "-e", "zonegen_env=prod")...)
	if _, err := os.Stat(pool); !os.IsNotExist(err) {
		t.Errorf("DZ1's pool file was not pruned: %v", err)
	}
	r.verify("after removing DZ1", "prod/www", "qa/www")

	// The refusals below concern qa's proxy on edge alone: --limit edge spares the runs the
	// pool machine's part. They select the proxies with each kind of tag.
	edgeQA := []string{"-e", "zonegen_env=qa", "--limit", "edge"}
	proxiesOnly := append([]string{"--tags", "zonegen_proxies"}, edgeQA...)
	notPools := append([]string{"--skip-tags", "zonegen_pools"}, edgeQA...)

	// A broken file is refused before it replaces the live one, which keeps serving.
	qaFile := filepath.Join(r.dep.Tree, "qa", "proxy", "www.nginx.conf")
	qaLive := filepath.Join(ngxDir, "qa", "proxy", "www.nginx.conf")
	qaBefore := readFile(t, qaLive)
	if err := os.WriteFile(qaFile, []byte(readFile(t, qaFile)+"\nbogus_directive on;\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, ok := r.play(proxiesOnly...); ok || !strings.Contains(out, "bogus_directive") {
		t.Errorf("a broken file was not refused:\n%s", out)
	}
	if readFile(t, qaLive) != qaBefore {
		t.Errorf("the broken file replaced the live one")
	}
	r.verify("after the refused file", "prod/www", "qa/www")

	// A missing certificate stops the run, naming it.
	cert := r.lab.Plan.Env("qa").Proxies[0].Certificate
	if err := os.Rename(cert, cert+".away"); err != nil {
		t.Fatal(err)
	}
	if out, ok := r.play(notPools...); ok || !strings.Contains(out, "edge lacks "+cert) {
		t.Errorf("a missing certificate did not stop the run:\n%s", out)
	}
	if err := os.Rename(cert+".away", cert); err != nil {
		t.Fatal(err)
	}

	// An expired one stops it too, before any file is replaced: nginx would serve it.
	valid := readFile(t, cert)
	expired, err := r.lab.CA.IssueUntil(time.Now().Add(-time.Hour), "qa.acme.test")
	if err != nil {
		t.Fatal(err)
	}
	if err := expired.WriteFile(cert); err != nil {
		t.Fatal(err)
	}
	if out, ok := r.play(append(linux, edgeQA...)...); ok || !strings.Contains(out, "edge: certificate "+cert+" (valid until ") || !strings.Contains(out, "has expired: renew it") {
		t.Errorf("an expired certificate did not stop the run:\n%s", out)
	}
	// One for another name stops it too: nginx would serve it, and every client refuse it.
	misnamed, err := r.lab.CA.IssueUntil(time.Now().Add(30*24*time.Hour), "wrong.acme.test")
	if err != nil {
		t.Fatal(err)
	}
	if err := misnamed.WriteFile(cert); err != nil {
		t.Fatal(err)
	}
	if out, ok := r.play(append(linux, edgeQA...)...); ok || !strings.Contains(out, "edge: certificate "+cert+" does not cover qa.acme.test") {
		t.Errorf("a certificate for another host did not stop the run:\n%s", out)
	}
	// The pools alone leave the proxies, their certificates too: edge runs none.
	if out, ok := r.play(append([]string{"--tags", "zonegen_pools"}, edgeQA...)...); !ok || strings.Contains(out, cert) || strings.Contains(out, "included: ") {
		t.Errorf("--tags zonegen_pools looked at the proxies:\n%s", out)
	}
	if err := os.WriteFile(cert, []byte(valid), 0o600); err != nil {
		t.Fatal(err)
	}
}

// TestAnsibleHostsAndZonesWithMockWindows runs the Windows plays against a mock
// ansible.windows whose modules honour check mode as the real ones declare it: --check
// --diff reads the zones (check_mode: false) and the hosts files, shows the change and
// writes nothing; applying merges each block with the same bytes as hostsfile.Merge,
// refuses doubled markers, flushes DNS and modifies only differing zones.
func TestAnsibleHostsAndZonesWithMockWindows(t *testing.T) {
	t.Parallel()
	r := newWindowsRig(t)
	crlf := func(s string) string { return strings.ReplaceAll(s, "\n", "\r\n") }
	samples := map[string]string{
		// p1: an old block with a renamed load balancer; p2: no block, no final newline;
		// prod-dc maps nothing: its old block goes; p3: doubled markers are refused.
		"p1":      crlf("127.0.0.1 localhost\n# BEGIN zonegen\n127.0.0.1 old-lb.acme.test\n# END zonegen\n10.9.9.9 keep.me\n"),
		"p2":      crlf("# Copyright (c) Microsoft\n10.1.1.1 intranet"),
		"prod-dc": crlf("# BEGIN zonegen\n127.0.0.1 prod-lb0.acme.test\n# END zonegen"),
		"p3":      crlf("# BEGIN zonegen\n# BEGIN zonegen\n# END zonegen\n"),
	}
	for host, s := range samples {
		if err := os.WriteFile(r.hostsPath(host), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	zones := `[{"Address": "old.acme.test", "EnableHttps": "False", "Name": "Global"}, {"Address": "prod-lb1.acme.test", "EnableHttps": "False", "Name": "DZ1"}]`
	if err := os.WriteFile(r.zones, []byte(zones), 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{"--tags", "zonegen_hosts,zonegen_zones", "-e", "zonegen_env=prod"}

	out, _ := r.play(append(args, "--check", "--diff")...)
	if !strings.Contains(out, "-127.0.0.1 old-lb.acme.test") || !strings.Contains(out, "+127.0.0.1 prod-lb0.acme.test") {
		t.Errorf("--check --diff does not show the hosts change:\n%s", out)
	}
	for host, s := range samples {
		if readFile(t, r.hostsPath(host)) != s {
			t.Errorf("--check wrote %s's hosts file", host)
		}
	}
	if log := r.log(); !strings.Contains(log, "/GetDeploymentZones") || strings.Contains(log, "/ModifyDeploymentZone") || strings.Contains(log, "flushdns") {
		t.Errorf("--check: the zones read must run, nothing else:\n%s\n%s", log, out)
	}
	if !strings.Contains(out, `"name": "Global"`) {
		t.Errorf("--check does not show the zone to modify:\n%s", out)
	}

	if err := os.WriteFile(r.mockLog, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	out, ok := r.play(args...)
	if ok || !strings.Contains(out, "has the zonegen markers") {
		t.Errorf("doubled markers were not refused:\n%s", out)
	}
	for _, host := range []string{"p1", "p2", "prod-dc"} {
		block, err := os.ReadFile(filepath.Join(r.tree, "prod", "hosts", host+".hosts"))
		if err != nil {
			t.Fatal(err)
		}
		want, err := hostsfile.Merge([]byte(samples[host]), block)
		if err != nil {
			t.Fatal(err)
		}
		if got := readFile(t, r.hostsPath(host)); got != string(want) {
			t.Errorf("%s: Ansible merged\n%q\nhostsfile.Merge gives\n%q", host, got, want)
		}
	}
	if readFile(t, r.hostsPath("p3")) != samples["p3"] {
		t.Errorf("p3's broken hosts file was written")
	}
	log := r.log()
	if strings.Count(log, "flushdns") != 3 || !strings.Contains(log, `"/ModifyDeploymentZone", "Global"`) || strings.Contains(log, `"/ModifyDeploymentZone", "DZ1"`) {
		t.Errorf("apply: want 3 DNS flushes and Global modified only:\n%s", log)
	}
}

type windowsRig struct {
	t              *testing.T
	dir, tree      string
	env            []string
	zones, mockLog string
}

func newWindowsRig(t *testing.T) *windowsRig {
	realprog.Require(t, "ansible-playbook")
	plan, report := topology.Load([]byte(deploySource), "infra.jsonnet")
	if err := report.Err(); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	r := &windowsRig{t: t, dir: dir, tree: filepath.Join(dir, "tree"),
		zones: filepath.Join(dir, "zones.json"), mockLog: filepath.Join(dir, "mock.log")}
	files, err := generators.Run(plan, templates.MustDefault(), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		testfs.WriteFile(t, filepath.Join(r.tree, filepath.FromSlash(f.Path)), string(f.Data))
	}
	hosts := map[string]any{}
	for _, s := range plan.Env("prod").Servers {
		hosts[s.Name] = map[string]any{"zonegen_hosts_path": r.hostsPath(s.Name)}
	}
	b, _ := json.Marshal(map[string]any{"all": map[string]any{"hosts": hosts, "vars": map[string]any{
		"ansible_connection": "local", "ansible_python_interpreter": "/usr/bin/python3"}}})
	testfs.WriteFile(t, filepath.Join(dir, "inventory", "hosts.yml"), string(b))
	mock, err := filepath.Abs("testdata/ansible-mock")
	if err != nil {
		t.Fatal(err)
	}
	r.env = append(lab.AnsibleEnv(filepath.Join(dir, "home")),
		"ANSIBLE_COLLECTIONS_PATH="+mock,
		"ZONEGEN_MOCK_LOG="+r.mockLog,
		"ZONEGEN_MOCK_ZONES="+r.zones,
	)
	return r
}

// play runs site.yml against the mock; it returns the output and whether the run succeeded.
func (r *windowsRig) play(args ...string) (string, bool) {
	r.t.Helper()
	out, err := lab.Playbook(context.Background(), r.env, r.dir, r.tree, args...)
	return out, err == nil
}

func (r *windowsRig) hostsPath(host string) string { return filepath.Join(r.dir, host+".hosts") }

func (r *windowsRig) log() string {
	b, _ := os.ReadFile(r.mockLog)
	return string(b)
}

// TestSurveyScript runs the role's one command on the machine (tasks/main.yml,
// zonegen_survey) as the command task does: the deployment test sees a missing, an expired
// and a soon-expiring certificate through Ansible; this sees every answer of the script
// without a run: each kind of certificate, the unreadable one too, one that does not cover its
// host (names compare ignoring case), a folder made (and not in --check), a keepalived.conf
// that is not the role's, one left to the machine that is missing or lacks the include, a
// sysctl not applied, the role's sysctl file left with no failover, and the listings the
// prunes read.
func TestSurveyScript(t *testing.T) {
	realprog.Require(t, "openssl")
	plan, report := topology.Load([]byte(deploySource), "infra.jsonnet")
	if err := report.Err(); err != nil {
		t.Fatal(err)
	}
	files, err := generators.Run(plan, templates.MustDefault(), []string{"ansible"})
	if err != nil {
		t.Fatal(err)
	}
	var script, sysmark string
	for _, f := range files {
		if f.Path == "ansible/roles/zonegen_linux/defaults/main.yml" {
			_, rest, _ := strings.Cut(string(f.Data), "\nzonegen_sysctl_mark: ")
			mark, _, _ := strings.Cut(rest, "\n")
			if sysmark, err = strconv.Unquote(mark); err != nil {
				t.Fatalf("defaults/main.yml: zonegen_sysctl_mark %s: %v", mark, err)
			}
		}
		if f.Path != "ansible/roles/zonegen_linux/tasks/main.yml" {
			continue
		}
		_, rest, ok := strings.Cut(string(f.Data), "    zonegen_survey: |\n")
		if !ok {
			t.Fatal("tasks/main.yml has no zonegen_survey")
		}
		for _, line := range strings.SplitAfter(rest, "\n") {
			if !strings.HasPrefix(line, "      ") {
				break
			}
			script += strings.TrimPrefix(line, "      ")
		}
	}
	ca, err := lab.NewCA("zonegen test CA")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	pem := func(name string, notAfter time.Time) string {
		c, err := ca.IssueUntil(notAfter, "www.acme.test")
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, name)
		if err := c.WriteFile(p); err != nil {
			t.Fatal(err)
		}
		return p
	}
	valid := pem("valid.pem", time.Now().Add(90*24*time.Hour))
	byIP, err := ca.IssueUntil(time.Now().Add(90*24*time.Hour), "10.0.3.50")
	if err != nil {
		t.Fatal(err)
	}
	ipCert := filepath.Join(dir, "ip.pem")
	if err := byIP.WriteFile(ipCert); err != nil {
		t.Fatal(err)
	}
	soon := pem("soon.pem", time.Now().Add(24*time.Hour))
	expired := pem("expired.pem", time.Now().Add(-time.Hour))
	garbage := filepath.Join(dir, "garbage.pem")
	if err := os.WriteFile(garbage, []byte("not a certificate\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "missing.pem")
	// A CA bundle (c:) is only looked for, so one that exists says nothing whatever it
	// holds; a listener's file (s:) is read. The zonegen folder holds a deployed file and
	// one that is not zonegen's; a folder (d:) is made only outside --check.
	zg := filepath.Join(dir, "zonegen")
	deployed := filepath.Join(zg, "prod", "lb", "Global.haproxy.cfg")
	for _, p := range []string{deployed, filepath.Join(zg, "prod", "lb", "notes.txt")} {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	folder := filepath.Join(zg, "qa", "proxy")
	bundle := garbage
	// keepalived: a main config of the role's (its mark first), one of the machine's own,
	// one absent; a keepalived folder with a deployed file and one that is not zonegen's.
	// The sysctl's live value: 1 is applied, anything else or nothing is not.
	ours, foreign, applied := filepath.Join(dir, "ours.conf"), filepath.Join(dir, "foreign.conf"), filepath.Join(dir, "applied")
	kdir := filepath.Join(dir, "keepalived")
	kfile := filepath.Join(kdir, "prod", "lb", "Global.pool.keepalived.conf")
	for p, data := range map[string]string{ours: generators.KeepalivedMain(kdir), foreign: "global_defs {\n}\n" + generators.KeepalivedMainMark + "\n",
		applied: "1\n", kfile: "", filepath.Join(kdir, "prod", "lb", "notes.txt"): ""} {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// The role's sysctl file starts with its mark: once no failover is left it is stale; one
	// that is not the role's, or none, says nothing.
	sysctlOurs := filepath.Join(dir, "60-zonegen.conf")
	if err := os.WriteFile(sysctlOurs, []byte(sysmark+"\nnet.ipv4.ip_nonlocal_bind = 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	run := func(check string) []string {
		t.Helper()
		out, err := exec.Command("sh", "-c", script, "zonegen-survey", check, strconv.Itoa(30*86400), zg, generators.KeepalivedMainMark, sysmark,
			"c:"+bundle, "c:"+missing, "s:"+valid, "s:"+soon, "s:"+expired, "s:"+garbage, "s:"+missing,
			"h:"+valid+"|www.acme.test", "h:"+valid+"|WWW.acme.test", "h:"+valid+"|other.acme.test", "h:"+missing+"|www.acme.test", "h:"+garbage+"|www.acme.test",
			"h:"+ipCert+"|10.0.3.50", "h:"+ipCert+"|10.0.3.51",
			"d:"+filepath.Dir(deployed), "d:"+folder, "m:"+ours, "m:"+foreign, "m:"+missing, "l:"+applied, "l:"+foreign, "l:"+missing,
			"K:"+kdir, "n:"+ours, "n:"+foreign, "n:"+missing, "o:"+sysctlOurs, "o:"+foreign, "o:"+missing,
			"k:"+kdir).CombinedOutput()
		if err != nil {
			t.Fatalf("the script failed: %v\n%s", err, out)
		}
		return strings.Split(strings.TrimSpace(string(out)), "\n")
	}
	want := []string{"missing " + missing, "soon " + soon + " (valid until ", "expired " + expired + " (valid until ",
		"unreadable " + garbage, "missing " + missing, "uncovered " + valid + " other.acme.test", "uncovered " + ipCert + " 10.0.3.51", "made " + folder, "foreign " + foreign,
		"unapplied " + foreign, "unapplied " + missing, "noinclude " + foreign, "nomain " + missing, "stale " + sysctlOurs,
		"file " + kfile, "file " + deployed}
	for _, check := range []string{"True", "False"} {
		lines := run(check)
		if len(lines) != len(want) {
			t.Fatalf("check mode %s: got %q, want lines starting %q", check, lines, want)
		}
		for i, w := range want {
			if !strings.HasPrefix(lines[i], w) {
				t.Errorf("check mode %s, line %d: %q, want it to start %q", check, i, lines[i], w)
			}
		}
		if _, err := os.Stat(folder); (check == "True") != os.IsNotExist(err) {
			t.Errorf("check mode %s: %s made: %v", check, folder, err == nil)
		}
	}
	// Made: the next run has nothing to make.
	if lines := run("False"); slices.Contains(lines, "made "+folder) {
		t.Errorf("a folder that exists was reported made: %q", lines)
	}
}
