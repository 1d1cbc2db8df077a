package generators_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/zonegen/zonegen/generators"
	"github.com/zonegen/zonegen/internal/realprog"
	"github.com/zonegen/zonegen/templates"
	"github.com/zonegen/zonegen/topology"
)

// failoverSource has one zone pool on two machines that share its listen address. The
// addresses are TEST-NET-1 (RFC 5737), on a veth pair between two network namespaces of
// the test's own: nothing leaves this machine.
const failoverSource = `{
  "name": "acme",
  "environments": {
    "prod": {
      "purpose": "production",
      "servers": {"fe1": {"address": "192.0.2.11", "roles": ["frontend", "controller"]}, "fe2": {"address": "192.0.2.12"}},
      "machines": {"a": {"address": "192.0.2.1", "engine": "haproxy", "interface": "zg0"},
                   "b": {"address": "192.0.2.2", "engine": "haproxy", "interface": "zg0"}},
      "zones": {"Global": {"allServers": true, "loadBalancer": "lb.acme.test", "listen": {"address": "192.0.2.50"}, "lbMachines": ["a", "b"]}},
      "apps": {"Orders": {}}
    }
  }
}`

// TestKeepalivedMovesTheFailoverAddress runs the generated keepalived files of two machines,
// each in a network namespace joined to the other's by a veth pair, with the real keepalived:
// the address is on the first machine; it moves to the second when the first's engine stops,
// back when it recovers, and to the second again when the first's keepalived dies. The engine check (the
// haproxy unit is active) is the one line the test replaces, by a file per machine it
// removes and restores: both keepalived share this machine's processes and systemd.
func TestKeepalivedMovesTheFailoverAddress(t *testing.T) {
	keepalived := realprog.Require(t, "keepalived")
	ipCmd := realprog.Require(t, "ip")
	if os.Geteuid() != 0 {
		t.Skip("network namespaces need root") // a privilege, not a program: CI skips too
	}
	t.Parallel()
	plan, report := topology.Load([]byte(failoverSource), "infra.jsonnet")
	if err := report.Err(); err != nil {
		t.Fatal(err)
	}
	files, err := generators.Run(plan, templates.MustDefault(), []string{"keepalived"})
	if err != nil {
		t.Fatal(err)
	}
	const vip = "192.0.2.50"
	dir := t.TempDir()
	run := func(args ...string) {
		t.Helper()
		if out, err := exec.Command(ipCmd, args...).CombinedOutput(); err != nil {
			t.Fatalf("ip %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	suffix := strconv.Itoa(os.Getpid())
	ns := map[string]string{"a": "zgka-" + suffix, "b": "zgkb-" + suffix}
	addr := map[string]string{"a": "192.0.2.1", "b": "192.0.2.2"}
	for _, m := range []string{"a", "b"} {
		run("netns", "add", ns[m])
		t.Cleanup(func() { _ = exec.Command(ipCmd, "netns", "del", ns[m]).Run() })
	}
	run("link", "add", "zg0", "netns", ns["a"], "type", "veth", "peer", "name", "zg0", "netns", ns["b"])
	for _, m := range []string{"a", "b"} {
		run("-n", ns[m], "addr", "add", addr[m]+"/24", "dev", "zg0")
		run("-n", ns[m], "link", "set", "zg0", "up")
	}

	engine := func(m string) string { return filepath.Join(dir, m+".engine") }
	procs := map[string]*exec.Cmd{}
	for _, m := range []string{"a", "b"} {
		var rel string
		var data []byte
		for _, f := range files {
			if f.Path == generators.KeepalivedFile("prod", "lb", "Global", m) {
				rel, data = f.Path, f.Data
			}
		}
		check := []byte(`script "` + generators.EngineCheck(topology.EngineHAProxy) + `"`)
		if bytes.Count(data, check) != 1 {
			t.Fatalf("machine %s: the generated file checks its engine with %s %d times, want once:\n%s", m, check, bytes.Count(data, check), data)
		}
		data = bytes.Replace(data, check, []byte(`script "/usr/bin/test -e `+engine(m)+`"`), 1)
		root := filepath.Join(dir, m)
		if err := os.MkdirAll(filepath.Join(root, "zonegen", filepath.Dir(rel)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(root, "zonegen", rel), data, 0o644); err != nil {
			t.Fatal(err)
		}
		main := filepath.Join(root, "keepalived.conf")
		if err := os.WriteFile(main, []byte(generators.KeepalivedMain(filepath.Join(root, "zonegen"))), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(engine(m), nil, 0o644); err != nil {
			t.Fatal(err)
		}
		var log bytes.Buffer
		cmd := exec.Command(ipCmd, "netns", "exec", ns[m], keepalived, "--dont-fork", "--log-console", "--no-syslog", "--vrrp",
			"-f", main, "-p", filepath.Join(root, "keepalived.pid"), "-r", filepath.Join(root, "vrrp.pid"), "-c", filepath.Join(root, "checkers.pid"))
		cmd.Stdout, cmd.Stderr = &log, &log
		cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		procs[m] = cmd
		// Registered after the namespaces' cleanup, so run before it: keepalived stops first.
		t.Cleanup(func() {
			_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM)
			done := make(chan struct{})
			go func() { _ = cmd.Wait(); close(done) }()
			select {
			case <-done:
			case <-time.After(5 * time.Second):
				_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
				<-done
			}
			if t.Failed() {
				t.Logf("keepalived of machine %s:\n%s", m, log.String())
			}
		})
	}

	holds := func(m string) bool {
		out, err := exec.Command(ipCmd, "-n", ns[m], "-4", "addr", "show", "dev", "zg0").Output()
		return err == nil && bytes.Contains(out, []byte(" "+vip+"/32 "))
	}
	// expect waits, within a bound, for the address to be on machine want only.
	expect := func(what, want string) {
		t.Helper()
		other := map[string]string{"a": "b", "b": "a"}[want]
		deadline := time.Now().Add(15 * time.Second)
		for !(holds(want) && !holds(other)) {
			if time.Now().After(deadline) {
				t.Fatalf("%s: %s is not on machine %s alone after 15 s (a holds it: %v, b: %v)", what, vip, want, holds("a"), holds("b"))
			}
			time.Sleep(50 * time.Millisecond)
		}
	}

	expect("both machines up", "a")
	if err := os.Remove(engine("a")); err != nil {
		t.Fatal(err)
	}
	expect("machine a's engine stopped", "b")
	if err := os.WriteFile(engine("a"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	expect("machine a's engine back", "a")
	// A crash: every keepalived process of a ends at once, and the address stays on its
	// interface (nothing removes it), so b holding it is what the test can see.
	_ = syscall.Kill(-procs["a"].Process.Pid, syscall.SIGKILL)
	deadline := time.Now().Add(15 * time.Second)
	for !holds("b") {
		if time.Now().After(deadline) {
			t.Fatalf("machine a's keepalived killed: %s is not on machine b after 15 s", vip)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
