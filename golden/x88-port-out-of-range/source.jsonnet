// Invalid (schema): a server's https port is 65536, outside 1-65535.
// Must report: environments.prod.servers.fe1.ports.https: port out of range.
{
  name: 'acme',
  environments: {
    prod: {
      purpose: 'production',
      servers: {
        fe1: { address: '10.0.1.11', ports: { http: 80, https: 65536 } },
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
