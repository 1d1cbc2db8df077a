// Invalid: failover addresses (a listen address shared by two machines, which keepalived
// moves between them) whose machines keepalived cannot run them on.
// Must report, at once:
//   - machines.edge-a.interface: missing (keepalived adds the address to it);
//   - machines.edge-b.interface: not an interface name ("eth0; x" would end the line);
//   - zones.DZ2.listen.vrid: 3, like DZ1's address 10.0.3.3 on machine pool-a;
//   - proxies.www.listen.address: 10.0.3.3 is DZ1's failover address too, on other ports;
//   - machines.lone.interface: a warning, the machine shares no address.
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
        'edge-a': { address: '10.0.8.11', engine: 'nginx' },
        'edge-b': { address: '10.0.8.12', engine: 'nginx', interface: 'eth0; x' },
        'pool-a': { address: '10.0.3.11', engine: 'haproxy', interface: 'eth0' },
        'pool-b': { address: '10.0.3.12', engine: 'haproxy', interface: 'eth0' },
        lone: { address: '10.0.3.50', engine: 'haproxy', interface: 'eth0' },
      },
      zones: {
        Global: { allServers: true, loadBalancer: 'lb0.acme.test', lbMachines: ['lone'] },
        DZ1: { servers: ['fe1', 'fe2'], loadBalancer: 'lb1.acme.test', listen: { address: '10.0.3.3' }, lbMachines: ['pool-a', 'pool-b'] },
        DZ2: { servers: ['fe1', 'fe2'], loadBalancer: 'lb2.acme.test', listen: { address: '10.0.4.4', vrid: 3 }, lbMachines: ['pool-b', 'pool-a'] },
      },
      apps: { Orders: { zone: 'DZ1' } },
      proxies: {
        www: { host: 'www.acme.test', listen: { address: '10.0.3.3', http: 8080, https: 8443 }, machines: ['edge-a', 'edge-b'] },
      },
    },
  },
}
