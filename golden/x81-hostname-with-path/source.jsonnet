// Invalid (schema): environments.prod.hostname is "www.exampledomain.com/apps": a path; Service
// Center's Hostname is a bare name (FACTS §1).
// Hosts are bare RFC 1123 names or IP literals, never a scheme, port or path (DESIGN "The
// source").
// Must report: environments.prod.hostname: not a bare host or IP.
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
      hostname: 'www.exampledomain.com/apps',
    },
  },
}
