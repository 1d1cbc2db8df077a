// Invalid (R1): the LifeTime environment declares a deployment zone other than Global.
// Must report: environments.lifetime.zones.DZ1: R1: a lifetime environment has no zones but
// Global.
{
  name: 'acme',
  environments: {
    lifetime: {
      purpose: 'lifetime',
      servers: { 'lt-fe1': {} },
      zones: { DZ1: { servers: ['lt-fe1'] } },
      manages: ['dev'],
    },
    dev: { purpose: 'development', servers: { 'dev-fe1': {} }, apps: { App1: {} } },
  },
}
