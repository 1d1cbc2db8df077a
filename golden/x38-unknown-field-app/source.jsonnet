// Invalid (decode): unknown app field "module".
// Must report: environments.prod.apps.App1.module: unknown field (did you mean "modules"?).
{
  name: 'acme',
  environments: {
    prod: {
      purpose: 'production',
      servers: {
        fe1: { address: '10.0.1.11' },
      },
      apps: {
        App1: { module: ['App1', 'App1_Theme'] },
      },
      proxies: {
        www: { host: 'www.exampledomain.com' },
      },
    },
  },
}
