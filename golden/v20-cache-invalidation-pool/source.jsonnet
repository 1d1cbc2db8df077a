// Valid: a cache-invalidation pool in front of a two-node RabbitMQ cluster, on two machines
// that share its listen address (docs-product cache-invalidation/high-availability.md), and
// a zone pool on the same machines, on another address.
// Expected:
//   - lb/cache-invalidation.{nginx.conf,haproxy.cfg}: round robin over both nodes on 5672,
//     listening on 10.0.3.5:5672, with the guide's timeouts (connect 5 s, idle 120 s);
//   - one keepalived file per machine for 10.0.3.5 (vrid 5), cache-invalidation first on
//     pool-b, as listed;
//   - the Ansible group zonegen_lb_prod_cache_invalidation holds both machines;
//   - firewall.md: the servers reach the pool on 5672, the pool's machines the nodes on
//     5672, the nodes each other on 4369 and 25672; no front-ends → controller 5672 row;
//   - dns.md: rabbitmq.acme.test → 10.0.3.5, and the nodes' names;
//   - checklist.md: the Configuration Tool's Cache tab names rabbitmq.acme.test, port 5672,
//     and, with tls, that each node's certificate must name rabbitmq.acme.test;
//   - certificates.md: each node's TLS certificate, at rabbitN.acme.test:5672, covering
//     rabbitmq.acme.test (the pool passes TLS through).
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
        'pool-a': { address: '10.0.3.11', engine: 'haproxy', interface: 'eth0' },
        'pool-b': { address: '10.0.3.12', engine: 'haproxy', interface: 'eth0' },
      },
      zones: {
        Global: { allServers: true, loadBalancer: 'lb0.acme.test', listen: { address: '10.0.3.2' }, lbMachines: ['pool-a', 'pool-b'] },
      },
      apps: { Portal: {} },
      cacheInvalidation: {
        loadBalancer: 'rabbitmq.acme.test',
        nodes: ['rabbit2.acme.test', 'rabbit1.acme.test'],
        lbMachines: ['pool-b', 'pool-a'],
        listen: { address: '10.0.3.5' },
        tls: true,  // the nodes' listener is TLS on 5672 (enable-tls.md: any port works)
      },
    },
  },
}
