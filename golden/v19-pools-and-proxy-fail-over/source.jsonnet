// Valid: two zone pools and a proxy, each on two machines with a listen address they share
// (a VIP), which keepalived moves between them (topology/failover.go; production-day.md,
// "what operators expect next").
// Expected:
//   - per machine of each, <owner>.<machine>.keepalived.conf: one VRRP instance, unicast
//     between the machines' own addresses, the first listed machine first (priority 200,
//     then 199): Global on pool-a then pool-b, DZ1 the other way round, so each machine
//     holds one address while both run; virtual router ids the addresses' last bytes (2, 3)
//     and www's set to 10 (its address ends in .2 like Global's, on other machines, which
//     unicast keeps apart; vrid says so anyway);
//   - the pools and the proxy bind no source: each machine connects to the front-ends from
//     its own address, and Trusted proxy addresses and Internal network list pool-a's and
//     pool-b's (R10), each naming its machine;
//   - the inventory groups hold both machines; each group's variables map every machine
//     to its keepalived file.
{
  name: 'acme',
  environments: {
    prod: {
      purpose: 'production',
      servers: {
        fe1: { address: 'fe1.acme.test' },
        fe2: { address: 'fe2.acme.test' },
      },
      machines: {
        'edge-a': { address: '10.0.8.11', engine: 'nginx', interface: 'ens192' },
        'edge-b': { address: '10.0.8.12', engine: 'nginx', interface: 'ens192' },
        'pool-a': { address: '10.0.3.11', engine: 'haproxy', interface: 'eth0' },
        'pool-b': { address: '10.0.3.12', engine: 'haproxy', interface: 'eth0' },
      },
      zones: {
        Global: { allServers: true, loadBalancer: 'lb0.acme.test', listen: { address: '10.0.3.2' }, lbMachines: ['pool-a', 'pool-b'] },
        DZ1: { servers: ['fe1', 'fe2'], loadBalancer: 'lb1.acme.test', listen: { address: '10.0.3.3' }, lbMachines: ['pool-b', 'pool-a'] },
      },
      apps: { Orders: { zone: 'DZ1' }, Portal: {} },
      proxies: {
        www: { host: 'www.acme.test', listen: { address: '10.0.8.2', vrid: 10 }, machines: ['edge-a', 'edge-b'] },
      },
    },
  },
}
