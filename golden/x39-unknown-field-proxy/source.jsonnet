// Invalid (decode): unknown proxy field "zone".
// Must report: environments.prod.proxies.www.zone: unknown field (did you mean "zones"?).
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
        www: { host: 'www.exampledomain.com', zone: 'Global' },
      },
    },
  },
}
