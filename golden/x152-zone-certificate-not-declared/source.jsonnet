// Invalid: two things reach zone addresses over HTTPS, and nothing says the zones'
// front-ends hold a certificate covering it (the zone's one certificate fact, R2;
// zones/reference.md: "the zone address must be covered by the certificate"). zonegen's pools
// pass TLS through, so each TLS session ends on a front-end.
// Must report, each at what needs the certificate, with localCertificate as the fix:
//   - environments.prod.zones.DZ1.httpsInternal: HTTPS internal calls reach lb1;
//   - environments.prod.proxies.partners.tls: proxy partners re-encrypts to lb2 (DZ2), and
//     to prod-lb (Global), where it sends the System Components.
// LifeTime over HTTPS to a zone address is x153.
{
  name: 'zonecert',
  environments: {
    prod: {
      purpose: 'production',
      hostname: 'www.acme.example',
      servers: {
        fe1: { address: '10.0.1.11' },
        fe2: { address: '10.0.1.12' },
        fe3: { address: '10.0.1.13' },
        fe4: { address: '10.0.1.14' },
      },
      zones: {
        Global: { allServers: true, loadBalancer: 'prod-lb.acme.local', egress: '10.0.1.2' },
        DZ1: { servers: ['fe1', 'fe2'], loadBalancer: 'lb1.acme.local', egress: '10.0.1.3', httpsInternal: true },
        DZ2: { servers: ['fe3', 'fe4'], loadBalancer: 'lb2.acme.local', egress: '10.0.1.4' },
      },
      apps: { Orders: { zone: 'DZ1' }, Portal: { zone: 'DZ2' } },
      proxies: {
        partners: { host: 'www.acme.example', tls: 'reencrypt', balance: 'zone', zones: ['DZ2'], egress: '10.0.1.30' },
      },
    },
  },
}
