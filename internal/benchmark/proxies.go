package main

import (
	"fmt"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/zonegen/zonegen/generators"
	"github.com/zonegen/zonegen/internal/benchsrc"
	"github.com/zonegen/zonegen/internal/lab"
	"github.com/zonegen/zonegen/templates"
	"github.com/zonegen/zonegen/topology"
)

// proxyResult is what the proxies pay to load one generated proxy with paths routes.
type proxyResult struct {
	paths          int // module routes of the proxy (platform routes not counted)
	nginx, haproxy []time.Duration
	// skipped names a program that is not installed.
	skippedNginx, skippedHAProxy bool
}

// benchProxies times `nginx -t` and `haproxy -c` on the proxy of a one-proxy source with 2
// module paths and with 5,000, wrapped as the tests wrap them (lab.CheckNginx: a main
// config including the http{} settings and the proxy; lab.CheckHAProxy: a minimal global
// section, then the proxy's fragment, which loads its map). Each check fails on warnings,
// so a map hash that degrades at 5,000 keys fails here rather than just getting slower.
func benchProxies(cfg config) ([]*proxyResult, error) {
	var out []*proxyResult
	for _, n := range []int{2, proxyPaths} {
		r, err := benchProxy(cfg, n)
		if err != nil {
			return nil, fmt.Errorf("proxy with %d paths: %w", n, err)
		}
		out = append(out, r)
	}
	return out, nil
}

func benchProxy(cfg config, paths int) (_ *proxyResult, err error) {
	data, err := benchsrc.Evaluate(benchsrc.Paths(paths), 0)
	if err != nil {
		return nil, err
	}
	plan, report := topology.Load(data, filepath.Base(benchsrc.SourcePath))
	if err := report.Err(); err != nil {
		return nil, err
	}
	// The lab brings the plan to loopback (names that resolve, test certificates); each
	// fragment loads its map relative to its own folder.
	dir := filepath.Join(cfg.tmp, fmt.Sprintf("proxy-%d", paths))
	l, err := lab.New(plan, dir)
	if err != nil {
		return nil, err
	}
	defer func() {
		if cerr := l.Close(); err == nil {
			err = cerr
		}
	}()
	files, err := generators.Run(l.Plan, templates.MustDefault(), []string{"haproxy-proxy", "nginx-proxy"})
	if err != nil {
		return nil, err
	}
	r := &proxyResult{}
	var nginxIncludes, haproxyFiles []string
	for _, e := range l.Plan.Environments {
		for _, p := range e.Proxies {
			for _, rt := range p.Routes {
				if !rt.Platform {
					r.paths++
				}
			}
		}
	}
	for _, f := range files {
		full := filepath.Join(dir, "files", filepath.FromSlash(f.Path))
		switch base := path.Base(f.Path); {
		case strings.HasPrefix(base, "00-") && strings.HasSuffix(base, ".nginx.conf"):
			nginxIncludes = append([]string{full}, nginxIncludes...) // http{} settings first
		case strings.HasSuffix(base, ".nginx.conf"):
			nginxIncludes = append(nginxIncludes, full)
		case strings.HasPrefix(base, "00-") && strings.HasSuffix(base, ".haproxy.cfg"):
			haproxyFiles = append([]string{full}, haproxyFiles...) // global settings first
		case strings.HasSuffix(base, ".haproxy.cfg"):
			haproxyFiles = append(haproxyFiles, full)
		}
	}
	if r.paths != paths || len(haproxyFiles) != 2 || len(nginxIncludes) != 2 {
		return nil, fmt.Errorf("want one proxy with %d paths, got %d paths, %d HAProxy and %d nginx files",
			paths, r.paths, len(haproxyFiles), len(nginxIncludes))
	}
	// Check writes the files where the includes and the map path point, and proves they
	// load without a warning before anything is timed.
	if err := l.Check(files); err != nil {
		return nil, err
	}

	reps := max(cfg.reps, 5) // a check costs tens of milliseconds: more repetitions are cheap
	if _, err := exec.LookPath("nginx"); err != nil {
		r.skippedNginx = true
	} else {
		ngx := lab.NginxConfig{HTTPIncludes: nginxIncludes}
		for range reps {
			if err := timed(&r.nginx, func() error { return lab.CheckNginx(filepath.Join(dir, "run", "nginx"), ngx) }); err != nil {
				return nil, err
			}
		}
	}
	if _, err := exec.LookPath("haproxy"); err != nil {
		r.skippedHAProxy = true
	} else {
		for range reps {
			if err := timed(&r.haproxy, func() error { return lab.CheckHAProxy(filepath.Join(dir, "run", "haproxy"), haproxyFiles...) }); err != nil {
				return nil, err
			}
		}
	}
	return r, nil
}
