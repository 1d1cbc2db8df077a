// Invalid: zone pools whose listen address is shared by two machines (a failover address,
// which keepalived moves between them) in ways keepalived cannot run.
// Must report, at once:
//   - machines.pool-b.address: a name, where VRRP speaks from the machine's own IPv4 address;
//   - machines.pool-c.address: zone DZ6's failover address itself;
//   - zones.DZ1.egress: each machine connects from its own address, none from a shared one;
//   - zones.DZ3.listen.vrid: a virtual router id without a second machine;
//   - zones.DZ4.listen.address: IPv6, which zonegen's keepalived does not move;
//   - zones.DZ5.listen: the address ends in .0, so the default virtual router id is 0.
{
  name: 'acme',
  environments: {
    prod: {
      purpose: 'production',
      servers: {
        fe1: { address: 'fe1.acme.test', roles: ['frontend', 'controller'] },
        fe2: { address: 'fe2.acme.test' },
      },
      machines: {
        'pool-a': { address: '10.0.3.11', engine: 'haproxy', interface: 'eth0' },
        'pool-b': { address: 'pool-b.acme.test', engine: 'haproxy', interface: 'eth0' },
        'pool-c': { address: '10.0.3.6', engine: 'haproxy', interface: 'eth0' },
      },
      zones: {
        Global: { allServers: true, loadBalancer: 'lb0.acme.test' },
        DZ1: { servers: ['fe1', 'fe2'], loadBalancer: 'lb1.acme.test', listen: { address: '10.0.3.3' }, lbMachines: ['pool-a', 'pool-b'], egress: '10.0.3.3' },
        DZ3: { servers: ['fe1', 'fe2'], loadBalancer: 'lb3.acme.test', listen: { address: '10.0.3.7', vrid: 7 }, lbMachines: ['pool-a'] },
        DZ4: { servers: ['fe1', 'fe2'], loadBalancer: 'lb4.acme.test', listen: { address: '2001:db8::4' }, lbMachines: ['pool-a', 'pool-c'] },
        DZ5: { servers: ['fe1', 'fe2'], loadBalancer: 'lb5.acme.test', listen: { address: '10.0.6.0' }, lbMachines: ['pool-c', 'pool-a'] },
        DZ6: { servers: ['fe1', 'fe2'], loadBalancer: 'lb6.acme.test', listen: { address: '10.0.3.6' }, lbMachines: ['pool-a', 'pool-c'] },
      },
      apps: { Orders: { zone: 'DZ1' } },
    },
  },
}
