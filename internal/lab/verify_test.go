package lab_test

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/zonegen/zonegen/internal/lab"
	"github.com/zonegen/zonegen/internal/lab/labtest"
)

// find returns the probes of proxy (or pool) whose path is path.
func find(probes []lab.Probe, env, proxy, path string) []lab.Probe {
	var out []lab.Probe
	for _, p := range probes {
		if p.Env == env && p.Proxy == proxy && p.Path == path {
			out = append(out, p)
		}
	}
	return out
}

// TestProbesSayWhatAnswered checks the structured results `zonegen verify` prints: each
// probe names its proxy, engine, request, what the plan expects and what answered.
func TestProbesSayWhatAnswered(t *testing.T) {
	l := startLab(t, labtest.Acme(), lab.Options{LB: lab.HAProxy})
	startProxies(t, l, lab.Nginx)
	ctx := context.Background()
	probes := append(l.ProbePools(ctx), l.ProbeProxies(ctx)...)
	if f := lab.Failures(probes); len(f) > 0 {
		t.Fatalf("%d probes failed, first: %+v", len(f), f[0])
	}
	for _, c := range []struct {
		env, proxy, path string
		engine           lab.Impl
		want, got        string // got is a regular expression
	}{
		{"prod", "www", "/App2InDZ2/Page?q=1", lab.Nginx, "zone DZ2", `^fe[34] \(zone DZ2\)$`},
		{"prod", "www", "/App1InDZ1x/", lab.Nginx, "404", `^404$`},
		{"prod", "www", "//App/", lab.Nginx, "400", `^400$`},
		{"prod", "intra", "/ServiceCenter/x", lab.Nginx, "403 from an outsider", `^403$`},
		{"prod", "intra", "/servicecenter", lab.Nginx, "zone Global from an allowed source", `^fe[1-4] \(zone Global\)$`},
		{"prod", "www", "http://www.acme.test/App/x?y=1", lab.Nginx, "308 https", `^308 https$`},
		{"prod", "pool DZ2", "https://lb2.acme.test/", lab.HAProxy, "fe3, fe4 in turn", `^(fe3 fe4 fe3 fe4|fe4 fe3 fe4 fe3)$`},
		{"dev", "pool Global", "http://10.1.2.10/", lab.HAProxy, "dev1, dev2 in turn", `^dev[12] dev[12] dev[12] dev[12]$`},
	} {
		got := find(probes, c.env, c.proxy, c.path)
		if len(got) != 1 {
			t.Errorf("%s/%s %s: %d probes, want 1", c.env, c.proxy, c.path, len(got))
			continue
		}
		p := got[0]
		if p.Engine != c.engine || p.Want != c.want || !regexp.MustCompile(c.got).MatchString(p.Got) || !p.OK || p.Detail != "" {
			t.Errorf("%s/%s %s: %+v, want engine %s, want %q, got matching %s, ok", c.env, c.proxy, c.path, p, c.engine, c.want, c.got)
		}
	}
	// One pool probe per listener: DZ1, DZ2 and Global over HTTP and HTTPS; dev's servers
	// answer HTTP only; DZ3 has no load balancer.
	if n := len(l.ProbePools(ctx)); n != 7 {
		t.Errorf("%d pool probes, want 7", n)
	}
}

// TestProbePoolsCatchesAMissingFrontEnd stops a front-end: the pool still answers (from the
// other one), but round robin no longer reaches every front-end of the zone.
func TestProbePoolsCatchesAMissingFrontEnd(t *testing.T) {
	l := startLab(t, labtest.Acme(), lab.Options{LB: lab.Nginx})
	if err := l.Backend("prod", "fe1").Stop(); err != nil {
		t.Fatal(err)
	}
	probes := l.ProbePools(context.Background())
	var failed []string
	for _, p := range lab.Failures(probes) {
		failed = append(failed, p.Env+"/"+p.Proxy+" "+p.Path)
		if p.Engine != lab.Nginx || strings.Contains(p.Got, "fe1") || !strings.Contains(p.Detail, "do not start with each of") {
			t.Errorf("%+v: want an nginx round robin failure without fe1", p)
		}
	}
	want := "prod/pool DZ1 http://lb1.acme.test/, prod/pool DZ1 https://lb1.acme.test/, prod/pool Global http://lb0.acme.test/, prod/pool Global https://lb0.acme.test/"
	if strings.Join(failed, ", ") != want {
		t.Errorf("failed pools: %v, want %s", failed, want)
	}
	if err := l.VerifyPools(context.Background()); err == nil || !strings.Contains(err.Error(), "pool DZ1 (environment prod, nginx)") {
		t.Errorf("VerifyPools: %v, want the failures by pool", err)
	}
}

func TestAvailableNamesTheMissingProgram(t *testing.T) {
	l := labtest.New(t, labtest.Acme())
	t.Setenv("PATH", t.TempDir())
	for _, impl := range []lab.Impl{lab.Nginx, lab.HAProxy} {
		err := l.Available(impl)
		if err == nil || !strings.Contains(err.Error(), string(impl)+" is not installed") || !strings.Contains(err.Error(), "make deps") {
			t.Errorf("Available(%s) with an empty PATH: %v", impl, err)
		}
	}
	if err := l.Available("apache"); err == nil {
		t.Error("Available accepted an unknown program")
	}
}
