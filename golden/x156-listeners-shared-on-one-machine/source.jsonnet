// Invalid: listeners that would take each other's connections (issue 17). A layer-4 pool
// tells zones apart only by address and port: HAProxy binds two listeners of one address
// (SO_REUSEPORT) and hands each connection to either at random (of 40 requests to DZ1's
// pool, 20 reached Global's front-ends), and nginx refuses the pair.
// Must report, each listener once at its `listen`, naming the one it clashes with (proxies
// are read before pools):
//   - prod: zones DZ1's and Global's pools on *:80 of HAProxy machine pool, like proxy www
//     (all addresses, one machine; DZ1 and Global clash too). DZ2's pool listens on its own
//     VIP 10.0.3.4 beside them, which HAProxy (and nginx's stream module) tell apart:
//     connections to 10.0.3.4 reach DZ2, not reported;
//   - prod: zone DZ3's pool on 10.0.3.5:443 like proxy api's HTTP port (one address, no
//     machine named: an address lives on one machine);
//   - qa: proxy beta on *:80 of HAProxy machine edge like proxy alpha: without a Host switch
//     HAProxy splits connections between them. On nginx machine web, proxies delta and gamma
//     share *:80 and *:443, and nginx picks a server block by name: not reported;
//   - qa: zone Global's pool on 10.0.2.8 of nginx machine web, where the proxies listen on all
//     addresses: nginx binds a pool (stream) and a proxy (http) apart and fails to start
//     (`nginx -t` passes the pair; starting nginx does not);
//   - dev: zones.DZ1.listen on a zone without a load balancer (no pool); zones.Global's
//     listen.address and egress with an IPv6 zone, which would carry text into `bind` and
//     `source`.
{
  name: 'acme',
  environments: {
    prod: {
      purpose: 'production',
      servers: {
        dc: { address: '10.0.3.50', roles: ['controller'] },
        fe1: { address: 'fe1.acme.test' },
        fe2: { address: 'fe2.acme.test' },
        fe3: { address: 'fe3.acme.test' },
      },
      machines: { pool: { address: '10.0.3.101', engine: 'haproxy' } },
      zones: {
        Global: { allServers: true, loadBalancer: 'lb0.acme.test', lbMachines: ['pool'], httpsInternal: true, localCertificate: true, ca: '/etc/ssl/acme-ca.pem' },
        DZ1: { servers: ['fe1', 'fe2'], loadBalancer: 'lb1.acme.test', lbMachines: ['pool'] },
        DZ2: { servers: ['fe3'], loadBalancer: 'lb2.acme.test', lbMachines: ['pool'], listen: { address: '10.0.3.4' } },
        DZ3: { servers: ['fe3'], loadBalancer: 'lb3.acme.test', listen: { address: '10.0.3.5' } },
      },
      apps: { Orders: {} },
      hostname: 'www.acme.test',
      proxies: {
        api: { host: 'api.acme.test', tls: 'none', listen: { address: '10.0.3.5', http: 443 } },
        www: { host: 'www.acme.test', machines: ['pool'], egress: '10.0.3.101' },
      },
    },
    qa: {
      purpose: 'quality',
      servers: { q1: { address: 'q1.acme.test' } },
      machines: {
        edge: { address: '10.0.2.100', engine: 'haproxy' },
        web: { address: '10.0.2.101', engine: 'nginx' },
      },
      zones: { Global: { allServers: true, loadBalancer: 'qa-lb.acme.test', lbMachines: ['web'], listen: { address: '10.0.2.8' } } },
      apps: { Orders: {} },
      hostname: 'alpha.acme.test',
      proxies: {
        alpha: { host: 'alpha.acme.test', machines: ['edge'], egress: '10.0.2.100' },
        beta: { host: 'beta.acme.test', machines: ['edge'], egress: '10.0.2.100' },
        delta: { host: 'delta.acme.test', machines: ['web'], egress: '10.0.2.101' },
        gamma: { host: 'gamma.acme.test', machines: ['web'], egress: '10.0.2.101' },
      },
    },
    dev: {
      purpose: 'development',
      servers: { d1: { address: 'd1.acme.test' }, d2: { address: 'd2.acme.test' } },
      zones: {
        Global: { allServers: true, loadBalancer: 'dev-lb.acme.test', listen: { address: 'fe80::1%eth0; bind :22' }, egress: 'fe80::1%x source' },
        DZ1: { servers: ['d1'], listen: { address: '10.0.1.6' } },
      },
    },
  },
}
