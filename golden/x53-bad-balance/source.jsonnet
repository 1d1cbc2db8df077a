// Invalid (decode): proxy balance "roundrobin" is not one of zone, servers.
// Must report: environments.prod.proxies.www.balance: unknown value "roundrobin".
{
  name: 'acme',
  environments: {
    prod: {
      purpose: 'production',
      servers: {
        fe1: { address: '10.0.1.11' },
      },
      apps: {
        App1: {},
      },
      proxies: {
        www: { host: 'www.exampledomain.com', balance: 'roundrobin' },
      },
    },
  },
}
