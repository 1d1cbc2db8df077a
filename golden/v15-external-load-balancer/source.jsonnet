// Valid: a zone whose load balancer is not zonegen's (issue 17): an F5 that terminates TLS
// answers on dz1.acme.test for zone DZ1, which uses HTTPS internally while its front-ends
// hold no certificate for that name. The seed allows it ("Using reverse proxies": the
// hosts-file shortcut only where the zone does not use HTTPS internally or a local
// certificate matches): the calls go through the load balancer.
// Expected:
//   - no lb/DZ1.* file and no zonegen_lb_prod_dz1 group: zonegen generates no pool for DZ1;
//     Global's pool is generated as usual;
//   - no hosts entry for dz1.acme.test on fe1 or fe2 (explain says why), Global's
//     lb0.acme.test still mapped to 127.0.0.1;
//   - no error for httpsInternal without localCertificate; the need is the F5's certificate,
//     a row in checklist.md with what the F5 must do (answer on the zone address, balance and
//     check the front-ends, connect from its egress, set X-Forwarded-For);
//   - R10: the F5's egress 10.0.3.40 is a trusted proxy (proxy www sends DZ1's routes to it)
//     and in Internal network; firewall.md has the rows F5 → front-ends and www → F5, and no
//     deny row for DZ1 (it is a layer-7 load balancer: the checklist row covers it).
{
  name: 'acme',
  environments: {
    prod: {
      purpose: 'production',
      servers: {
        'prod-dc': { address: '10.0.3.5', roles: ['controller'] },
        fe1: { address: 'fe1.acme.test' },
        fe2: { address: 'fe2.acme.test' },
      },
      machines: {
        edge: { address: '10.0.3.100', engine: 'nginx' },
        pool: { address: '10.0.3.101', engine: 'haproxy' },
      },
      zones: {
        Global: {
          allServers: true, loadBalancer: 'lb0.acme.test', lbMachines: ['pool'],
          httpsInternal: true, localCertificate: true, ca: '/etc/ssl/certs/acme-ca.pem',
        },
        DZ1: { servers: ['fe1', 'fe2'], loadBalancer: 'dz1.acme.test', externalLoadBalancer: true, httpsInternal: true, egress: '10.0.3.40' },
      },
      apps: { Orders: { zone: 'DZ1' }, Portal: {} },
      proxies: { www: { host: 'www.acme.test', machines: ['edge'] } },
      healthCheck: { path: '/HealthCheck/', expect: 'OK' },
    },
  },
}
