// Invalid (R1): manages names an environment that does not exist (a typo of prod).
// Must report: environments.lifetime.manages[1]: R1: unknown environment "prd" (did you mean
// "prod"?).
{
  name: 'acme',
  environments: {
    lifetime: { purpose: 'lifetime', servers: { 'lt-fe1': {} }, manages: ['dev', 'prd'] },
    dev: { purpose: 'development', servers: { 'dev-fe1': {} }, apps: { App1: {} } },
    prod: { purpose: 'production', servers: { 'prod-fe1': {} }, apps: { App1: {} } },
  },
}
