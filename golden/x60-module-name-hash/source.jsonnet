// Invalid (schema): module name "App#1" would be cut at '#' by HAProxy (comment) and by a hosts
// file.
// Must report: environments.prod.apps.App1.modules[1] "App#1": invalid module name, before any
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
        App1: { modules: ['App1', 'App#1'] },
      },
      proxies: {
        www: { host: 'www.exampledomain.com' },
      },
    },
  },
}
