// Invalid (R3): Service Center's zone DZ1 does not hold front-end fe2; System Components must
// live only in zones that include all front-ends (FACTS §2).
// Must report: environments.prod.serviceCenterZone: R3: zone DZ1 lacks front-end fe2.
{
  name: 'acme',
  environments: {
    prod: {
      purpose: 'production',
      servers: {
        fe1: { address: '10.0.1.11' },
        fe2: { address: '10.0.1.12' },
      },
      zones: {
        Global: { allServers: true, loadBalancer: 'lb.exampledomain.local' },
        DZ1: { servers: ['fe1'] },
      },
      apps: { App1: {} },
      serviceCenterZone: 'DZ1',
    },
  },
}
