// Invalid (R9): servers FE1 (dev) and fe1 (qa) differ only in case; Windows host names and
// inventory hosts are case-insensitive.
// Must report: environments.qa.servers.fe1: R9: name equals "FE1" of environment dev ignoring
// case.
{
  name: 'acme',
  environments: {
    dev: { purpose: 'development', servers: { FE1: { address: '10.0.1.11' } }, apps: { App1: {} } },
    qa: { purpose: 'quality', servers: { fe1: { address: '10.0.2.11' } }, apps: { App1: {} } },
  },
}
