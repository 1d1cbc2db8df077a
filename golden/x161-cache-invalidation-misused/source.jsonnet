// Invalid: cache-invalidation pools (topology/cacheinvalidation.go) written wrong.
// Must report, at once:
//   - prod: loadBalancer lb0.acme.test is zone Global's load balancer, which its front-ends
//     map to 127.0.0.1 (R7); a node listed twice (case aside) and localhost; port 70000;
//     an unknown machine; a listen address that is no IP address;
//   - dev: no nodes;
//   - qa: zone Cache_Invalidation takes the pool's config identifier; the pool
//     listens on port 80 of every address of machine qa-lb, like zone Global's pool.
{
  name: 'acme',
  environments: {
    prod: {
      purpose: 'production',
      servers: {
        fe1: { address: 'fe1.acme.test', roles: ['frontend', 'controller'] },
        fe2: { address: 'fe2.acme.test' },
      },
      machines: {
        'pool-a': { address: '10.0.3.11', engine: 'haproxy' },
      },
      zones: {
        Global: { allServers: true, loadBalancer: 'lb0.acme.test', lbMachines: ['pool-a'] },
      },
      cacheInvalidation: {
        loadBalancer: 'lb0.acme.test',
        nodes: ['rabbit1.acme.test', 'RABBIT1.acme.test', 'localhost'],
        port: 70000,
        lbMachines: ['pool-a', 'ghost'],
        listen: { address: 'rabbitmq.acme.test' },
      },
    },
    qa: {
      purpose: 'quality',
      servers: {
        qa1: { address: 'qa1.acme.test', roles: ['frontend', 'controller'] },
        qa2: { address: 'qa2.acme.test' },
      },
      machines: {
        'qa-lb': { address: '10.0.5.11', engine: 'nginx' },
      },
      zones: {
        Global: { allServers: true, loadBalancer: 'lb.qa.acme.test', lbMachines: ['qa-lb'] },
        Cache_Invalidation: { servers: ['qa1'] },
      },
      cacheInvalidation: {
        loadBalancer: 'rabbitmq.qa.acme.test',
        nodes: ['rabbit.qa.acme.test'],
        lbMachines: ['qa-lb'],
        listen: { port: 80 },
      },
    },
    dev: {
      purpose: 'development',
      servers: { dev1: { address: 'dev1.acme.test' } },
      cacheInvalidation: { loadBalancer: 'rabbitmq.dev.acme.test', nodes: [] },
    },
  },
}
