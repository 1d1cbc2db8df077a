// Invalid (decode): unknown environment field "hostName".
// Must report: environments.prod.hostName: unknown field (did you mean "hostname"?).
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
        www: { host: 'www.exampledomain.com' },
      },
      hostName: 'www.exampledomain.com',
    },
  },
}
