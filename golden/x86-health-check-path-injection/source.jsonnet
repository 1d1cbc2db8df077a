// Invalid (schema): healthCheck.path holds a space, CR LF and a header line: it would inject a
// request line and a header into the HTTP health check. It must be an absolute URL path
// without spaces or control characters.
// Must report: environments.prod.healthCheck.path: invalid URL path.
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
      healthCheck: { path: '/HealthCheck/ HTTP/1.1\r\nHost: evil', expect: 'OK' },
    },
  },
}
