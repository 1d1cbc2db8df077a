// Invalid (R3): serviceCenterZone names a zone that does not exist.
// Must report: environments.prod.serviceCenterZone: unknown zone "Central" (zones: Global).
{
  name: 'acme',
  environments: {
    prod: {
      purpose: 'production',
      servers: { fe1: {} },
      apps: { App1: {} },
      serviceCenterZone: 'Central',
    },
  },
}
