// Invalid (schema): app name "x dz2; Admin dz1;" would add nginx map entries (Admin → dz1) and
// still pass nginx -t.
// Must report: environments.prod.apps["x dz2; Admin dz1;"]: invalid app name, before any
// template runs.
{
  name: 'acme',
  environments: {
    prod: {
      purpose: 'production',
      servers: {
        fe1: { address: '10.0.1.11' },
      },
      apps: {
        'x dz2; Admin dz1;': {},
      },
      proxies: {
        www: { host: 'www.exampledomain.com' },
      },
    },
  },
}
