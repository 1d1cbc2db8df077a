// Valid: zones DZ1 and DZ2 in maintenance (zones.Z.maintenance) while their servers are
// upgraded. DZ1 still lets the team in (allow 10.0.9.0/24) and asks clients back in half an
// hour; DZ2 lets nobody in and keeps the default Retry-After (300 s).
// Expected:
//   - proxies www (nginx, balance: zone) and intra (HAProxy, balance: servers): DZ1's and
//     DZ2's routes answer 503 "down for maintenance" with Retry-After 1800 and 300 in both
//     engines; from 10.0.9.0/24, DZ1's routes reach DZ1 as before;
//   - the Global zone's apps, System Components and platform paths are routed as without
//     maintenance; the pools, hosts files, servicecenter.json and dns.md do not change;
//   - explain marks both zones and their upstreams; the lab's probes get the 503 and its
//     header from an outsider and DZ1's front-ends from the allowed source;
//   - no warning.
{
  name: 'acme',
  environments: {
    prod: {
      purpose: 'production',
      hostname: 'www.acme.test',
      servers: {
        fe1: { address: '10.0.3.11', roles: ['frontend', 'controller'] },
        fe2: { address: '10.0.3.12' },
        fe3: { address: '10.0.3.13' },
      },
      machines: {
        edge: { address: '10.0.3.100', engine: 'nginx' },
        gate: { address: '10.0.3.102', engine: 'haproxy' },
        pool: { address: '10.0.3.101', engine: 'haproxy' },
      },
      internalNetwork: ['10.0.0.0/16'],
      zones: {
        Global: { allServers: true, loadBalancer: 'lb0.acme.test', listen: { address: '10.0.3.2' }, lbMachines: ['pool'], localCertificate: true },
        DZ1: {
          servers: ['fe2', 'fe3'],
          loadBalancer: 'lb1.acme.test',
          listen: { address: '10.0.3.3' },
          lbMachines: ['pool'],
          localCertificate: true,
          maintenance: { allow: ['10.0.9.0/24'], retryAfter: 1800 },
        },
        DZ2: { servers: ['fe1'], maintenance: {} },
      },
      apps: { Orders: {}, Sales: { zone: 'DZ1' }, Stock: { zone: 'DZ2' } },
      proxies: {
        www: { host: 'www.acme.test', machines: ['edge'], zones: ['DZ1', 'Global'] },
        intra: {
          host: 'intra.acme.test',
          machines: ['gate'],
          balance: 'servers',
          platform: true,
          allow: ['10.0.9.0/24'],
        },
      },
    },
  },
}
