package topology

// Spec is schema v1 of a zonegen source, exactly as the user wrote it (after jsonnet
// evaluation). Nothing here is defaulted or checked: Decode fills it strictly and Resolve
// validates and derives a Plan from it. Optional scalars are pointers so that "absent" and
// "zero" differ where a default depends on it.
type Spec struct {
	Name         string                  `json:"name"`
	Environments map[string]*Environment `json:"environments"`
}

// Environment is one OutSystems environment: development, quality, production or the
// dedicated LifeTime environment (possible setups, "On-premises infrastructure").
type Environment struct {
	Purpose           string             `json:"purpose"`
	Hostname          string             `json:"hostname"`
	Servers           map[string]*Server `json:"servers"`
	Zones             map[string]*Zone   `json:"zones"`
	Apps              map[string]*App    `json:"apps"`
	Proxies           map[string]*Proxy  `json:"proxies"`
	ServiceCenterZone string             `json:"serviceCenterZone"`
	HealthCheck       *HealthCheck       `json:"healthCheck"`
	LifetimeAddress   string             `json:"lifetimeAddress"`
	Manages           []string           `json:"manages"`
	// SystemModules are the System Components' URL paths (nil: DefaultSystemModules).
	SystemModules []string `json:"systemModules"`
	// InternalNetwork are extra CIDRs for Service Center's Internal Network (monitoring,
	// operators), besides the ones R10 derives.
	InternalNetwork []string `json:"internalNetwork"`
	// Machines are the Linux machines that run this environment's proxies and zone pools.
	Machines map[string]*Machine `json:"machines"`
	// CacheInvalidation is a TCP pool in front of the environment's RabbitMQ cluster
	// (cacheinvalidation.go); nil when the platform talks to one RabbitMQ directly.
	CacheInvalidation *CacheInvalidation `json:"cacheInvalidation"`
}

// CacheInvalidation is the load balancer OutSystems' cache-invalidation guide puts in front
// of a RabbitMQ cluster (docs-product cache-invalidation/high-availability.md): the
// Configuration Tool's cache invalidation service address names it, and it passes each
// connection to a node.
type CacheInvalidation struct {
	// LoadBalancer is the name (or IP address) the Configuration Tool gets as the service's
	// address.
	LoadBalancer string `json:"loadBalancer"`
	// Nodes are the RabbitMQ cluster's nodes, host names or IP addresses.
	Nodes []string `json:"nodes"`
	// Port is the nodes' AMQP port: 5672, or the TLS listener's (5671) when the
	// Configuration Tool enables TLS (cache-invalidation/enable-tls.md).
	Port int `json:"port"`
	// TLS says the nodes listen with TLS (enable-tls.md); default: Port is 5671.
	TLS *bool `json:"tls"`
	// LBMachines are the machines that run the pool.
	LBMachines []string `json:"lbMachines"`
	// Listen is where the pool accepts connections: the address its name resolves to and
	// its port (default Port).
	Listen *CacheListen `json:"listen"`
}

// CacheListen is where the cache-invalidation pool accepts connections.
type CacheListen struct {
	Address string `json:"address"`
	Port    int    `json:"port"`
	// VRID is keepalived's virtual_router_id when the address fails over (failover.go).
	VRID int `json:"vrid"`
}

// Machine is a Linux machine Ansible deploys proxies and pools to.
type Machine struct {
	Address string `json:"address"`
	Engine  string `json:"engine"`
	// Monitoring is the machine's status endpoint for the monitoring system (monitoring.go).
	Monitoring *Monitoring `json:"monitoring"`
	// Interface is the network interface keepalived adds the failover addresses the
	// machine shares to (failover.go); required only then.
	Interface string `json:"interface"`
}

// Monitoring is where a machine's nginx or HAProxy answers its monitoring system.
type Monitoring struct {
	Address string   `json:"address"`
	Port    int      `json:"port"`
	Allow   []string `json:"allow"`
}

// Server is a front-end or deployment controller.
type Server struct {
	Address string   `json:"address"`
	Roles   []string `json:"roles"`
	TLS     *bool    `json:"tls"`
	Ports   *Ports   `json:"ports"`
	// AnsibleHost is what Ansible connects to (an FQDN for Kerberos); default Address.
	AnsibleHost string `json:"ansibleHost"`
	// Drain takes the server out of the pools and proxies that balance over it, for
	// patching: it stays in its zones (drain.go).
	Drain bool `json:"drain"`
}

// Ports are the HTTP and HTTPS ports something answers on; 80 and 443 unless a lab says
// otherwise (OutSystems supports only 80/443, FACTS §5).
type Ports struct {
	HTTP  int `json:"http"`
	HTTPS int `json:"https"`
}

