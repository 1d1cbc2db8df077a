// Invalid (decode): a port is the string "80".
// Must report: environments.prod.servers.fe1.ports.http: expected a number, got a string.
{
  name: 'acme',
  environments: {
    prod: {
      purpose: 'production',
      servers: {
        fe1: { address: '10.0.1.11', ports: { http: '80', https: 443 } },
      },
      apps: {
        App1: {},
      },
      proxies: {
        www: { host: 'www.exampledomain.com' },
      },
    },
  },
}
