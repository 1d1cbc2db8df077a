// Invalid (schema): proxy name "www;" would end an nginx directive inside upstream and variable
// names.
// Must report: environments.prod.proxies["www;"]: invalid proxy name, before any template runs.
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
        'www;': { host: 'www.exampledomain.com' },
      },
    },
  },
}
