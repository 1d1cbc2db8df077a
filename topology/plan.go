package topology

import (
	"net"
	"strconv"
)

// Plan is the resolved infrastructure: every default applied, every rule checked, every
// derived value carrying the rule that produced it. Generators read only a Plan. All slices
// are sorted by name so that output is deterministic.
type Plan struct {
	// Name is the infrastructure's name (Spec.Name), used in file headers.
	Name string
	// Source is the source file's base name, used in file headers.
	Source       string
	Environments []*EnvPlan
	// Lifetime is nil when no environment has purpose "lifetime".
	Lifetime *LifetimePlan
}

// Rule names a rule of DESIGN.md ("R1".."R9") or "explicit" for a value the source set.
type Rule string

// Rules of DESIGN.md; each comment names the seed it comes from.
const (
	Explicit      Rule = "explicit"
	RuleLifeTime  Rule = "R1" // possible setups: LifeTime must run in a dedicated environment
	RuleZoneAddr  Rule = "R2" // scenarios 3-5; recommended network architecture (farm)
	RuleMember    Rule = "R3" // FACTS §2: System Components only in zones with all front-ends
	RuleHostname  Rule = "R4" // scenarios 1-4, 6
	RuleMobile    Rule = "R5" // recommended network architecture: client-side calls use the environment URL
	RuleRouting   Rule = "R6" // scenario 4; FACTS §4-5
	RuleHosts     Rule = "R7" // possible setups, "Using reverse proxies"
	RuleLTAddress Rule = "R8" // scenarios 7-9
	RuleUnique    Rule = "R9"
	RuleNetSec    Rule = "R10" // docs-howtos reverse-proxy-config.md §C; notes/production.md §2
)

// Derived is a value with the rule that produced it and a one-line reason.
type Derived struct {
	Value  string
	Rule   Rule
	Reason string
}

// Derivation is one derived value of an environment, for `zonegen explain` and the
// "reasons" of servicecenter.json. Key is relative to the environment, e.g. "hostname" or
// "deploymentZones.DZ1.address".
type Derivation struct {
	Key string
	Derived
}

// EnvPlan is one resolved environment.
type EnvPlan struct {
	Name    string
	Purpose string // development | quality | production | lifetime
	// Hostname is Service Center's Hostname (R4).
	Hostname          Derived
	ServiceCenterZone string
	Servers           []*ServerPlan // front-ends and controllers
	Zones             []*ZonePlan
	Apps              []*AppPlan
	Proxies           []*ProxyPlan
	HealthCheck       *HealthCheck // nil: TCP checks
	// LifetimeAddress is the address LifeTime registers this environment with (R8); nil
	// for the LifeTime environment itself and for environments no LifeTime manages.
	LifetimeAddress *Derived
	// LifetimeServers are the LifeTime environment's server addresses, which call this
	// environment (R8); nil when no LifeTime manages it.
	LifetimeServers []string
	// LifetimeCallback is the LifeTime address this environment calls back (R8), nil when
	// no LifeTime manages it.
	LifetimeCallback *Derived
	// SystemModules are the System Components' paths, routed to Service Center's zone by
	// every proxy that publishes apps, sorted (FACTS.md "System Components").
	SystemModules []string
	// Machines are the Linux machines declared in this environment, sorted by name; proxies
	// and zones of any environment may name them.
	Machines []*MachinePlan
	// Network is Service Center's Network Security and the SSL-offload parameter (R10).
	Network NetworkSecurity
	// CacheInvalidation is the pool in front of the RabbitMQ cluster (cacheinvalidation.go);
	// nil for none.
	CacheInvalidation *CachePool
}

// Machine engines: what a Linux machine runs its proxies and pools with.
const (
	EngineNginx   = "nginx"
	EngineHAProxy = "haproxy"
)

// MachinePlan is one Linux machine that runs proxies and zone pools.
type MachinePlan struct {
	Name    string
	Address string // default: the name
	Engine  string // nginx | haproxy
	// Monitoring is the machine's status endpoint (machines.M.monitoring); nil for none.
	Monitoring *MonitoringPlan
	// Interface is where keepalived adds the failover addresses the machine holds
	// (machines.M.interface); "" when it holds none.
	Interface string
}

// MonitoringPlan is where a machine's engine answers its monitoring system (monitoring.go).
type MonitoringPlan struct {
	Address string   // an IP address of the machine
	Port    int      // default 8404
	Allow   []string // canonical CIDRs: monitoring.allow, else the environment's internalNetwork
	// AllowReason says where Allow comes from: "monitoring.allow", or the environment's
	// internalNetwork.
	AllowReason string
}

