// Invalid (decode): purpose is null.
// Must report: environments.prod.purpose: expected a string, got null (or: purpose is
// required).
{
  name: 'acme',
  environments: {
    prod: { purpose: null, servers: { fe1: {} }, apps: { App1: {} } },
  },
}
