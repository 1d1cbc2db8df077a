// Invalid (R3): zone DZ1 sets both allServers and a servers list; with "Includes all Servers"
// on, servers cannot be added or removed by hand (FACTS §2).
// Must report: environments.prod.zones.DZ1: R3: servers and allServers exclude each other.
{
  name: 'acme',
  environments: {
    prod: {
      purpose: 'production',
      servers: { fe1: {} },
      zones: { DZ1: { allServers: true, servers: ['fe1'] } },
      apps: { App1: { zone: 'DZ1' } },
    },
  },
}
