// Scenario 3 (possible setups, "Multiple servers and a load balancer"): all servers have the
// same apps; the proxy maps http(s)://www.exampledomain.com/AppX to http(s)://loadbalancer/AppX.
// Documented values: hostname www.exampledomain.com; the zone address "must be configured to
// the address of the load balancer".
// Expected (R10: the egress addresses, where proxies and load balancers connect to the
// front-ends from, make the Trusted proxy addresses and part of the Internal network):
//   - Global (allServers: fe1, fe2, fe3) address = loadbalancer.exampledomain.local (R2: load balancer);
//   - hostname = www.exampledomain.com (R4: one proxy);
//   - proxy routes /AppX, /AppY to the load balancer (R6, balance zone), and the System
//     Components AppY uses (/RichWidgets, /Users, ...: systemModules) to Global, open to all;
//   - hosts on fe1, fe2, fe3: 127.0.0.1 loadbalancer.exampledomain.local (R7, "Using reverse proxies");
//   - lb/Global pool: round robin over fe1-fe3 on 80 and 443 with an HTTP health check
//     GET /HealthCheck/ expecting "OK" (FACTS §5: no built-in health endpoint).
{
  name: 'scenario3',
  environments: {
    prod: {
      purpose: 'production',
      servers: {
        fe1: { address: '10.0.1.11' },
        fe2: { address: '10.0.1.12' },
        fe3: { address: '10.0.1.13' },
      },
      zones: {
        Global: { allServers: true, loadBalancer: 'loadbalancer.exampledomain.local', egress: '10.0.0.11' },
      },
      apps: {
        AppX: {},
        AppY: { modules: ['AppY', 'AppY_Core'] },
        HealthCheck: {},
      },
      proxies: {
        www: { host: 'www.exampledomain.com', egress: '10.0.0.31' },
      },
      healthCheck: { path: '/HealthCheck/', expect: 'OK' },
    },
  },
}
