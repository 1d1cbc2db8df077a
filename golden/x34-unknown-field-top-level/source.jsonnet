// Invalid (decode): unknown top-level field "environment".
// Must report: environment: unknown field (did you mean "environments"?).
{
  name: 'acme',
  environment: {
    dev: { purpose: 'development', servers: { fe1: {} } },
  },
}
