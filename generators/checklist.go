package generators

import (
	"fmt"
	"path"
	"strconv"
	"strings"

	"github.com/zonegen/zonegen/output"
	"github.com/zonegen/zonegen/templates"
	"github.com/zonegen/zonegen/topology"
)

// ProxyHeaderSQLFile is the SQL file's name inside the environment's folder.
const ProxyHeaderSQLFile = "HTTPtoHTTPSproxyHeader.sql"

// checklistData is what checklist.md.tmpl renders. Every string is already markdown-safe:
// Text fields escaped, Code fields fit for a code span (mdText, mdCode).
type checklistData struct {
	Plan         *topology.Plan
	Env          string
	Purpose      string
	Hostname     checkItem
	Zones        []checkZone
	Certificates []checkCertificate // zones whose certificate fact something needs (R2)
	Pools        []checkPool        // zones with a load balancer zonegen generates
	External     []checkExternal    // zones whose load balancer is not zonegen's
	Header       *checkItem         // nil: no proxy offloads TLS
	SQLFile      string
	Trusted      []checkItem
	Internal     []checkItem
	Unresolved   []checkItem
	Lifetime     []checkLifetime // the LifeTime environment: one per registered environment
	RegisteredAt *checkLifetime  // a managed environment: how LifeTime registers it
	Cache        *checkCache     // nil: no cache-invalidation pool
	HSTS         []checkHSTS     // proxies with hsts
}

// checkHSTS is a proxy's Strict-Transport-Security policy (topology/hsts.go); Under is the
// host every name under which the policy covers, "" without includeSubDomains.
type checkHSTS struct{ Proxy, Host, Header, Under string }

// checkCache is the Configuration Tool's side of the cache-invalidation pool
// (cache-invalidation/high-availability.md, steps 4 and 5; enable-tls.md).
type checkCache struct {
	LoadBalancer, Port, Nodes, Machines, Listen string
	TLS                                         bool // the nodes answer with TLS
}

type checkItem struct{ Code, Text string }

type checkZone struct {
	Name, Address, Reason, Servers string
	HTTPS, AllServers              bool
}

type checkCertificate struct{ Zone, Address, Servers, Why string }

// checkPool is what a zone's load balancer needs on its machines: the address it listens on
// (its name resolves to it), the one it connects from (it binds it, R10) and the CA bundle
// its HTTPS checks verify the front-ends with.
type checkPool struct{ Zone, LoadBalancer, Machines, Listen, Egress, CA string }

// checkExternal is what a zone's external load balancer must do, which no generated file
// does for it (issue 17): answer on the zone address with a certificate covering it where
// HTTPS reaches it, balance over the zone's front-ends, connect from its egress, and tell
// IIS the client.
type checkExternal struct {
	Zone, LoadBalancer, Address, Servers, Egress, Needs string
}

type checkLifetime struct{ Env, Address, Callback, Reason, CallbackReason string }

func generateChecklist(plan *topology.Plan, tpl *templates.Set) ([]output.File, error) {
	var files []output.File
	for _, env := range plan.Environments {
		d := checklistData{Plan: plan, Env: mdCode(env.Name), Purpose: mdText(env.Purpose),
			Hostname: item(env.Hostname), SQLFile: ProxyHeaderSQLFile}
		for _, z := range env.Zones {
			d.Zones = append(d.Zones, checkZone{Name: mdCode(z.Name), Address: mdCode(z.Address.Value),
				Reason: mdText(reasonText(z.Address)), Servers: mdText(strings.Join(z.Servers, ", ")),
				HTTPS: z.HTTPSInternal, AllServers: z.AllServers})
			if z.Pool() {
				d.Pools = append(d.Pools, poolItem(z))
			}
			if z.External {
				d.External = append(d.External, externalItem(env, z))
			}
			if c := z.Certificate; c.Holds && len(c.Needs) > 0 {
				d.Certificates = append(d.Certificates, checkCertificate{Zone: mdCode(z.Name), Address: mdCode(z.Address.Value),
					Servers: mdText(strings.Join(z.Servers, ", ")), Why: mdText(strings.Join(c.Needs, "; "))})
			}
		}
		ns := env.Network
		if ns.ProxyHeader != nil {
			h := item(*ns.ProxyHeader)
			d.Header = &h
		}
		d.Trusted = items(ns.TrustedProxies)
		d.Internal = items(ns.InternalNetwork)
		d.Unresolved = items(ns.Unresolved)
		if lt := plan.Lifetime; lt != nil && lt.Env == env.Name {
			for _, t := range lt.Environments {
				d.Lifetime = append(d.Lifetime, lifetimeItem(t))
			}
		} else if env.LifetimeAddress != nil && env.LifetimeCallback != nil {
			li := lifetimeItem(topology.LifetimeTarget{Name: env.Name, Address: *env.LifetimeAddress, Callback: *env.LifetimeCallback})
			d.RegisteredAt = &li
		}
		if c := env.CacheInvalidation; c != nil {
			d.Cache = cacheItem(c)
		}
		for _, p := range env.Proxies {
			if p.HSTS != nil {
				h := checkHSTS{Proxy: mdCode(p.Name), Host: mdCode(p.Host), Header: mdCode("Strict-Transport-Security: " + p.HSTS.Header())}
				if p.HSTS.IncludeSubDomains {
					h.Under = mdCode(p.Host)
				}
				d.HSTS = append(d.HSTS, h)
			}
		}
		data, err := tpl.Render("checklist.md.tmpl", d)
		if err != nil {
			return nil, fmt.Errorf("checklist of %s: %w", env.Name, err)
		}
		files = append(files, output.File{Path: path.Join(env.Name, "checklist.md"), Data: data, Env: env.Name})
	}
	return files, nil
}

