// Invalid (decode): unknown listen field "port".
// Must report: environments.prod.proxies.www.listen.port: unknown field (did you mean "http" or
// "https"?).
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
        www: { host: 'www.exampledomain.com', listen: { address: '10.0.0.20', port: 8080 } },
      },
    },
  },
}
