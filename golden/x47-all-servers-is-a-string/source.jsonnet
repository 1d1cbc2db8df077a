// Invalid (decode): allServers is the string "yes".
// Must report: environments.prod.zones.Global.allServers: expected a boolean, got a string.
{
  name: 'acme',
  environments: {
    prod: {
      purpose: 'production',
      servers: { fe1: {} },
      zones: { Global: { allServers: 'yes' } },
      apps: { App1: {} },
    },
  },
}