// NetworkSecurity is what R10 derives for Service Center > Administration > Security >
// Network Security and the platform parameter of SSL offloading (reverse-proxy-config.md §C).
// Every value is an IP address or CIDR, with its reason in Derived.Reason.
type NetworkSecurity struct {
	// ProxyHeader is OutSystems.HubEdition.HTTPtoHTTPSproxyHeader; nil when no proxy
	// offloads TLS.
	ProxyHeader *Derived
	// TrustedProxies are the TCP peers IIS sees for proxied requests: their
	// X-Forwarded-For and X-Forwarded-Proto are believed.
	TrustedProxies []Derived
	// InternalNetwork are the Internal network addresses.
	InternalNetwork []Derived
	// Unresolved are machines that belong in InternalNetwork but are known only by name:
	// Value is the name, to be entered as its IP address.
	Unresolved []Derived
}

// ServerPlan is one server of an environment.
type ServerPlan struct {
	Name       string
	Address    string
	Frontend   bool
	Controller bool
	TLS        bool
	Ports      Ports
	// AnsibleHost is what Ansible connects to: ansibleHost, else Address.
	AnsibleHost string
	// Drain says the pools and proxies that balance over the server send it nothing new
	// (servers.S.drain, for patching); it stays in its zones.
	Drain bool
	// TLSName is the name the server's certificate covers, which the pools' HTTPS checks
	// send as SNI and verify: its address when that is a DNS name (tls: its certificate
	// covers its own name, R2); "" when it is known only by an IP address.
	TLSName string
	// Zones lists the zones holding this server (R3), sorted.
	Zones []string
	// Hosts are the hosts-file entries of this server (R7), sorted by name.
	Hosts []HostsEntry
	// SkippedHosts are zones whose address is not mapped, with the reason (R7).
	SkippedHosts []HostsEntry
}

// HostsEntry maps Name to 127.0.0.1 on one server, for Zone.
type HostsEntry struct {
	Name   string
	Zone   string
	Reason string
}

// ZonePlan is one resolved deployment zone.
type ZonePlan struct {
	Name string
	// Address is the Deployment Zone Address (R2).
	Address      Derived
	LoadBalancer string // "" when the zone has none
	// External says the load balancer is not zonegen's (externalLoadBalancer): no pool is
	// generated; it terminates TLS with a certificate of its own for the zone address.
	External bool
	// Maintenance is the zone's maintenance window at the proxies (zones.Z.maintenance);
	// nil when the zone is open.
	Maintenance *MaintenancePlan
	// ExternalNeeds lists, for an external load balancer, what reaches the zone address over
	// HTTPS and so verifies its certificate, sorted (checklist.md).
	ExternalNeeds []string
	HTTPSInternal bool
	AllServers    bool
	// Certificate is the zone's one certificate fact (R2): its front-ends hold a certificate
	// covering Address, and what needs it.
	Certificate ZoneCertificate
	// CA verifies the front-ends' certificates in the HTTPS pool's health check.
	CA string
	// Servers are the front-ends of the zone (R3), sorted.
	Servers []string
	// Apps are the applications published to the zone, sorted.
	Apps []string
	// Ports are the ports the zone's load balancer listens on.
	Ports Ports
	// BindAddress is what a generated pool binds: zones.Z.listen.address, else the load
	// balancer when it is an IP literal, else "" (all addresses).
	BindAddress string
	// LBMachines are the machines that run the zone's pool, sorted.
	LBMachines []string
	// LBMachineAddrs are LBMachines' addresses, in the same order (dns.md: where the zone
	// address points without a listen address).
	LBMachineAddrs []string
	// Proxied says a proxy sends to the pool (balance: zone), so its egress is a trusted
	// proxy (R10) and IIS believes the X-Forwarded-For that reaches it through the pool.
	Proxied bool
	// Egress is the address the load balancer connects to the front-ends from, which the
	// pool binds: zones.Z.egress, else BindAddress, else the address of its one machine when
	// an IP literal, else "" (unknown, or a pool that fails over: FromAddrs; R10).
	Egress string
	// Failover is the listen address keepalived moves between LBMachines (failover.go);
	// nil unless the pool listens on one address on two machines or more.
	Failover *Failover
}

// Pool says zonegen generates the zone's load balancer: it has one, and it is not external.
func (z *ZonePlan) Pool() bool { return z.LoadBalancer != "" && !z.External }

// AppPlan is one application.
type AppPlan struct {
	Name    string
	Zone    string
	Modules []string // URL path segments, as written, sorted
	Mobile  bool
}

