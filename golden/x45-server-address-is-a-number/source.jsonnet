// Invalid (decode): a server address is a number.
// Must report: environments.prod.servers.fe1.address: expected a string, got a number.
{
  name: 'acme',
  environments: {
    prod: {
      purpose: 'production',
      servers: {
        fe1: { address: 10 },
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
