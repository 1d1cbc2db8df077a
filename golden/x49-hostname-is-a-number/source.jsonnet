// Invalid (decode): hostname is a number.
// Must report: environments.prod.hostname: expected a string, got a number.
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
        www: { host: 'www.exampledomain.com' },
      },
      hostname: 42,
    },
  },
}
