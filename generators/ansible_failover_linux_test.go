package generators_test

import (
	"context"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/zonegen/zonegen/generators"
	"github.com/zonegen/zonegen/internal/lab"
	"github.com/zonegen/zonegen/internal/realprog"
	"github.com/zonegen/zonegen/topology"
)

// deployFailoverSource has one zone pool on two HAProxy machines that share its listen
// address: a failover address, which keepalived moves between them. Both HAProxy bind the
// lab's stand-in for it at once (SO_REUSEPORT, HAProxy's default), so the pool answers.
const deployFailoverSource = `{
  "name": "acme",
  "environments": {
    "prod": {
      "purpose": "production",
      "servers": {"p1": {"address": "10.0.3.11", "roles": ["frontend", "controller"]}, "p2": {"address": "10.0.3.12"}},
      "machines": {"pool-a": {"address": "10.0.3.101", "engine": "haproxy", "interface": "ens3"},
                   "pool-b": {"address": "10.0.3.102", "engine": "haproxy", "interface": "ens3"}},
      "zones": {"Global": {"allServers": true, "loadBalancer": "prod-lb0.acme.test", "listen": {"address": "10.0.3.2"},
                           "lbMachines": ["pool-a", "pool-b"]}},
      "apps": {"Orders": {}}
    }
  }
}`

