// Invalid (schema): environments.prod.proxies.www.host is "www.exampledomain.com:8080": a port;
// only 80/443 are supported (FACTS §5) and listen sets ports.
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
        www: { host: 'www.exampledomain.com:8080' },
      },
    },
  },
}
