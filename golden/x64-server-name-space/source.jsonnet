// Invalid (schema): server name "fe 1" holds a space: two names on a hosts line, two tokens in
// a config.
// Must report: environments.prod.servers["fe 1"]: invalid server name, before any template
// runs.
{
  name: 'acme',
  environments: {
    prod: {
      purpose: 'production',
      servers: {
        'fe 1': { address: '10.0.1.11' },
      },
      apps: {
        App1: {},
      },
      proxies: {
        www: { host: 'www.exampledomain.com' },
      },
    },
  },
}
