// Invalid (decode): purpose "prod" is not one of development, quality, production, lifetime.
// Must report: environments.prod.purpose: unknown purpose "prod" (did you mean "production"?).
{
  name: 'acme',
  environments: {
    prod: { purpose: 'prod', servers: { fe1: {} }, apps: { App1: {} } },
  },
}
