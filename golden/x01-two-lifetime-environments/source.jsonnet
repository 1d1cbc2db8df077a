// Invalid (R1): two environments have purpose lifetime; LifeTime runs in one dedicated
// environment (possible setups, "On-premises infrastructure").
// Must report: environments.lt2.purpose: R1: a second lifetime environment (lt1 is one).
{
  name: 'acme',
  environments: {
    lt1: { purpose: 'lifetime', servers: { 'lt1-fe1': {} }, manages: ['dev'] },
    lt2: { purpose: 'lifetime', servers: { 'lt2-fe1': {} } },
    dev: { purpose: 'development', servers: { 'dev-fe1': {} }, apps: { App1: {} } },
  },
}
