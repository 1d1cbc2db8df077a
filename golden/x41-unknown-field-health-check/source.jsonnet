// Invalid (decode): unknown healthCheck field "url".
// Must report: environments.prod.healthCheck.url: unknown field (fields: path, expect).
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
      healthCheck: { url: '/HealthCheck/', expect: 'OK' },
    },
  },
}
