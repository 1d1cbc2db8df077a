// Invalid (R3), plus a warning: zone DZ1 lists an unknown server fe9 (the error), and its
// load balancer is an IP address, which a hosts file cannot map (R7 warning, as in w02).
// Must report: error environments.prod.zones.DZ1.servers[1]: R3: unknown server "fe9";
// then warning(s) R7 for the IP load balancers, if validation gets that far.
{
  name: 'acme',
  environments: {
    prod: {
      purpose: 'production',
      servers: {
        fe1: { address: '10.0.1.11' },
        fe2: { address: '10.0.1.12' },
      },
      zones: {
        Global: { allServers: true, loadBalancer: '10.0.1.100' },
        DZ1: { servers: ['fe1', 'fe9'], loadBalancer: '10.0.1.101' },
      },
      apps: { App1InDZ1: { zone: 'DZ1' } },
    },
  },
}
