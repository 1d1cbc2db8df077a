// Invalid (schema): environments.prod.proxies.www.host is "https://www.exampledomain.com": a
// scheme; TLS is the proxy's tls field.
// Hosts are bare RFC 1123 names or IP literals, never a scheme, port or path (DESIGN "The
// source").
// Must report: environments.prod.proxies.www.host: not a bare host or IP.
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
        www: { host: 'https://www.exampledomain.com' },
      },
    },
  },
}
