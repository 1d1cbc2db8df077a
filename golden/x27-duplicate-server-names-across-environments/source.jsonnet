// Invalid (R9): server fe1 exists in dev and in qa; server names are inventory hosts and must
// be
// unique across the whole infrastructure.
// Must report: environments.qa.servers.fe1: R9: server name also used in environment dev.
{
  name: 'acme',
  environments: {
    dev: { purpose: 'development', servers: { fe1: { address: '10.0.1.11' } }, apps: { App1: {} } },
    qa: { purpose: 'quality', servers: { fe1: { address: '10.0.2.11' } }, apps: { App1: {} } },
  },
}