// TestAnsibleDeploysFailoverAddresses deploys a failover address with the real Ansible and
// the real keepalived, one per machine, each in a network namespace of its own holding the
// interface the files name (lab.Deployment): --check changes nothing; the role puts each
// machine's own file, the keepalived.conf that reads it and the sysctl (applied before the
// engine's files are checked) in place, and keepalived reads them; a second run changes
// nothing; a sysctl reset is applied again; a file keepalived refuses and a keepalived.conf
// that is not zonegen's stop the run with the live files kept, and so does one left to the
// machine that would not read the files; a failover address gone is pruned, keepalived
// reloaded without it, and the sysctl file removed and its value reset.
func TestAnsibleDeploysFailoverAddresses(t *testing.T) {
	realprog.Require(t, "keepalived")
	realprog.Require(t, "ip")
	unshare := realprog.Require(t, "unshare")
	if err := exec.Command(unshare, "-rn", "true").Run(); err != nil {
		t.Skipf("unshare -rn: %v: no network namespace for keepalived here", err) // a privilege, not a program
	}
	t.Parallel()
	r := newDeployRigOf(t, deployFailoverSource)
	machines := []string{"pool-a", "pool-b"}
	zone := r.lab.Plan.Env("prod").Zones[0]
	instance := "(" + zone.Failover.ID + ") Entering "
	file := func(m string) string {
		return filepath.Join(r.dep.KeepalivedDir(m), generators.KeepalivedFile("prod", "lb", "Global", m))
	}
	play := func(what string, args ...string) string {
		t.Helper()
		out, ok := r.play(append([]string{"--tags", "zonegen_linux"}, args...)...)
		if !ok {
			t.Fatalf("%s: ansible-playbook failed:\n%s\nkeepalived pool-a:\n%s", what, out, r.dep.KeepalivedLog("pool-a"))
		}
		return out
	}
	// read waits (at most 10 s) until m's keepalived last read want, and returns whether it did.
	read := func(m string, want ...string) bool {
		t.Helper()
		for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
			if slices.Equal(r.dep.KeepalivedRead(m), want) {
				return true
			}
		}
		t.Errorf("%s: keepalived last read %q, want %q\n%s", m, r.dep.KeepalivedRead(m), want, r.dep.KeepalivedLog(m))
		return false
	}

	// --check changes nothing: no file, no keepalived started.
	play("--check", "--check")
	for _, m := range machines {
		for _, p := range []string{r.dep.KeepalivedMainConfig(m), file(m), r.dep.SysctlApplied(m)} {
			if _, err := os.Stat(p); !os.IsNotExist(err) {
				t.Errorf("--check made %s: %v", p, err)
			}
		}
		if log := r.dep.KeepalivedLog(m); log != "" {
			t.Errorf("--check started keepalived on %s:\n%s", m, log)
		}
	}

	out := play("first run")
	for _, m := range machines {
		if got, want := readFile(t, file(m)), readFile(t, filepath.Join(r.dep.Tree, generators.KeepalivedFile("prod", "lb", "Global", m))); got != want {
			t.Errorf("%s: deployed keepalived file differs from the tree's", m)
		}
		if got, want := readFile(t, r.dep.KeepalivedMainConfig(m)), generators.KeepalivedMain(r.dep.KeepalivedDir(m)); got != want {
			t.Errorf("%s: keepalived.conf\n%s\nwant\n%s", m, got, want)
		}
		if s := readFile(t, r.dep.SysctlApplied(m)); !strings.Contains(s, "\nnet.ipv4.ip_nonlocal_bind = 1\n") {
			t.Errorf("%s: the sysctl applied was\n%s", m, s)
		}
		other := machines[1-slices.Index(machines, m)]
		if _, err := os.Stat(filepath.Join(r.dep.KeepalivedDir(m), generators.KeepalivedFile("prod", "lb", "Global", other))); !os.IsNotExist(err) {
			t.Errorf("%s got %s's keepalived file: %v", m, other, err)
		}
		if read(m, r.dep.KeepalivedMainConfig(m), file(m)) && !strings.Contains(r.dep.KeepalivedLog(m), instance) {
			t.Errorf("%s: keepalived runs no instance %s:\n%s", m, zone.Failover.ID, r.dep.KeepalivedLog(m))
		}
	}
	// The sysctl comes before the engine's files are checked (nginx -t binds the listen
	// addresses) and restarted: a standby binds the address it does not hold; keepalived
	// after the engine.
	sysctl := strings.Index(out, "TASK [zonegen_linux : Apply it before the engine's files are checked]")
	check := strings.Index(out, "TASK [zonegen_linux : Deploy each file,")
	engine := strings.Index(out, "RUNNING HANDLER [zonegen_linux : zonegen restart haproxy]")
	keepalived := strings.Index(out, "RUNNING HANDLER [zonegen_linux : zonegen reload keepalived]")
	if sysctl < 0 || check < sysctl || engine < check || keepalived < engine {
		t.Errorf("sysctl at %d, the engine's files at %d, its restart at %d, keepalived's reload at %d: want them in that order\n%s",
			sysctl, check, engine, keepalived, out)
	}
	answers := func(what string) {
		t.Helper()
		answered(t, r, what, zone)
	}
	answers("after the first run")

	// Nothing changed, nothing done.
	out = play("second run")
	if c := changed(out); c["pool-a"] != 0 || c["pool-b"] != 0 {
		t.Errorf("a second run changed %v\n%s", c, out)
	}

	// A file keepalived refuses (an interface the machine lacks) stops the run and keeps the
	// live one. The sysctl, reset on pool-a meanwhile, is applied again first.
	if err := os.WriteFile(r.dep.SysctlLive("pool-a"), []byte("0\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tree := filepath.Join(r.dep.Tree, generators.KeepalivedFile("prod", "lb", "Global", "pool-a"))
	good := readFile(t, tree)
	if err := os.WriteFile(tree, []byte(strings.ReplaceAll(good, " ens3", " nosuch9")), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, ok := r.play("--tags", "zonegen_linux"); ok || !strings.Contains(out, "nosuch9") {
		t.Errorf("a file naming a missing interface was not refused:\n%s", out)
	}
	if readFile(t, file("pool-a")) != good {
		t.Error("the refused file replaced the live one")
	}
	if live := readFile(t, r.dep.SysctlLive("pool-a")); live != "1\n" {
		t.Errorf("the sysctl reset to 0 was not applied again: %q", live)
	}
	if err := os.WriteFile(tree, []byte(good), 0o644); err != nil {
		t.Fatal(err)
	}

	// A keepalived.conf of the machine's own is never overwritten.
	mine := "# the machine's own keepalived\n"
	if err := os.WriteFile(r.dep.KeepalivedMainConfig("pool-b"), []byte(mine), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, ok := r.play("--tags", "zonegen_linux", "--limit", "pool-b"); ok || !strings.Contains(out, "is not zonegen's") {
		t.Errorf("a keepalived.conf not zonegen's did not stop the run:\n%s", out)
	}
	if readFile(t, r.dep.KeepalivedMainConfig("pool-b")) != mine {
		t.Error("the machine's own keepalived.conf was overwritten")
	}
	if err := os.WriteFile(r.dep.KeepalivedMainConfig("pool-b"), []byte(generators.KeepalivedMain(r.dep.KeepalivedDir("pool-b"))), 0o644); err != nil {
		t.Fatal(err)
	}

	// A keepalived.conf left to the machine (zonegen_keepalived_write_main false) that is
	// missing, or does not include the role's folder, stops the run with a message: keepalived
	// would run none of the machine's failover addresses.
	main := r.dep.KeepalivedMainConfig("pool-b")
	ownMain := generators.KeepalivedMain(r.dep.KeepalivedDir("pool-b"))
	for _, c := range []struct{ content, want string }{
		{"", "does not exist"},
		{"global_defs {\n}\n", "does not include " + r.dep.KeepalivedDir("pool-b") + "/"},
	} {
		_ = os.Remove(main)
		if c.content != "" {
			if err := os.WriteFile(main, []byte(c.content), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		out, ok := r.play("--tags", "zonegen_linux", "--limit", "pool-b", "-e", "zonegen_keepalived_write_main=false")
		if ok || !strings.Contains(out, "zonegen_keepalived_write_main is false, and "+main+" "+c.want) {
			t.Errorf("write_main false, keepalived.conf %q: the run did not stop with %q:\n%s", c.content, c.want, out)
		}
	}
	if err := os.WriteFile(main, []byte(ownMain), 0o644); err != nil {
		t.Fatal(err)
	}

	// The address no longer fails over: each machine's file is pruned, and keepalived
	// reloaded reads none; the sysctl file goes and its live value returns to 0.
	zone.Failover = nil
	r.generate()
	play("failover gone")
	for _, m := range machines {
		if _, err := os.Stat(file(m)); !os.IsNotExist(err) {
			t.Errorf("%s: the keepalived file was not pruned: %v", m, err)
		}
		read(m, r.dep.KeepalivedMainConfig(m))
		if _, err := os.Stat(r.dep.SysctlFile(m)); !os.IsNotExist(err) {
			t.Errorf("%s: the sysctl file stayed with no failover address left: %v", m, err)
		}
		if live := readFile(t, r.dep.SysctlLive(m)); live != "0\n" {
			t.Errorf("%s: the sysctl's live value is %q with no failover address left, want 0", m, live)
		}
	}
	if out = play("again without failover"); changed(out)["pool-a"] != 0 || changed(out)["pool-b"] != 0 {
		t.Errorf("a run after the failover went changed %v\n%s", changed(out), out)
	}
	answers("after the failover went")
}

// answered sends four requests to zone's pool, which both machines serve on one address:
// each must be answered by a front-end. The lab's round-robin probe (VerifyPools) does not
// apply, since the kernel spreads the connections over two HAProxy.
func answered(t *testing.T, r *deployRig, what string, zone *topology.ZonePlan) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	ep := lab.Endpoint{Addr: net.JoinHostPort(zone.BindAddress, strconv.Itoa(zone.Ports.HTTP))}
	for i := range 4 {
		resp, err := r.lab.Client("").Do(ctx, ep, lab.Request{Target: "/", Host: zone.LoadBalancer})
		if err != nil || resp.Status != 200 {
			t.Fatalf("%s: request %d to the pool at %s: %v %v\npool-a:\n%s\npool-b:\n%s", what, i, ep.Addr, resp, err, r.dep.Log("pool-a"), r.dep.Log("pool-b"))
		}
	}
}
