// Valid: front-end fe2 drained for patching (servers.fe2.drain). It stays in zones Global and
// DZ1 (Service Center's zones say where apps are deployed), and everything that balances
// over it sends it nothing new.
// Expected:
//   - both pools of Global and DZ1: HAProxy `server fe2 ... weight 0` (its checks go
//     on, so its health shows before it returns), nginx stream `server ... down`;
//   - proxy www (balance: servers): the same in its upstreams for both zones;
//   - servicecenter.json, the hosts files, firewall.md and dns.md as without drain;
//   - the lab's probes: every route and both pools are answered by fe1 and fe3, never fe2;
//   - no warning: fe2 is in pools, and no pool or upstream is left without a server.
{
  name: 'acme',
  environments: {
    prod: {
      purpose: 'production',
      servers: {
        fe1: { address: '10.0.3.11', roles: ['frontend', 'controller'] },
        fe2: { address: '10.0.3.12', drain: true },
        fe3: { address: '10.0.3.13' },
      },
      machines: {
        edge: { address: '10.0.3.100', engine: 'nginx' },
        pool: { address: '10.0.3.101', engine: 'haproxy' },
      },
      internalNetwork: ['10.0.0.0/16'],
      zones: {
        Global: { allServers: true, loadBalancer: 'lb0.acme.test', listen: { address: '10.0.3.2' }, lbMachines: ['pool'], localCertificate: true },
        DZ1: { servers: ['fe2', 'fe3'], loadBalancer: 'lb1.acme.test', listen: { address: '10.0.3.3' }, lbMachines: ['pool'], localCertificate: true },
      },
      apps: { Orders: {}, Sales: { zone: 'DZ1' } },
      proxies: { www: { host: 'www.acme.test', machines: ['edge'], balance: 'servers' } },
    },
  },
}
