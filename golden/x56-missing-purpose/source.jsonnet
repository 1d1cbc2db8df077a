// Invalid: an environment without purpose; nothing can default it (DESIGN schema).
// Must report: environments.prod.purpose: required (development, quality, production,
// lifetime).
{
  name: 'acme',
  environments: {
    prod: { servers: { fe1: {} }, apps: { App1: {} } },
  },
}
