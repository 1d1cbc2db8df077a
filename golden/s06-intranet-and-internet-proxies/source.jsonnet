// Scenario 6 (possible setups, "some applications reachable from the Internet, other
// applications only reachable from the intranet"): two reverse proxies,
// intranet.exampledomain.net for the Intranet zone and www.exampledomain.com for the Internet
// zone, each zone with its own load balancer.
// Documented values: "You can only define one value for the hostname configuration": the
// hostname must be chosen between the two proxy hosts; here it is explicit.
// The Intranet zone uses HTTPS internally: calls from other zones reach lb-intranet over
// HTTPS, and zonegen's pools pass TLS through to a front-end, so its front-ends hold a
// certificate covering that name (zones/reference.md; localCertificate, the zone's one
// certificate fact, R2). The same certificate lets them serve the name locally ("Using reverse
// proxies": only without HTTPS internally, or with a valid local certificate). Without it
// the source is refused (x152).
// Expected (R10: the egress addresses, where proxies and load balancers connect to the
// front-ends from, make the Trusted proxy addresses and part of the Internal network):
//   - hostname = www.exampledomain.com (explicit);
//   - Intranet address = lb-intranet.exampledomain.local, Internet = lb-www.exampledomain.local (R2);
//   - proxy intranet routes /Timesheets, /Timesheets_Theme to Intranet; proxy
//     internet routes /Shop, /ShopMobile to Internet (R6);
//   - ShopMobile is mobile and published by the proxy whose host is the hostname: no R5 warning;
//   - hosts: int-fe1, int-fe2 map Global's and Intranet's load balancers, the latter over
//     HTTPS too (R7); www-fe1, www-fe2 map Global's and Internet's load balancers;
//   - Intranet's pool checks verify lb-intranet.exampledomain.local on each front-end; Global's
//     and Internet's verify the chain only (nothing says their front-ends hold a certificate
//     for the load-balancer name).
{
  name: 'scenario6',
  environments: {
    prod: {
      purpose: 'production',
      hostname: 'www.exampledomain.com',
      servers: {
        'int-fe1': { address: '10.0.1.11' },
        'int-fe2': { address: '10.0.1.12' },
        'www-fe1': { address: '10.0.2.11' },
        'www-fe2': { address: '10.0.2.12' },
      },
      zones: {
        Global: { allServers: true, loadBalancer: 'lb-global.exampledomain.local', egress: '10.0.0.11' },
        Intranet: {
          servers: ['int-fe1', 'int-fe2'],
          loadBalancer: 'lb-intranet.exampledomain.local', egress: '10.0.0.12',
          httpsInternal: true,
          localCertificate: true,
        },
        Internet: { servers: ['www-fe1', 'www-fe2'], loadBalancer: 'lb-www.exampledomain.local', egress: '10.0.0.13' },
      },
      apps: {
        Timesheets: { zone: 'Intranet', modules: ['Timesheets', 'Timesheets_Theme'] },
        Shop: { zone: 'Internet' },
        ShopMobile: { zone: 'Internet', mobile: true },
      },
      proxies: {
        intranet: { host: 'intranet.exampledomain.net', egress: '10.0.0.31', zones: ['Intranet'] },
        internet: { host: 'www.exampledomain.com', egress: '10.0.0.32', zones: ['Internet'] },
      },
    },
  },
}
