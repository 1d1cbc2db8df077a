// Valid: three zone pools on one HAProxy machine, told apart by address (issue 17). A
// layer-4 pool knows a zone only by the address and port a connection reaches, so Global
// and DZ1 listen on the VIPs their load-balancer names resolve to (listen.address), and DZ2
// on the machine's other addresses (a connection to a VIP reaches that VIP's pool first,
// in HAProxy and in nginx's stream module alike).
// Expected:
//   - bind 10.0.3.2 / 10.0.3.3 / *; each pool connects to the front-ends from its egress,
//     bound with `source` (HAProxy) and `proxy_bind` (nginx): Global and DZ1 from their VIPs,
//     DZ2 from the machine's address 10.0.3.101 (its one machine), and proxy www from its
//     machine edge's 10.0.3.100; Trusted proxy addresses list the three pools' (R10);
//   - the HTTP checks send X-Forwarded-Proto: https (Force HTTPS, HSTS answer the page);
//   - the HTTPS checks verify Global's zone address (localCertificate) against the internal
//     CA the source names, and DZ1's and DZ2's front-ends each for its own name, sent as SNI
//     (check-sni, verifyhost): their certificates cover their own names (tls, R2);
//   - checklist.md lists each pool's machine, listen and egress addresses and CA bundle;
//   - no warning: every front-end has a name, and Global's HTTPS checks trust acme's CA.
{
  name: 'acme',
  environments: {
    prod: {
      purpose: 'production',
      servers: {
        'prod-dc': { address: '10.0.3.5', roles: ['controller'] },
        fe1: { address: 'fe1.acme.test' },
        fe2: { address: 'fe2.acme.test' },
        fe3: { address: 'fe3.acme.test' },
      },
      machines: {
        edge: { address: '10.0.3.100', engine: 'nginx' },
        pool: { address: '10.0.3.101', engine: 'haproxy' },
      },
      zones: {
        Global: {
          allServers: true, loadBalancer: 'lb0.acme.test', listen: { address: '10.0.3.2' }, lbMachines: ['pool'],
          httpsInternal: true, localCertificate: true, ca: '/etc/ssl/certs/acme-ca.pem',
        },
        DZ1: { servers: ['fe1', 'fe2'], loadBalancer: 'lb1.acme.test', listen: { address: '10.0.3.3' }, lbMachines: ['pool'] },
        DZ2: { servers: ['fe3'], loadBalancer: 'lb2.acme.test', lbMachines: ['pool'] },
      },
      apps: { Orders: { zone: 'DZ1' }, Sales: { zone: 'DZ2' }, Portal: {} },
      proxies: { www: { host: 'www.acme.test', machines: ['edge'] } },
      healthCheck: { path: '/HealthCheck/', expect: 'OK' },
    },
  },
}
