// Invalid (R3): dc has only the controller role, yet zone DZ1 lists it; a dedicated deployment
// controller serves no app and is in no zone (design example 1; DESIGN schema).
// Must report: environments.dev.zones.DZ1.servers[1]: R3: dc is not a front-end.
{
  name: 'acme',
  environments: {
    dev: {
      purpose: 'development',
      servers: {
        fe1: {},
        dc: { roles: ['controller'] },
      },
      zones: { Global: { allServers: true, httpsInternal: true }, DZ1: { servers: ['fe1', 'dc'] } },
      apps: { App1: { zone: 'DZ1' } },
    },
  },
}
