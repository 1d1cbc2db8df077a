// Invalid (decode): servers is a list; it is an object keyed by server name.
// Must report: environments.prod.servers: expected an object, got an array.
{
  name: 'acme',
  environments: {
    prod: { purpose: 'production', servers: ['fe1', 'fe2'], apps: { App1: {} } },
  },
}
