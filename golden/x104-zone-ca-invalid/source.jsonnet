// Invalid (schema): a zone CA path that climbs out with '..', and a CA on a zone that has no
// load balancer (nothing health-checks its front-ends).
// Must report environments.prod.zones.DZ1.ca (invalid CA path) and
// environments.prod.zones.DZ2.ca (no load balancer).
{
  name: 'acme',
  environments: {
    prod: {
      purpose: 'production',
      servers: {
        fe1: { address: '10.0.1.11' },
        fe2: { address: '10.0.1.12' },
        fe3: { address: '10.0.1.13' },
      },
      zones: {
        Global: { allServers: true, loadBalancer: 'lb0.exampledomain.local' },
        DZ1: { servers: ['fe1', 'fe2'], loadBalancer: 'lb1.exampledomain.local', ca: '/etc/ssl/../../root/ca.pem' },
        DZ2: { servers: ['fe3'], ca: '/etc/ssl/zone-ca.pem' },
      },
      apps: { App1: { zone: 'DZ1' } },
    },
  },
}
