// Invalid (schema): module name "App}" would close the nginx map block.
// Must report: environments.prod.apps.App1.modules[1] "App}": invalid module name, before any
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
        App1: { modules: ['App1', 'App}'] },
      },
      proxies: {
        www: { host: 'www.exampledomain.com' },
      },
    },
  },
}
