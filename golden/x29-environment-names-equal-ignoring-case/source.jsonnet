// Invalid (R9): environments Prod and prod differ only in case; their output folders collide on
// case-insensitive file systems (Windows, macOS).
// Must report: environments.prod: R9: name equals "Prod" ignoring case.
{
  name: 'acme',
  environments: {
    Prod: { purpose: 'production', servers: { 'fe1': {} }, apps: { App1: {} } },
    prod: { purpose: 'quality', servers: { 'fe2': {} }, apps: { App1: {} } },
  },
}