// ProxyPlan is one resolved reverse proxy: listeners, upstreams and the route table (R6).
type ProxyPlan struct {
	Name string
	// ID is a config-safe identifier unique in the whole Plan ("<env>_<proxy>", lower case,
	// '-' as '_'), for names that share one nginx or HAProxy (upstreams, backends, variables).
	ID          string
	Host        string
	TLS         string // offload | reencrypt | none
	Certificate string // PEM (certificate + key) for the client-facing TLS listener
	CA          string // PEM bundle that verifies upstream certificates (reencrypt)
	Balance     string // zone | servers
	Listen      Listen
	Platform    bool
	// Allow are CIDRs allowed to reach platform routes; empty means nobody.
	Allow []string
	// AllowReason says where a derived Allow comes from; "" for the allow list as written.
	AllowReason string
	// RealIPFrom are the peers (canonical CIDRs) whose X-Forwarded-For names the client: its
	// last address is then the client for the allow list and for X-Forwarded-For upstream.
	RealIPFrom []string
	// Limits are the sizes both engines accept; above them both refuse alike.
	Limits ProxyLimits
	// HSTS is the Strict-Transport-Security policy the proxy sends on every HTTPS answer in
	// place of the front-ends' (hsts.go); nil: the front-ends' header passes unchanged.
	HSTS *HSTSPlan
	// Egress is the address the proxy connects upstream from, which it binds:
	// proxies.P.egress, else its listen address, else its host when an IP literal, else the
	// address of its one machine when an IP literal, else "" (unknown, or a proxy that
	// fails over: FromAddrs; R10).
	Egress string
	// Failover is the listen address keepalived moves between Machines (failover.go); nil
	// unless the proxy listens on one address on two machines or more.
	Failover  *Failover
	Zones     []string // published zones, sorted
	Upstreams []*Upstream
	// Routes are sorted by Key; Key is unique within a proxy.
	Routes []Route
	// Machines are the machines that run the proxy, sorted.
	Machines []string
	// MachineAddrs are Machines' addresses, in the same order (dns.md: where the host
	// points without a listen address).
	MachineAddrs []string
}

// ProxyLimits are a proxy's size limits in bytes (topology/limits.go).
type ProxyLimits struct {
	// Body is the largest request body: above it both proxies answer 413.
	Body int64
	// RequestHeaders is the largest request head (request line and header lines): above it
	// both answer 400.
	RequestHeaders int64
	// ResponseHeaders is the largest response head from a front-end: above it both answer 502.
	ResponseHeaders int64
}

// Upstream is where a proxy sends one zone's requests.
type Upstream struct {
	// ID is a config-safe identifier, unique within the proxy ("zone_" + lower-case zone,
	// '-' as '_'); prefix it with ProxyPlan.ID where names share one nginx or HAProxy.
	ID     string
	Zone   string
	Scheme string // http | https
	// TLSName is the name verified on the upstream certificate (SNI too), https only.
	TLSName string
	Targets []Target
	// Maintenance is the zone's maintenance window (ZonePlan.Maintenance): the proxy answers
	// 503 to every source outside its Allow. nil when the zone is open.
	Maintenance *MaintenancePlan
}

// HSTSPlan is a proxy's Strict-Transport-Security policy (hsts.go).
type HSTSPlan struct {
	MaxAge            int // seconds
	IncludeSubDomains bool
}

// Header is the Strict-Transport-Security value: what both engines send and verify
// expects.
func (h *HSTSPlan) Header() string {
	v := "max-age=" + strconv.Itoa(h.MaxAge)
	if h.IncludeSubDomains {
		v += "; includeSubDomains"
	}
	return v
}

// MaintenancePlan is a zone's maintenance window at the proxies (maintenance.go).
type MaintenancePlan struct {
	// Allow are the canonical CIDRs still routed to the zone; empty means nobody.
	Allow []string
	// RetryAfter is the 503's Retry-After, in seconds.
	RetryAfter int
}

// Target is one back-end address of an upstream.
type Target struct {
	Name string // server name, or the zone name for a load balancer target
	Host string
	Port int
	// TLSName overrides Upstream.TLSName for this target (a server's own name).
	TLSName string
	// Drain says the target is a drained server: the proxy sends it nothing new.
	Drain bool
}

// Route maps the first path segment to an upstream.
type Route struct {
	Path     string // the module name as written, e.g. "App1InDZ1"
	Key      string // lower-cased Path: the map key (IIS paths are case-insensitive)
	App      string // "" for platform and system routes
	Zone     string
	Upstream string // Upstream.ID
	// Platform routes (ServiceCenter, server.api, ...) answer only for Allow.
	Platform bool
	// System routes are System Components (RichWidgets, Users, ...): open to end users.
	System bool
}

// LifetimePlan is the dedicated LifeTime environment and what it registers (R1, R8).
type LifetimePlan struct {
	Env          string
	Environments []LifetimeTarget
}

// LifetimeTarget is one environment registered in LifeTime.
type LifetimeTarget struct {
	Name     string
	Address  Derived
	UseHTTPS bool
	// Callback is the LifeTime address the environment calls back, which the registration
	// wizard asks for (lifetime-configure.md).
	Callback Derived
	// Servers are the environment's server addresses, which call LifeTime back.
	Servers []string
}

// Addr is host:port, with an IPv6 host in brackets.
func (t Target) Addr() string { return net.JoinHostPort(t.Host, strconv.Itoa(t.Port)) }

// Label is Addr, with " (drained)" for a drained server: what explain and route print.
func (t Target) Label() string {
	if t.Drain {
		return t.Addr() + " (drained)"
	}
	return t.Addr()
}
