// Invalid (schema): environments.prod.zones.Global.loadBalancer is "localhost": localhost must
// keep resolving to the server itself and is never remapped (FACTS §5, network requirements);
// it cannot be a zone address either.
// Hosts are bare RFC 1123 names or IP literals, never a scheme, port or path (DESIGN "The
// source").
// Must report: environments.prod.zones.Global.loadBalancer: not a bare host or IP.
{
  name: 'acme',
  environments: {
    prod: {
      purpose: 'production',
      servers: {
        fe1: { address: '10.0.1.11' },
      },
      zones: { Global: { allServers: true, loadBalancer: 'localhost' } },
      apps: {
        App1: {},
      },
      proxies: {
        www: { host: 'www.exampledomain.com' },
      },
    },
  },
}
