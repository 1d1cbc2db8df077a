// Invalid (R2): zone Global holds two front-ends and has neither a load balancer nor an
// address;
// with several front-ends the zone address must be the load balancer's (scenario 3; recommended
// network architecture, farm scenario).
// Must report: environments.prod.zones.Global: R2: 2 front-ends (fe1, fe2) and no loadBalancer.
{
  name: 'acme',
  environments: {
    prod: {
      purpose: 'production',
      servers: {
        fe1: { address: '10.0.1.11' },
        fe2: { address: '10.0.1.12' },
      },
      apps: { App1: {} },
    },
  },
}
