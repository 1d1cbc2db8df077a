// Invalid: LifeTime registers prod at the load balancer of Service Center's zone (scenario 9
// without offloading) and calls it over HTTPS (FACTS §3), so the TLS session ends on a
// front-end behind prod-lb, which must hold a certificate covering that name; nothing says it
// does (the zone's one certificate fact, R2; e03 is the valid case).
// Must report: environments.prod.lifetimeAddress: set localCertificate: true on zone Global
// once its front-ends hold the certificate, or register elsewhere.
{
  name: 'ltcert',
  environments: {
    lifetime: {
      purpose: 'lifetime',
      servers: { 'lt-fe1': { address: '10.0.9.11' } },
      manages: ['prod'],
    },
    prod: {
      purpose: 'production',
      servers: {
        'prod-fe1': { address: '10.30.0.11' },
        'prod-fe2': { address: '10.30.0.12' },
      },
      zones: {
        Global: { allServers: true, loadBalancer: 'prod-lb.exampledomain.local', egress: '10.30.0.2' },
      },
      apps: { Inventory: {} },
    },
  },
}
