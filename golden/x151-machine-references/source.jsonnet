// Invalid: a proxy naming a Linux machine no environment declares (issue 11). (Zone-level
// machine problems are in x150; a zone error stops the environment before its proxies.)
{
  name: 'acme',
  environments: {
    prod: {
      purpose: 'production',
      servers: {
        'prod-fe1': { address: '10.0.1.11' },
        'prod-fe2': { address: '10.0.1.12' },
        'prod-fe3': { address: '10.0.1.13' },
      },
      machines: {
        ok: { address: '10.0.1.103', engine: 'haproxy' },
      },
      zones: {
        Global: { allServers: true, loadBalancer: 'lb0.acme.local', lbMachines: ['ok'] },
        DZ1: { servers: ['prod-fe3'] },
      },
      apps: { App1: { zone: 'DZ1' } },
      proxies: { www: { host: 'www.acme.example', tls: 'none', machines: ['edge2'] } },
    },
  },
}
