// Scenario 4 (possible setups, "Multiple deployment zones"): App1InDZ1 is served by DZ1's
// servers, App2InDZ2 and App3InDZ2 by DZ2's; one reverse proxy maps
// www.exampledomain.com/App1InDZ1 to loadbalancer1 and /AppXInDZ2 to loadbalancer2.
// Documented values: hostname www.exampledomain.com; DZ1's address is load balancer 1, DZ2's
// is load balancer 2.
// Service Center lives in Global, which holds every front-end (FACTS §2: System Components
// only in zones with all front-ends), so Global has its own load balancer.
// Expected (R10: the egress addresses, where proxies and load balancers connect to the
// front-ends from, make the Trusted proxy addresses and part of the Internal network):
//   - DZ1 address = loadbalancer1.exampledomain.local, DZ2 = loadbalancer2.exampledomain.local,
//     Global = loadbalancer.exampledomain.local (R2);
//   - hostname = www.exampledomain.com (R4: one proxy);
//   - proxy www routes /App1InDZ1 to DZ1, /App2InDZ2 and /App3InDZ2 to DZ2 (R6); it publishes
//     only DZ1 and DZ2, so nothing routes to Global;
//   - hosts: fe1, fe2 map Global's and DZ1's load balancers; fe3, fe4 Global's and DZ2's (R7).
{
  name: 'scenario4',
  environments: {
    prod: {
      purpose: 'production',
      servers: {
        fe1: { address: '10.0.1.11' },
        fe2: { address: '10.0.1.12' },
        fe3: { address: '10.0.2.11' },
        fe4: { address: '10.0.2.12' },
      },
      zones: {
        Global: { allServers: true, loadBalancer: 'loadbalancer.exampledomain.local', egress: '10.0.0.11' },
        DZ1: { servers: ['fe1', 'fe2'], loadBalancer: 'loadbalancer1.exampledomain.local', egress: '10.0.0.12' },
        DZ2: { servers: ['fe3', 'fe4'], loadBalancer: 'loadbalancer2.exampledomain.local', egress: '10.0.0.13' },
      },
      apps: {
        App1InDZ1: { zone: 'DZ1' },
        App2InDZ2: { zone: 'DZ2' },
        App3InDZ2: { zone: 'DZ2' },
      },
      proxies: {
        www: { host: 'www.exampledomain.com', egress: '10.0.0.31', zones: ['DZ1', 'DZ2'] },
      },
    },
  },
}
