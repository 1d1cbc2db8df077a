// Invalid (decode): unknown server field "adress".
// Must report: environments.prod.servers.fe1.adress: unknown field (did you mean "address"?).
{
  name: 'acme',
  environments: {
    prod: {
      purpose: 'production',
      servers: {
        fe1: { adress: '10.0.1.11' },
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
