// Warns (R10): an internalNetwork that holds every IPv4 client (here cut in two halves) and
// every public IPv6 one. The setting limits Service Center, LifeTime and the development tools
// to the listed addresses (FACTS.md, configure-internal-network.md); such a list lifts that,
// and opens the monitoring endpoints that default to it.
// Must report: one warning per family, at environments.dev.internalNetwork.
{
  name: 'acme',
  environments: {
    dev: {
      purpose: 'development',
      hostname: 'dev.acme.test',
      servers: {
        'dev-fe1': { address: '10.0.1.11', roles: ['frontend', 'controller'] },
      },
      internalNetwork: ['0.0.0.0/1', '128.0.0.0/1', '2000::/3'],
      apps: { App1: {} },
    },
  },
}
