// Invalid: externalLoadBalancer where it cannot hold (issue 17). A zone that says its load
// balancer is external must name it (loadBalancer), and cannot configure the pool zonegen
// then does not generate.
// Must report:
//   - zones.DZ1.externalLoadBalancer: no loadBalancer;
//   - zones.DZ2.ca, .lbMachines and .listen: each configures the pool zonegen would
//     generate, and DZ2's load balancer is external.
{
  name: 'acme',
  environments: {
    prod: {
      purpose: 'production',
      servers: {
        fe1: { address: 'fe1.acme.test', roles: ['frontend', 'controller'] },
        fe2: { address: 'fe2.acme.test' },
        fe3: { address: 'fe3.acme.test' },
      },
      machines: { pool: { address: '10.0.3.101', engine: 'haproxy' } },
      zones: {
        Global: { allServers: true, loadBalancer: 'lb0.acme.test', lbMachines: ['pool'] },
        DZ1: { servers: ['fe1'], externalLoadBalancer: true },
        DZ2: {
          servers: ['fe2', 'fe3'], loadBalancer: 'dz2.acme.test', externalLoadBalancer: true,
          ca: '/etc/ssl/certs/acme-ca.pem', lbMachines: ['pool'], listen: { address: '10.0.3.9' },
        },
      },
      apps: { Orders: { zone: 'DZ1' } },
      internalNetwork: ['10.0.9.0/24'],
    },
  },
}
