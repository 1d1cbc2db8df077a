// Scenario 2 (possible setups, "Single server with a reverse proxy"): the proxy maps
// http(s)://www.exampledomain.com/MyApp to http(s)://servername/MyApp.
// Documented values: "you must change the hostname configuration to match www.exampledomain.com".
// Expected (R10: the egress addresses, where proxies and load balancers connect to the
// front-ends from, make the Trusted proxy addresses and part of the Internal network):
//   - Global address = servername (R2: single front-end);
//   - hostname = www.exampledomain.com (R4: exactly one proxy, its host);
//   - proxy www (tls offload by default) routes /MyApp and /MyApp_Theme to Global's upstream,
//     servername on port 80 (R6); unknown paths get 404;
//   - no hosts entry (R7: no load balancer).
{
  name: 'scenario2',
  environments: {
    dev: {
      purpose: 'development',
      servers: {
        servername: {},
      },
      apps: {
        MyApp: { modules: ['MyApp', 'MyApp_Theme'] },
      },
      proxies: {
        www: {
          host: 'www.exampledomain.com', egress: '10.0.0.31',
          certificate: '/etc/ssl/zonegen/www.exampledomain.com.pem',
        },
      },
    },
  },
}
