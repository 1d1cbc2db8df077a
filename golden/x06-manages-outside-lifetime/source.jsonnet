// Invalid (R1): manages on a development environment; only the LifeTime environment registers
// environments (DESIGN schema: "manages (LifeTime environment only)").
// Must report: environments.dev.manages: R1: only a lifetime environment manages environments.
{
  name: 'acme',
  environments: {
    dev: { purpose: 'development', servers: { 'dev-fe1': {} }, apps: { App1: {} }, manages: ['qa'] },
    qa: { purpose: 'quality', servers: { 'qa-fe1': {} }, apps: { App1: {} } },
  },
}
