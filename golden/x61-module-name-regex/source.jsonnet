// Invalid (schema): module name "~.*" would be an nginx map regex matching every path.
// Must report: environments.prod.apps.App1.modules[1] "~.*": invalid module name, before any
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
        App1: { modules: ['App1', '~.*'] },
      },
      proxies: {
        www: { host: 'www.exampledomain.com' },
      },
    },
  },
}
