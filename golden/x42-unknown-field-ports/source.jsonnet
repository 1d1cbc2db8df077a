// Invalid (decode): unknown ports field "htps".
// Must report: environments.prod.servers.fe1.ports.htps: unknown field (did you mean "https"?).
{
  name: 'acme',
  environments: {
    prod: {
      purpose: 'production',
      servers: {
        fe1: { address: '10.0.1.11', ports: { http: 80, htps: 443 } },
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
