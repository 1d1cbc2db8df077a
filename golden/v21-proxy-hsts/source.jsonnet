// Valid: HSTS at the edge (proxies.P.hsts, topology/hsts.go). The front-ends send a
// Strict-Transport-Security of their own (LifeTime's environment HSTS setting; the lab's
// stub front-ends send max-age=1); a proxy with hsts replaces it, one without passes it.
// Expected:
//   - www (hsts: {}, a year) and intra (600 s, includeSubDomains): every HTTPS answer in
//     nginx and HAProxy alike carries their policy and no other: the routed ones, their own
//     404, 400, 403 and 413, the 502 for a front-end's oversized head, and zone DZ1's
//     maintenance 503 (nginx repeats add_header in that block, which inherits none);
//   - their plain-HTTP listeners' 308 redirects carry none (RFC 6797 §7.2);
//   - legacy (tls: none, host legacy.acme.test, covered by no policy): the front-ends'
//     max-age=1 passes unchanged, its own answers carry none;
//   - explain and checklist.md name each policy; no warning.
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
          maintenance: { allow: ['10.0.9.0/24'], retryAfter: 600 },
        },
      },
      apps: { Orders: {}, Sales: { zone: 'DZ1' } },
      proxies: {
        www: {
          host: 'www.acme.test',
          machines: ['edge'],
          balance: 'servers',
          platform: true,
          allow: ['10.0.9.0/24'],
          hsts: {},
        },
        intra: {
          host: 'intra.acme.test',
          machines: ['gate'],
          balance: 'servers',
          zones: ['Global'],
          hsts: { maxAge: 600, includeSubDomains: true },
        },
        legacy: { host: 'legacy.acme.test', tls: 'none', machines: ['gate'], listen: { http: 8080 }, balance: 'servers', zones: ['Global'] },
      },
    },
  },
}
