// Invalid (decode): unknown limits field "maxBody".
// Must report: environments.prod.proxies.www.limits.maxBody: unknown field, did you mean "body".
{
  name: 'acme',
  environments: {
    prod: {
      purpose: 'production',
      servers: { fe1: { address: '10.0.1.11' } },
      apps: { App1: {} },
      proxies: {
        www: { host: 'www.exampledomain.com', limits: { maxBody: '1MiB' } },
      },
    },
  },
}
