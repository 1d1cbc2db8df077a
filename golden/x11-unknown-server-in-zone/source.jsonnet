// Invalid (R3): zone DZ1 lists fe9, which is no server of the environment.
// Must report: environments.prod.zones.DZ1.servers[2]: R3: unknown server "fe9".
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
        DZ1: { servers: ['fe1', 'fe2', 'fe9'], loadBalancer: 'lb1.exampledomain.local' },
      },
      apps: { App1InDZ1: { zone: 'DZ1' } },
    },
  },
}
