package generators

import (
	"fmt"
	"sort"

	"github.com/zonegen/zonegen/internal/workers"
	"github.com/zonegen/zonegen/output"
	"github.com/zonegen/zonegen/templates"
	"github.com/zonegen/zonegen/topology"
)

// generator makes one kind of output from a resolved plan. Generators never read files or
// the environment: everything comes from the Plan and the template set.
type generator struct {
	// Kind is the name used by --only and in output.File.Kind, e.g. "nginx-proxy".
	Kind     string
	Generate func(plan *topology.Plan, tpl *templates.Set) ([]output.File, error)
}

// all is every generator, sorted by kind.
var all = []generator{
	// Ansible inventory, variables, roles and site.yml: hosts blocks, zone settings, proxies and pools.
	{"ansible", generateAnsible},
	// Per environment, every TLS certificate its traffic depends on, and the CA bundles that verify them.
	{"certificates", generateCertificates},
	// Per environment, every setting an operator makes by hand in Service Center or LifeTime.
	{"checklist", generateChecklist},
	// Per environment, every name to create in DNS and where it points.
	{"dns", generateDNS},
	// Per environment, every TCP flow the firewalls must allow (network-requirements.md).
	{"firewall", generateFirewall},
	// HAProxy layer-4 pool per zone with a load balancer, and the cache-invalidation pool.
	{"haproxy-lb", func(p *topology.Plan, t *templates.Set) ([]output.File, error) {
		return generatePools(p, t, "haproxy-lb.cfg.tmpl", "haproxy-cache.cfg.tmpl", ".haproxy.cfg")
	}},
	// HAProxy reverse proxy per proxy: frontend and backends, plus the route map file.
	{"haproxy-proxy", generateHAProxyProxy},
	// keepalived VRRP instance per machine of a pool or proxy whose listen address fails over.
	{"keepalived", generateKeepalived},
	// Windows hosts managed block per server: zone load balancers served locally (R7).
	{"hosts", generateHosts},
	// LifeTime registrations: each managed environment's address and HTTPS, and the LifeTime address it calls back (R8).
	{"lifetime", generateLifetime},
	// Per Linux machine with monitoring: its nginx or HAProxy status endpoint.
	{"monitor", generateMonitor},
	// nginx layer-4 pool (stream{} include) per zone with a load balancer, and the cache-invalidation pool.
	{"nginx-lb", func(p *topology.Plan, t *templates.Set) ([]output.File, error) {
		return generatePools(p, t, "nginx-lb.conf.tmpl", "nginx-cache.conf.tmpl", ".nginx.conf")
	}},
	// nginx reverse proxy per proxy (http{} include): upstreams, route map, servers.
	{"nginx-proxy", generateNginxProxy},
	// Service Center settings per environment: hostname, deployment zones and network security, with reasons.
	{"servicecenter", generateServiceCenter},
	// Idempotent SQL for the SSL-offload platform parameter, where a proxy offloads TLS (R10).
	{"sql", generateProxyHeaderSQL},
	// Graphviz drawing per environment: users, proxies, zone load balancers, front-ends.
	{"topology", generateTopology},
}

// Kinds returns every kind, sorted.
func Kinds() []string {
	kinds := make([]string, len(all))
	for i, g := range all {
		kinds[i] = g.Kind
	}
	return kinds
}

// Run checks the Plan's invariants (Plan.Check), then runs every generator (or only those in only, when not empty) and returns
// their files sorted by path. Two generators producing one path is an error.
//
// Generators run concurrently, up to GOMAXPROCS at once: each reads the Plan and executes
// templates, both safe to share, and the files are collected in kind order and sorted by
// path, so the output is byte-identical to a sequential run. The first error in kind order
// is returned. On the M bench tier this cuts render time by about a third: the five largest
// generators take 11-26 ms each (README.md, "Performance").
func Run(plan *topology.Plan, tpl *templates.Set, only []string) ([]output.File, error) {
	if err := plan.Check(); err != nil {
		return nil, err
	}
	want := map[string]bool{}
	for _, k := range only {
		want[k] = true
	}
	var gens []generator
	for _, g := range all {
		if len(want) == 0 || want[g.Kind] {
			gens = append(gens, g)
		}
	}
	results := make([][]output.File, len(gens))
	errs := make([]error, len(gens))
	workers.Each(len(gens), func(i int) {
		results[i], errs[i] = gens[i].Generate(plan, tpl)
	})

	var files []output.File
	for i, g := range gens {
		if errs[i] != nil {
			return nil, fmt.Errorf("generate %s: %w", g.Kind, errs[i])
		}
		for j := range results[i] {
			results[i][j].Kind = g.Kind
		}
		files = append(files, results[i]...)
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	for i := 1; i < len(files); i++ {
		if files[i].Path == files[i-1].Path {
			return nil, fmt.Errorf("generators %s and %s both write %s", files[i-1].Kind, files[i].Kind, files[i].Path)
		}
	}
	return files, nil
}
