// Invalid (schema, R1): several problems that must all be reported at once (DESIGN "Safety":
// validation reports every problem). A missing name and LifeTime's apps used to hide the
// unknown manages entry, and R1's message did not say which apps LifeTime holds (issue 12).
// Must report: the missing name, the LifeTime apps by name, the unknown manages entry.
{
  environments: {
    prod: { purpose: 'production', servers: { fe1: {} }, apps: { App1: {} } },
    lt: {
      purpose: 'lifetime',
      servers: { 'lt-fe1': { address: '10.0.9.11' } },
      manages: ['prod', 'qa'],
      apps: { Portal: {}, Reports: {} },
    },
  },
}
