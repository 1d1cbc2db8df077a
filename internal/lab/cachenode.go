package lab

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/zonegen/zonegen/topology"
)

// CacheNode is a stub RabbitMQ node behind a cache-invalidation pool: it greets each
// connection with its name and closes it. A layer-4 pool passes bytes and never speaks
// AMQP, so the greeting is all a probe needs to tell the nodes apart.
type CacheNode struct {
	// Name is the node's host in the plan the lab was made from.
	Name string
	// Addr is where it listens, as the lab's plan names it.
	Addr string

	ln      net.Listener
	wg      sync.WaitGroup
	serving sync.Once
	once    sync.Once
}

// serve answers until Stop; a second call does nothing.
func (n *CacheNode) serve() { n.serving.Do(n.acceptLoop) }

func (n *CacheNode) acceptLoop() {
	n.wg.Add(1)
	go func() {
		defer n.wg.Done()
		for {
			c, err := n.ln.Accept()
			if err != nil {
				return // Stop closed the listener
			}
			_ = c.SetWriteDeadline(time.Now().Add(5 * time.Second))
			_, _ = c.Write([]byte(n.Name + "\n"))
			_ = c.Close()
		}
	}()
}

// Stop refuses new connections at once (closeListener) and waits for the stub to end.
func (n *CacheNode) Stop() error {
	var err error
	n.once.Do(func() {
		err = closeListener(n.ln)
		n.wg.Wait()
	})
	return err
}

// CacheNodes are env's stub RabbitMQ nodes, in the plan's order; nil without a
// cache-invalidation pool.
func (l *Lab) CacheNodes(env string) []*CacheNode { return l.cacheNodes[env] }

// cachePool brings env's cache-invalidation pool to loopback: a stub node per node, listening
// before Start serves it, and the pool on a loopback address and free port.
func (l *Lab) cachePool(env *topology.EnvPlan, loopbackOf func(string) string) error {
	c := env.CacheInvalidation
	if c == nil {
		return nil
	}
	cc := *c
	cc.Nodes = nil
	for _, node := range c.Nodes {
		ln, err := Listen(nextIP())
		if err != nil {
			return err
		}
		n := &CacheNode{Name: node.Host, Addr: ln.Addr().String(), ln: ln}
		l.cacheNodes[env.Name] = append(l.cacheNodes[env.Name], n)
		a := ln.Addr().(*net.TCPAddr)
		cc.Nodes = append(cc.Nodes, topology.CacheNode{Host: a.IP.String(), Port: a.Port})
	}
	ip := nextIP()
	if c.BindAddress != "" {
		ip = loopbackOf(c.BindAddress)
	}
	port, err := FreePort(ip)
	if err != nil {
		return err
	}
	cc.BindAddress, cc.Port = ip, port
	env.CacheInvalidation = &cc
	l.pools = append(l.pools, net.JoinHostPort(ip, strconv.Itoa(port)))
	return nil
}

// ProbeCache sends env's running cache-invalidation pool two rounds of new connections:
// round robin must reach every node in turn (cache-invalidation/high-availability.md).
// Nothing when env has no such pool.
func (l *Lab) ProbeCache(ctx context.Context, env *topology.EnvPlan) []Probe {
	c := env.CacheInvalidation
	nodes := l.cacheNodes[env.Name]
	if c == nil || len(nodes) == 0 {
		return nil
	}
	var members []string
	for _, n := range nodes {
		members = append(members, n.Name)
	}
	addr := net.JoinHostPort(c.BindAddress, strconv.Itoa(c.Port))
	pr := Probe{Env: env.Name, Proxy: "pool " + topology.CachePoolName, Engine: l.lbImpl, Source: l.Outsider, OK: true,
		Path: "tcp://" + c.LoadBalancer + "/", Want: strings.Join(members, ", ") + " in turn"}
	var seq []string
	for range 2 * len(members) {
		name, err := l.CacheAnswer(ctx, env)
		if err != nil {
			seq = append(seq, "no answer")
			pr.failf("%s via %s: %v", pr.Path, addr, err)
			break
		}
		seq = append(seq, name)
	}
	pr.Got = strings.Join(seq, " ")
	if pr.OK {
		if why := roundRobin(seq, slices.Sorted(slices.Values(members))); why != "" {
			pr.failf("%s: answers %s %s", pr.Path, pr.Got, why)
		}
	}
	return []Probe{pr}
}

// CacheAnswer opens one connection to env's running cache-invalidation pool, from the
// lab's Outsider, and returns the name of the stub node that answered.
func (l *Lab) CacheAnswer(ctx context.Context, env *topology.EnvPlan) (string, error) {
	c := env.CacheInvalidation
	if c == nil {
		return "", fmt.Errorf("environment %s has no cache-invalidation pool", env.Name)
	}
	addr := net.JoinHostPort(c.BindAddress, strconv.Itoa(c.Port))
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	d := net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(l.Outsider)}}
	conn, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return "", err
	}
	defer conn.Close()
	if dl, ok := ctx.Deadline(); ok {
		_ = conn.SetDeadline(dl)
	}
	line, err := bufio.NewReader(conn).ReadString('\n')
	if err != nil {
		return "", err
	}
	return strings.TrimSuffix(line, "\n"), nil
}
