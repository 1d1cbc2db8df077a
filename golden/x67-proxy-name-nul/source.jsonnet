// Invalid (schema): proxy name "www\u0000" holds a NUL byte, which truncates C strings (nginx,
// HAProxy, Windows).
// Must report: environments.prod.proxies["www\u0000"]: invalid proxy name, before any template
// runs.
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
        'www\u0000': { host: 'www.exampledomain.com' },
      },
    },
  },
}
