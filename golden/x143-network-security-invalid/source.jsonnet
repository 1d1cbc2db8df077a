// Invalid (R10): an egress on a zone without load balancer, and an internalNetwork entry that
// is no CIDR (it would reach Service Center's Network Security). The proxy's egress, a name,
// is checked with the proxies, once the zones are consistent (x144).
// Must report: environments.prod.zones.DZ1.egress (the zone has no load balancer),
// environments.prod.internalNetwork[1] (invalid entry).
{
  name: 'acme',
  environments: {
    prod: {
      purpose: 'production',
      servers: { fe1: { address: '10.0.1.11' }, fe2: { address: '10.0.1.12' } },
      zones: {
        Global: { allServers: true, loadBalancer: '10.0.1.10' },
        DZ1: { servers: ['fe2'], egress: '10.0.1.9' },
      },
      apps: { Portal: { zone: 'DZ1' } },
      internalNetwork: ['10.0.8.0/24', 'monitoring; DROP'],
      proxies: { www: { host: 'www.exampledomain.com', egress: 'proxy.exampledomain.local' } },
    },
  },
}
