// Invalid (R7): load balancers named like other machines. R7 maps each load-balancer name to
// 127.0.0.1 on every front-end of its zone ("Using reverse proxies"), so a load balancer called
// like the deployment controller, a proxy host or another environment's server would keep
// every call to that machine on the calling server (issue 12, hole 7).
// A Linux machine is one too (DZ3: the proxy's machine), unless it runs that zone's own pool
// (DZ4: the pool machine is the load balancer).
// Must report: each of the four load balancers DZ1-DZ3 and Global, naming the machine it would
// hide; not DZ4.
{
  name: 'acme',
  environments: {
    prod: {
      purpose: 'production',
      servers: {
        'prod-dc': { address: '10.0.1.5', roles: ['controller'] },
        'prod-fe1': { address: '10.0.1.11' },
        'prod-fe2': { address: '10.0.1.12' },
      },
      zones: {
        Global: { allServers: true, loadBalancer: 'PROD-DC', httpsInternal: true },
        DZ1: { servers: ['prod-fe1', 'prod-fe2'], loadBalancer: 'www.acme.example' },
        DZ2: { servers: ['prod-fe2'], loadBalancer: 'qa-fe1.acme.local' },
        DZ3: { servers: ['prod-fe1', 'prod-fe2'], loadBalancer: 'edge1.acme.local' },
        DZ4: { servers: ['prod-fe1', 'prod-fe2'], loadBalancer: 'pool1.acme.local', lbMachines: ['pool1'] },
      },
      machines: {
        edge1: { address: 'edge1.acme.local', engine: 'nginx' },
        pool1: { address: 'pool1.acme.local', engine: 'haproxy' },
      },
      apps: { App1: { zone: 'DZ1' } },
      proxies: { www: { host: 'www.acme.example', machines: ['edge1'] } },
    },
    qa: {
      purpose: 'quality',
      servers: { 'qa-fe1': { address: 'qa-fe1.acme.local' } },
    },
  },
}
