package lab

import (
	"context"
	"net/http"
	"strconv"
	"strings"
)

// ProbeMonitors probes the monitoring endpoint (machines.M.monitoring) of every machine of
// engine impl, running now (StartProxies loads them with the proxies): from its allow
// list, /healthz answers "ok" and the engine's status page its own content (nginx
// stub_status, HAProxy's Prometheus exporter and stats page), any other path 404; from
// outside the list, 403.
func (l *Lab) ProbeMonitors(ctx context.Context, impl Impl) []Probe {
	var out []Probe
	for _, env := range l.Plan.Environments {
		for _, m := range env.Machines {
			mon := m.Monitoring
			if mon == nil || Impl(m.Engine) != impl {
				continue
			}
			ep := Endpoint{Addr: mon.HostPort()}
			probe := func(source, target string, status int, want, contains string) {
				pr := Probe{Env: env.Name, Proxy: "monitoring of " + m.Name, Engine: impl, Path: target, Source: source,
					Want: strconv.Itoa(status) + " " + strings.TrimSpace(want+contains), OK: true}
				defer func() { out = append(out, pr) }()
				resp, err := l.Client(source).Do(ctx, ep, Request{Target: target, Host: m.Name})
				if err != nil {
					pr.Got = "no answer"
					pr.failf("GET %s from %s: %v", target, source, err)
					return
				}
				body := string(resp.Body)
				pr.Got = strconv.Itoa(resp.Status)
				if resp.Status != status || want != "" && body != want || !strings.Contains(body, contains) {
					pr.failf("GET %s from %s: got %d %q, want %d %q", target, source, resp.Status, truncate(resp.Body), status, want+contains)
				}
			}
			allowed := l.monitorAllowed[m.Name]
			if len(allowed) == 0 {
				continue // its list holds loopback as a whole: nothing to tell apart
			}
			src := allowed[0]
			probe(src, "/healthz", http.StatusOK, "ok\n", "")
			if impl == Nginx {
				probe(src, "/stub_status", http.StatusOK, "", "Active connections:")
			} else {
				probe(src, "/metrics", http.StatusOK, "", "haproxy_process_")
				probe(src, "/stats", http.StatusOK, "", "Statistics Report")
			}
			probe(src, "/zonegen-no-such-path", http.StatusNotFound, BodyNoRoute, "")
			if !inList(mon.Allow, l.Outsider) {
				probe(l.Outsider, "/healthz", http.StatusForbidden, BodyForbidden, "")
			}
		}
	}
	return out
}

// monitorListeners are the addresses of the monitoring endpoints impl runs.
func (l *Lab) monitorListeners(impl Impl) []string {
	var addrs []string
	for _, env := range l.Plan.Environments {
		for _, m := range env.Machines {
			if mon := m.Monitoring; mon != nil && Impl(m.Engine) == impl {
				addrs = append(addrs, mon.HostPort())
			}
		}
	}
	return addrs
}
