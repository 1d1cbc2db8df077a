// Invalid (schema): zone name "DZ\\1" holds a backslash, an escape in nginx, HAProxy, JSON and
// Windows paths.
// Must report: environments.prod.zones["DZ\\1"]: invalid zone name, before any template runs.
{
  name: 'acme',
  environments: {
    prod: {
      purpose: 'production',
      servers: {
        fe1: { address: '10.0.1.11' },
      },
      zones: { Global: { allServers: true }, 'DZ\\1': { servers: ['fe1'] } },
      apps: {
        App1: {},
      },
      proxies: {
        www: { host: 'www.exampledomain.com' },
      },
    },
  },
}
