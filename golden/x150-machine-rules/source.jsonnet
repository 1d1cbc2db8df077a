// Invalid: the Linux machines Ansible deploys proxies and pools to (issue 11), declared
// wrong. Every problem at once, each at its path: a machine without an engine, one with an
// unknown engine, one named like a server (R9: both are Ansible inventory hosts); a zone
// naming one machine twice, lbMachines on a zone with no load balancer (no pool to run).
// (x151 has the references an environment without declaration errors reports.)
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
        edge: { address: '10.0.1.100' },
        pool: { address: '10.0.1.101', engine: 'apache' },
        'prod-fe3': { address: '10.0.1.102', engine: 'nginx' },
        ok: { address: '10.0.1.103', engine: 'haproxy' },
      },
      zones: {
        Global: { allServers: true, loadBalancer: 'lb0.acme.local', lbMachines: ['ok', 'ok'] },
        DZ1: { servers: ['prod-fe3'], lbMachines: ['ok'] },
      },
      apps: { App1: { zone: 'DZ1' } },
      proxies: { www: { host: 'www.acme.example', tls: 'none' } },
    },
  },
}
