// Invalid (schema): app name "App\"1" would end a quoted string in nginx, HAProxy or JSON
// output.
// Must report: environments.prod.apps["App\"1"]: invalid app name, before any template runs.
{
  name: 'acme',
  environments: {
    prod: {
      purpose: 'production',
      servers: {
        fe1: { address: '10.0.1.11' },
      },
      apps: {
        'App"1': {},
      },
      proxies: {
        www: { host: 'www.exampledomain.com' },
      },
    },
  },
}
