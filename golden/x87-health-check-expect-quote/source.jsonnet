// Invalid (schema): healthCheck.expect holds a double quote, ending the quoted string of
// HAProxy "http-check expect string".
// Must report: environments.prod.healthCheck.expect: invalid expected text.
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
      healthCheck: { path: '/HealthCheck/', expect: 'OK" if TRUE' },
    },
  },
}
