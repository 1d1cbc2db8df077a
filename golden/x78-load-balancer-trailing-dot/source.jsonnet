// Invalid (schema): environments.prod.zones.Global.loadBalancer is "lb.corp.": a trailing dot
// (absolute DNS name); a hosts file and a certificate name would not match "lb.corp". The lead
// may instead decide to accept it.
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
      zones: { Global: { allServers: true, loadBalancer: 'lb.corp.' } },
      apps: {
        App1: {},
      },
      proxies: {
        www: { host: 'www.exampledomain.com' },
      },
    },
  },
}
