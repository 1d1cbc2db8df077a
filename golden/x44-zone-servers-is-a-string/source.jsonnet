// Invalid (decode): a zone's servers is a comma-separated string, not a list.
// Must report: environments.prod.zones.DZ1.servers: expected an array, got a string.
{
  name: 'acme',
  environments: {
    prod: {
      purpose: 'production',
      servers: { fe1: {}, fe2: {} },
      zones: { DZ1: { servers: 'fe1,fe2', loadBalancer: 'lb1.exampledomain.local' } },
      apps: { App1: { zone: 'DZ1' } },
    },
  },
}
