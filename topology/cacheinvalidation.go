package topology

// The cache-invalidation pool (docs-product setup/cache-invalidation/high-availability.md,
// "Make OutSystems cache invalidation fault-tolerant"): OutSystems modules talk to one
// RabbitMQ address, so a cluster of nodes survives a node's failure only behind a TCP load
// balancer that the Configuration Tool names as the cache invalidation service's address.
// The guide's is an nginx stream pool over the nodes' port 5672 with proxy_timeout 120s and
// proxy_connect_timeout 5s; zonegen generates it for nginx and HAProxy, on the machines the
// source names, with a failover address like a zone's pool (failover.go). Its files live
// beside the zones' pools under the name CachePoolName, which no zone of the environment may
// then take (ConfigNames).

import (
	"net"
	"slices"
	"strconv"
	"strings"
)

// CachePoolName is the cache-invalidation pool's name where zones' pools have theirs: its
// files (<env>/lb/cache-invalidation.*), config prefix (PoolPrefix) and Ansible group.
const CachePoolName = "cache-invalidation"

// DefaultCachePort is RabbitMQ's AMQP port, which the Configuration Tool's cache invalidation
// service uses (network-requirements.md; 5671 with TLS, cache-invalidation/enable-tls.md).
const DefaultCachePort = 5672

// TLSCachePort is the TLS listener's port in cache-invalidation/enable-tls.md.
const TLSCachePort = 5671

// CachePool is an environment's resolved cache-invalidation pool.
type CachePool struct {
	// LoadBalancer is the address the Configuration Tool's cache invalidation service gets.
	LoadBalancer string
	// Nodes are the RabbitMQ nodes, sorted by host.
	Nodes []CacheNode
	// Port is the port the pool listens on: listen.port, else the nodes' port.
	Port int
	// TLS says the nodes answer with TLS, so each node's certificate must cover LoadBalancer,
	// the name the platform connects to (enable-tls.md): tls, else Port 5671.
	TLS bool
	// BindAddress is what the pool binds: listen.address, else the load balancer when an
	// IP literal, else "" (all addresses).
	BindAddress string
	// LBMachines are the machines that run the pool, sorted; LBMachineAddrs their addresses.
	LBMachines, LBMachineAddrs []string
	// Failover is the listen address keepalived moves between LBMachines; nil unless the
	// pool listens on one address on two machines or more.
	Failover *Failover
}

// CacheNode is one RabbitMQ node behind the pool.
type CacheNode struct {
	Host string
	Port int
}

// Addr is host:port, with an IPv6 host in brackets.
func (n CacheNode) Addr() string { return net.JoinHostPort(n.Host, strconv.Itoa(n.Port)) }

// cacheOwner is what the messages call the pool.
const cacheOwner = "the cache-invalidation pool"

func (r *resolver) cacheInvalidation(path string, env *Environment, ep *EnvPlan) {
	c := env.CacheInvalidation
	if c == nil {
		return
	}
	cp := path + ".cacheInvalidation"
	pool := &CachePool{LoadBalancer: c.LoadBalancer, Port: c.Port}
	switch {
	case c.LoadBalancer == "":
		r.errorf(cp+".loadBalancer", "", "name the address the Configuration Tool will get as the cache invalidation service's, e.g. loadBalancer: 'rabbitmq.example.com'",
			"missing loadBalancer")
	case r.host(cp+".loadBalancer", c.LoadBalancer):
		if isIP(c.LoadBalancer) {
			pool.BindAddress = c.LoadBalancer
		}
		// R7 maps a zone's load-balancer name to 127.0.0.1 on the zone's front-ends: the
		// same name would send their RabbitMQ connections to themselves.
		for _, z := range ep.Zones {
			if !isIP(c.LoadBalancer) && (strings.EqualFold(z.LoadBalancer, c.LoadBalancer) || strings.EqualFold(z.Address.Value, c.LoadBalancer)) {
				r.errorf(cp+".loadBalancer", RuleHosts, "give the cache-invalidation pool a name of its own",
					"%s is also zone %s's load balancer or address, which the zone's front-ends map to 127.0.0.1: their cache invalidation would go to themselves", quote(c.LoadBalancer), z.Name)
			}
		}
	}
	if pool.Port == 0 {
		pool.Port = DefaultCachePort
	} else if pool.Port < 1 || pool.Port > 65535 {
		r.errorf(cp+".port", "", "RabbitMQ's AMQP port: 5672, or 5671 with TLS", "invalid port %d", pool.Port)
	}
	nodePort := pool.Port
	pool.TLS = nodePort == TLSCachePort
	if c.TLS != nil {
		pool.TLS = *c.TLS
	}
	if len(c.Nodes) == 0 {
		r.errorf(cp+".nodes", "", "list the RabbitMQ cluster's nodes, e.g. nodes: ['rabbitmq1.example.com', 'rabbitmq2.example.com']", "no nodes")
	}
	seen := map[string]bool{}
	for i, n := range c.Nodes {
		np := cp + ".nodes[" + strconv.Itoa(i) + "]"
		switch {
		case !r.host(np, n):
		case seen[strings.ToLower(n)]:
			r.errorf(np, "", "list it once", "node %s is listed twice", quote(n))
		default:
			seen[strings.ToLower(n)] = true
			pool.Nodes = append(pool.Nodes, CacheNode{Host: n, Port: nodePort})
		}
	}
	slices.SortFunc(pool.Nodes, func(a, b CacheNode) int { return compareAddr(a.Host, b.Host) })
	vrid := 0
	if l := c.Listen; l != nil {
		if a := r.listenAddress(cp+".listen.address", l.Address, "the IP address the pool's name resolves to, its VIP"); a != "" {
			pool.BindAddress = a
		}
		switch {
		case l.Port == 0:
		case l.Port < 1 || l.Port > 65535:
			r.errorf(cp+".listen.port", "", "a TCP port, or leave it out for the nodes' port", "invalid port %d", l.Port)
		default:
			pool.Port = l.Port
		}
		vrid = l.VRID
	}
	pool.LBMachines = r.machineRefs(cp+".lbMachines", c.LBMachines)
	pool.LBMachineAddrs = r.machineAddrs(pool.LBMachines)
	pool.Failover = r.failover(cp, cacheOwner, PoolPrefix(ep.Name, CachePoolName), pool.BindAddress, vrid, inOrder(c.LBMachines, pool.LBMachines))
	ep.CacheInvalidation = pool
}
