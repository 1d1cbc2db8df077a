// Invalid (schema): module name "App\nserver { listen 81; }" would start a new directive on its
// own line.
// Must report: environments.prod.apps.App1.modules[1] "App\nserver { listen 81; }": invalid
// module name, before any template runs.
{
  name: 'acme',
  environments: {
    prod: {
      purpose: 'production',
      servers: {
        fe1: { address: '10.0.1.11' },
      },
      apps: {
        App1: { modules: ['App1', 'App\nserver { listen 81; }'] },
      },
      proxies: {
        www: { host: 'www.exampledomain.com' },
      },
    },
  },
}
