// Scenario 9 (possible setups, "LifeTime connecting to an environment with multiple servers
// (farm)"), with the proxy doing SSL offloading.
// Documented values: the LifeTime environment address "can be the address of the load
// balancer as long as LifeTime can reach the environment's Service Center and Server.API";
// "If the reverse proxy is performing SSL offloading, then you must use www.exampledomain.com".
// Expected (R10: the egress addresses, where proxies and load balancers connect to the
// front-ends from, make the Trusted proxy addresses and part of the Internal network):
//   - Global (fe1, fe2, fe3) address = loadbalancer.exampledomain.local (R2);
//   - hostname = www.exampledomain.com (R4: one proxy);
//   - LifeTime registers prod at www.exampledomain.com over HTTPS (R8: the offloading proxy
//     wins over the load balancer; platform is not set);
//   - proxy www routes the apps and, since LifeTime uses it, the platform paths to Global;
//     platform paths answer only for 10.0.9.0/24 (explicit allow);
//   - hosts on fe1-fe3: 127.0.0.1 loadbalancer.exampledomain.local (R7).
{
  name: 'scenario9',
  environments: {
    lifetime: {
      purpose: 'lifetime',
      servers: {
        'lt-fe1': { address: '10.0.9.10' },
      },
      manages: ['prod'],
    },
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
        Orders: { modules: ['Orders', 'Orders_CS', 'Orders_Theme'] },
        Customers: {},
      },
      proxies: {
        www: {
          host: 'www.exampledomain.com', egress: '10.0.0.31',
          tls: 'offload',
          allow: ['10.0.9.0/24'],
          certificate: '/etc/ssl/zonegen/www.exampledomain.com.pem',
        },
      },
    },
  },
}
