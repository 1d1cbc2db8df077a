// Invalid (R1): the LifeTime environment holds an app; installing apps in the LifeTime
// environment is not supported (possible setups: LifeTime must run in a dedicated environment).
// Must report: environments.lifetime.apps: R1: a lifetime environment has no apps.
{
  name: 'acme',
  environments: {
    lifetime: {
      purpose: 'lifetime',
      servers: { 'lt-fe1': {} },
      apps: { Dashboard: {} },
      manages: ['dev'],
    },
    dev: { purpose: 'development', servers: { 'dev-fe1': {} }, apps: { App1: {} } },
  },
}
