// Invalid (R2/R3): zone DZ2 holds no front-end, so it has no address and its app is served by
// nobody.
// Must report: environments.prod.zones.DZ2: zone holds no front-end.
{
  name: 'acme',
  environments: {
    prod: {
      purpose: 'production',
      servers: { fe1: {} },
      zones: { DZ2: { servers: [] } },
      apps: { App2InDZ2: { zone: 'DZ2' } },
    },
  },
}
