// Scenario 5 (possible setups, "Multiple deployment zones, some zones with a single server"):
// like scenario 4, but DZ2 has one server and no load balancer.
// Documented values: "the deployment zone address and mappings in the reverse proxy can be
// replaced with the address of the server".
// fe3 is in two zones, DZ1 and DZ2 ("Using reverse proxies": the mapping must be done for all
// the deployment zones that contain the server).
// Expected (R10: the egress addresses, where proxies and load balancers connect to the
// front-ends from, make the Trusted proxy addresses and part of the Internal network):
//   - DZ1 address = loadbalancer1.exampledomain.local (R2: load balancer);
//   - DZ2 address = fe3.exampledomain.local (R2: its single front-end's address, scenario 5);
//   - hostname = www.exampledomain.com (R4: one proxy);
//   - proxy routes /App1InDZ1 to DZ1's load balancer and /App2InDZ2, /App3InDZ2 to fe3 (R6);
//   - hosts: fe1, fe2 map Global's and DZ1's load balancers; fe3 (in Global, DZ1 and DZ2)
//     maps Global's and DZ1's, one entry per zone, and nothing for DZ2, whose address is fe3
//     itself, not a load balancer (R7).
{
  name: 'scenario5',
  environments: {
    prod: {
      purpose: 'production',
      servers: {
        fe1: { address: 'fe1.exampledomain.local' },
        fe2: { address: 'fe2.exampledomain.local' },
        fe3: { address: 'fe3.exampledomain.local' },
      },
      zones: {
        Global: { allServers: true, loadBalancer: 'loadbalancer.exampledomain.local', egress: '10.0.0.11' },
        DZ1: { servers: ['fe1', 'fe2', 'fe3'], loadBalancer: 'loadbalancer1.exampledomain.local', egress: '10.0.0.12' },
        DZ2: { servers: ['fe3'] },
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
