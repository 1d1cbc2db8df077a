// Invalid (R1): the LifeTime environment lists itself in manages; it registers only
// non-LifeTime environments.
// Must report: environments.lifetime.manages[1]: R1: "lifetime" is the LifeTime environment
// itself.
{
  name: 'acme',
  environments: {
    lifetime: { purpose: 'lifetime', servers: { 'lt-fe1': {} }, manages: ['dev', 'lifetime'] },
    dev: { purpose: 'development', servers: { 'dev-fe1': {} }, apps: { App1: {} } },
  },
}
