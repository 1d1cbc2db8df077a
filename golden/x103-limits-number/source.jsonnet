// Invalid (decode): a limit given as a bare number; sizes are strings with a unit.
// Must report: environments.prod.proxies.www.limits.body: expected a string.
{
  name: 'acme',
  environments: {
    prod: {
      purpose: 'production',
      servers: { fe1: { address: '10.0.1.11' } },
      apps: { App1: {} },
      proxies: {
        www: { host: 'www.exampledomain.com', limits: { body: 268435456 } },
      },
    },
  },
}
