// Valid: IPv6 literals as server addresses, a zone load balancer and a proxy listen address.
// Hosts files cannot map an IP address (R7: skipped, with a warning); nginx and HAProxy get
// the literals in brackets with their ports.
{
  name: 'acme',
  environments: {
    prod: {
      purpose: 'production',
      servers: {
        fe1: { address: '2001:db8::11' },
        fe2: { address: '2001:db8::12' },
      },
      zones: { Global: { allServers: true, loadBalancer: '2001:db8::100' } },
      apps: { Orders: {} },
      proxies: { www: { host: 'www.exampledomain.com', listen: { address: '2001:db8::1' } } },
    },
  },
}