func poolItem(z *topology.ZonePlan) checkPool {
	p := checkPool{Zone: mdCode(z.Name), LoadBalancer: mdCode(z.LoadBalancer), Machines: mdText(strings.Join(z.LBMachines, ", ")),
		Listen: "all addresses", Egress: "unknown: set `egress`", CA: mdCode(z.CA)}
	if p.Machines == "" {
		p.Machines = "none named: your inventory's"
	}
	if z.BindAddress != "" {
		p.Listen = listenText(z.BindAddress)
	}
	if f := z.Failover; f != nil {
		p.Listen += " (fails over: keepalived)"
		p.Egress = addrList(z.FromAddrs()) + " (each machine's own)"
	} else if z.Egress != "" {
		p.Egress = mdCode(z.Egress)
	}
	return p
}

// listenText is a set listen address for markdown: the address, or what "::" takes.
func listenText(addr string) string {
	if topology.DualStack(addr) {
		return "every IPv4 and IPv6 address"
	}
	return mdCode(addr)
}

func cacheItem(c *topology.CachePool) *checkCache {
	var nodes []string
	for _, n := range c.Nodes {
		nodes = append(nodes, mdCode(n.Addr()))
	}
	cc := &checkCache{LoadBalancer: mdCode(c.LoadBalancer), TLS: c.TLS, Port: mdCode(strconv.Itoa(c.Port)), Nodes: strings.Join(nodes, ", "),
		Machines: mdText(strings.Join(c.LBMachines, ", ")), Listen: "all addresses"}
	if cc.Machines == "" {
		cc.Machines = "none named: your inventory's"
	}
	if c.BindAddress != "" {
		cc.Listen = listenText(c.BindAddress)
	}
	if c.Failover != nil {
		cc.Listen += " (fails over: keepalived)"
	}
	return cc
}

func externalItem(env *topology.EnvPlan, z *topology.ZonePlan) checkExternal {
	x := checkExternal{Zone: mdCode(z.Name), LoadBalancer: mdCode(z.LoadBalancer), Address: mdCode(z.Address.Value),
		Egress: "unknown: set `egress`", Needs: "nothing zonegen knows of"}
	var servers []string
	for _, sn := range z.Servers {
		if s := env.Server(sn); s != nil {
			ports := strconv.Itoa(s.Ports.HTTP)
			if s.TLS {
				ports += ", " + strconv.Itoa(s.Ports.HTTPS)
			}
			servers = append(servers, mdCode(s.Address)+" ("+ports+")")
		}
	}
	x.Servers = strings.Join(servers, ", ")
	if z.Egress != "" {
		x.Egress = mdCode(z.Egress)
	}
	if len(z.ExternalNeeds) > 0 {
		x.Needs = mdText(strings.Join(z.ExternalNeeds, "; "))
	}
	return x
}

func lifetimeItem(t topology.LifetimeTarget) checkLifetime {
	li := checkLifetime{Env: mdCode(t.Name), Address: mdCode(t.Address.Value), Reason: mdText(reasonText(t.Address))}
	if t.Callback.Value != "" {
		li.Callback, li.CallbackReason = mdCode(t.Callback.Value), mdText(reasonText(t.Callback))
	}
	return li
}

func item(d topology.Derived) checkItem {
	return checkItem{Code: mdCode(d.Value), Text: mdText(reasonText(d))}
}

func items(ds []topology.Derived) []checkItem {
	var out []checkItem
	for _, d := range ds {
		out = append(out, item(d))
	}
	return out
}

// mdSpecial are the characters that start markdown syntax inline, escaped with a backslash
// so that a value can never become a link, an HTML tag, a heading or a table cell border.
var mdSpecial = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", `*`, `\*`, `_`, `\_`, `[`, `\[`, `]`, `\]`, `<`, `\<`, `>`, `\>`,
	`|`, `\|`, `#`, `\#`, "\r", " ", "\n", " ")

// mdText makes s safe as markdown text on one line.
func mdText(s string) string { return mdSpecial.Replace(s) }

// mdCode makes s a code span. Validated names and addresses never hold a backtick, '|' or a
// line break; should one get here, it is written as escaped text instead, not as code.
func mdCode(s string) string {
	if strings.ContainsAny(s, "`|\r\n") {
		return mdText(s)
	}
	return "`" + s + "`"
}

// generateProxyHeaderSQL writes <env>/HTTPtoHTTPSproxyHeader.sql for every environment with an
// offloading proxy: the OSSYS_PARAMETER row of reverse-proxy-config.md §C, made idempotent
// (update, then insert when missing) so that running it twice changes nothing.
func generateProxyHeaderSQL(plan *topology.Plan, tpl *templates.Set) ([]output.File, error) {
	var files []output.File
	for _, env := range plan.Environments {
		h := env.Network.ProxyHeader
		if h == nil {
			continue
		}
		data, err := tpl.Render("proxy-header.sql.tmpl", struct {
			Plan        *topology.Plan
			Env, Reason string
			Name, Value string
		}{plan, sqlComment(env.Name), sqlComment(reasonText(*h)), sqlString(topology.ProxyHeaderParameter), sqlString(h.Value)})
		if err != nil {
			return nil, fmt.Errorf("%s of %s: %w", ProxyHeaderSQLFile, env.Name, err)
		}
		files = append(files, output.File{Path: path.Join(env.Name, ProxyHeaderSQLFile), Data: data, Env: env.Name})
	}
	return files, nil
}

// sqlString is s as an SQL string literal: quotes doubled, nothing else can end it.
func sqlString(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// sqlComment makes s safe inside a "--" comment: one line.
func sqlComment(s string) string { return strings.NewReplacer("\r", " ", "\n", " ").Replace(s) }
