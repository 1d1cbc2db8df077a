// Invalid (schema): app name "" is empty: the route would be "/" and the map key empty.
// Must report: environments.prod.apps[""]: invalid app name, before any template runs.
{
  name: 'acme',
  environments: {
    prod: {
      purpose: 'production',
      servers: {
        fe1: { address: '10.0.1.11' },
      },
      apps: {
        '': {},
      },
      proxies: {
        www: { host: 'www.exampledomain.com' },
      },
    },
  },
}
