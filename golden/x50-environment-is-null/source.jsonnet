// Invalid (decode): an environment is null (e.g. a conditional that yielded nothing).
// Must report: environments.qa: expected an object, got null.
{
  name: 'acme',
  environments: {
    dev: { purpose: 'development', servers: { fe1: {} }, apps: { App1: {} } },
    qa: null,
  },
}
