// Invalid (schema): app name "App\t1" holds a tab, a token separator in nginx, HAProxy and
// hosts files.
// Must report: environments.prod.apps["App\t1"]: invalid app name, before any template runs.
{
  name: 'acme',
  environments: {
    prod: {
      purpose: 'production',
      servers: {
        fe1: { address: '10.0.1.11' },
      },
      apps: {
        'App\t1': {},
      },
      proxies: {
        www: { host: 'www.exampledomain.com' },
      },
    },
  },
}
