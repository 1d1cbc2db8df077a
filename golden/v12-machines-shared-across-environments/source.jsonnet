// Valid: the Linux machines Ansible deploys proxies and pools to (issue 11). One nginx
// machine, edge, declared in prod, runs the proxies of prod and qa (nginx tells them apart by
// name on one *:443); one HAProxy machine, pool, runs both of prod's zone pools, which a
// layer-4 pool can only tell apart by address: Global listens on its VIP 10.0.3.2, DZ1 on the
// machine's other addresses; qa's pool names no machine.
// Expected:
//   - inventory: edge and pool under zonegen_linux with ansible_host and zonegen_engine;
//     zonegen_proxy_prod_www and zonegen_proxy_qa_www hold edge, zonegen_lb_prod_global and
//     zonegen_lb_prod_dz1 hold pool, zonegen_lb_qa_global is generated empty for the user's
//     inventory to fill;
//   - explain, under prod: machine edge runs both proxies, machine pool both pools; under qa:
//     no machine runs its pool;
//   - R10: Global's pool connects from its listen address 10.0.3.2, DZ1's from the address
//     10.0.3.101 of its one machine pool (trusted proxies, bound by `source`); edge's
//     10.0.3.100 is the proxies' (internal network).
{
  name: 'machines',
  environments: {
    prod: {
      purpose: 'production',
      servers: {
        'prod-dc': { address: '10.0.3.5', roles: ['controller'] },
        p1: { address: '10.0.3.11' },
        p2: { address: '10.0.3.12' },
        p3: { address: '10.0.3.13' },
      },
      machines: {
        edge: { address: '10.0.3.100', engine: 'nginx' },
        pool: { address: '10.0.3.101', engine: 'haproxy' },
      },
      zones: {
        Global: { allServers: true, loadBalancer: 'prod-lb0.acme.test', lbMachines: ['pool'], listen: { address: '10.0.3.2' }, httpsInternal: true, localCertificate: true },
        DZ1: { servers: ['p3'], loadBalancer: 'prod-lb1.acme.test', lbMachines: ['pool'] },
      },
      apps: { Orders: { zone: 'Global' }, Sales: { zone: 'DZ1' } },
      proxies: { www: { host: 'www.acme.test', machines: ['edge'] } },
    },
    qa: {
      purpose: 'quality',
      servers: { q1: { address: '10.0.2.11' }, q2: { address: '10.0.2.12' } },
      zones: { Global: { allServers: true, loadBalancer: 'qa-lb.acme.test', egress: '10.0.2.2' } },
      apps: { Orders: {} },
      proxies: { www: { host: 'qa.acme.test', machines: ['edge'] } },
    },
  },
}
