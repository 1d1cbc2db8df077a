// Invalid (R9): zones DZ1 and dz1 differ only in case; OutSystems zone names are
// case-insensitive (FACTS §2, ConfigurationTool /ModifyDeploymentZone).
// Must report: environments.prod.zones.dz1: R9: name equals "DZ1" ignoring case.
{
  name: 'acme',
  environments: {
    prod: {
      purpose: 'production',
      servers: { fe1: {}, fe2: {} },
      zones: {
        Global: { allServers: true, loadBalancer: 'lb.exampledomain.local' },
        DZ1: { servers: ['fe1'] },
        dz1: { servers: ['fe2'] },
      },
      apps: { App1InDZ1: { zone: 'DZ1' } },
    },
  },
}
