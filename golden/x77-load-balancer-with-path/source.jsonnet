// Invalid (schema): environments.prod.zones.Global.loadBalancer is
// "lb.exampledomain.local/pool": a path.
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
      zones: { Global: { allServers: true, loadBalancer: 'lb.exampledomain.local/pool' } },
      apps: {
        App1: {},
      },
      proxies: {
        www: { host: 'www.exampledomain.com' },
      },
    },
  },
}
