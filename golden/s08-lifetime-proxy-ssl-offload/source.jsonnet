// Scenario 8 (possible setups, "LifeTime connecting to an environment with a single server and
// a reverse proxy"), with the proxy doing SSL offloading.
// Documented values: "If the reverse proxy is performing SSL offloading, then you must use
// www.exampledomain.com as the environment address. This is needed because LifeTime requires
// HTTPS connections to the environments."
// Expected (R10: the egress addresses, where proxies and load balancers connect to the
// front-ends from, make the Trusted proxy addresses and part of the Internal network):
//   - prod hostname = www.exampledomain.com (R4: one proxy);
//   - LifeTime registers prod at www.exampledomain.com over HTTPS (R8: the proxy offloads SSL,
//     so LifeTime must use it; platform is not set);
//   - proxy www therefore routes /ServiceCenter, /server.api, /server.identity to Global,
//     answering them only for the LifeTime server's address 10.0.9.10 (default allow, R8);
//   - no hosts entry (R7: no load balancer).
{
  name: 'scenario8',
  environments: {
    lifetime: {
      purpose: 'lifetime',
      servers: {
        'lt-server': { address: '10.0.9.10' },
      },
      manages: ['prod'],
    },
    prod: {
      purpose: 'production',
      servers: {
        servername: { address: '10.0.1.10' },
      },
      apps: {
        MyApp: {},
      },
      proxies: {
        www: {
          host: 'www.exampledomain.com', egress: '10.0.0.31',
          tls: 'offload',
          certificate: '/etc/ssl/zonegen/www.exampledomain.com.pem',
        },
      },
    },
  },
}
