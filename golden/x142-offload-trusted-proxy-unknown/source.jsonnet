// Invalid (R10): proxy www offloads TLS, and IIS sees as the client of its requests Global's
// load balancer (balance: zone), known only by the name lb.exampledomain.local. Trusted proxy
// addresses need its IP address (reverse-proxy-config.md §C); without it the platform ignores
// X-Forwarded-Proto and every user has the load balancer's address (brute-force lock-out).
// Must report: environments.prod.zones.Global.egress: R10, with the fix (set egress).
{
  name: 'acme',
  environments: {
    prod: {
      purpose: 'production',
      servers: { fe1: { address: '10.0.1.11' }, fe2: { address: '10.0.1.12' } },
      zones: { Global: { allServers: true, loadBalancer: 'lb.exampledomain.local' } },
      apps: { Portal: {} },
      proxies: { www: { host: 'www.exampledomain.com' } },
    },
  },
}
