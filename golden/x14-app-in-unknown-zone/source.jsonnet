// Invalid: app App2InDZ2 is published to zone DZ2, which is not declared.
// Must report: environments.prod.apps.App2InDZ2.zone: unknown zone "DZ2" (zones: DZ1, Global).
{
  name: 'acme',
  environments: {
    prod: {
      purpose: 'production',
      servers: { fe1: {} },
      zones: { DZ1: { servers: ['fe1'] } },
      apps: {
        App1InDZ1: { zone: 'DZ1' },
        App2InDZ2: { zone: 'DZ2' },
      },
    },
  },
}