// Zone is a deployment zone (FACTS §2).
type Zone struct {
	Servers          []string `json:"servers"`
	AllServers       bool     `json:"allServers"`
	LoadBalancer     string   `json:"loadBalancer"`
	Address          string   `json:"address"`
	HTTPSInternal    bool     `json:"httpsInternal"`
	LocalCertificate bool     `json:"localCertificate"`
	// ExternalLoadBalancer says loadBalancer is not zonegen's (an F5, a NetScaler, a cloud
	// load balancer that terminates TLS): no pool is generated, and what it must do is a
	// checklist row (issue 17).
	ExternalLoadBalancer bool `json:"externalLoadBalancer"`
	// CA is the PEM bundle the zone's load balancer verifies the front-ends' certificates
	// with when it health-checks the HTTPS pool.
	CA string `json:"ca"`
	// Listen is where the zone's pool accepts connections, as for a proxy: the address its
	// load-balancer name resolves to (a VIP) and the ports (default 80/443).
	Listen *Listen `json:"listen"`
	// LBMachines are the machines that run the zone's pool.
	LBMachines []string `json:"lbMachines"`
	// Egress is the IP address the zone's load balancer connects to the front-ends from,
	// when it is not its listen address (R10: the TCP peer IIS sees).
	Egress string `json:"egress"`
	// Maintenance puts the zone behind a 503 at every generated proxy (maintenance.go).
	Maintenance *Maintenance `json:"maintenance"`
}

// Maintenance is a zone's maintenance window at the proxies: its routes answer 503 with
// Retry-After, except to the sources in Allow (the team testing the zone before reopening).
type Maintenance struct {
	Allow []string `json:"allow"`
	// RetryAfter is the Retry-After the 503 carries, in seconds; default 300.
	RetryAfter int `json:"retryAfter"`
}

// App is an OutSystems application; it lives in exactly one zone (FACTS §2).
type App struct {
	Zone    string   `json:"zone"`
	Modules []string `json:"modules"`
	Mobile  bool     `json:"mobile"`
}

// Proxy is a reverse proxy publishing some zones under one host name.
type Proxy struct {
	Host        string   `json:"host"`
	TLS         string   `json:"tls"`
	Certificate string   `json:"certificate"`
	CA          string   `json:"ca"`
	Zones       []string `json:"zones"`
	Balance     string   `json:"balance"`
	Listen      *Listen  `json:"listen"`
	Platform    bool     `json:"platform"`
	Allow       []string `json:"allow"`
	// RealIPFrom are the WAF, CDN or load balancer in front of the proxy (CIDRs or IP
	// addresses): from them, the client is the last address of X-Forwarded-For.
	RealIPFrom []string `json:"realIpFrom"`
	// Egress is the IP address the proxy connects upstream from, when it is neither its
	// listen address nor its host (R10: the TCP peer IIS sees).
	Egress string  `json:"egress"`
	Limits *Limits `json:"limits"`
	// HSTS makes the proxy the one place that sends Strict-Transport-Security (hsts.go).
	HSTS *HSTS `json:"hsts"`
	// Machines are the machines that run the proxy.
	Machines []string `json:"machines"`
}

// HSTS is the Strict-Transport-Security policy a TLS proxy sends with every HTTPS answer.
type HSTS struct {
	// MaxAge is how long browsers keep the policy, in seconds; unset is a year, 0 tells
	// them to forget it (RFC 6797 §6.1.1).
	MaxAge *int `json:"maxAge"`
	// IncludeSubDomains extends the policy to every name under the proxy's host.
	IncludeSubDomains bool `json:"includeSubDomains"`
}

// Limits are the request and response sizes a proxy accepts, as sizes with a binary unit
// ("256MiB", "32KiB", "512B"); unset fields take the defaults of topology/limits.go.
type Limits struct {
	Body            string `json:"body"`
	RequestHeaders  string `json:"requestHeaders"`
	ResponseHeaders string `json:"responseHeaders"`
}

// Listen is where a proxy or a zone's pool accepts connections.
type Listen struct {
	Address string `json:"address"`
	HTTP    int    `json:"http"`
	HTTPS   int    `json:"https"`
	// VRID is keepalived's virtual_router_id for an address that fails over between
	// machines (failover.go); default the address's last byte.
	VRID int `json:"vrid"`
}

// HealthCheck replaces the default TCP check with an HTTP one; OutSystems has no built-in
// health endpoint, so this is a page the team publishes (FACTS §5).
type HealthCheck struct {
	Path   string `json:"path"`
	Expect string `json:"expect"`
}
