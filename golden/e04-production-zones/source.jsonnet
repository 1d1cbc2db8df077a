// Infrastructure design example 4 ("Production environment with zones"): isolated zones for
// public access, for partners via a secure VPN, and for internal users, each paired with its
// own network segment and load balancer.
// Proxies where it makes sense: www.acme.com publishes Public, partners.acme.com (reached
// over the VPN) publishes Partners; internal users reach Internal's load balancer directly.
// Two proxies, so the hostname must be chosen (scenario 6); here explicit: the public host,
// because the mobile app is public (R5).
// Expected (R10: the egress addresses, where proxies and load balancers connect to the
// front-ends from, make the Trusted proxy addresses and part of the Internal network):
//   - hostname = www.acme.com (explicit);
//   - zone addresses (R2): Public lb-public.acme.local, Partners lb-partners.acme.local,
//     Internal lb-internal.acme.local, Global lb-global.acme.local;
//   - proxy www offloads TLS and balances itself over pub-fe1, pub-fe2 (balance servers),
//     routing /Store, /Store_Theme, /StoreApp (R6);
//   - proxy partners re-encrypts to Partners' load balancer (balance zone), verifying
//     lb-partners.acme.local against the internal CA, routing /PartnerPortal, /PartnerPortal_CS,
//     and the System Components (/RichWidgets, /Users, ...) to Global's load balancer,
//     verifying lb-global.acme.local: both zones' front-ends hold a certificate covering the
//     zone address (localCertificate), which HTTPS internally (Partners) requires anyway
//     (zones/reference.md: the zone address must be covered by the certificate);
//   - www routes the System Components to Global too (balance servers: all six front-ends);
//   - StoreApp is mobile and published by www, the hostname: no R5 warning;
//   - hosts (R7): every front-end maps lb-global.acme.local and its own zone's load balancer:
//     the certificate HTTPS internally needs also lets the servers serve the zone locally
//     (this case used to skip prt-*'s Partners entry while proxy partners verified that very
//     certificate: a contradiction).
local frontends = import 'frontends.libsonnet';

{
  name: 'example4',
  environments: {
    prod: {
      purpose: 'production',
      hostname: 'www.acme.com',
      servers: frontends.pair('pub', '10.40.1')
               + frontends.pair('prt', '10.40.2')
               + frontends.pair('int', '10.40.3'),
      zones: {
        Global: { allServers: true, loadBalancer: 'lb-global.acme.local', egress: '10.0.0.11', localCertificate: true },
        Public: { servers: ['pub-fe1', 'pub-fe2'], loadBalancer: 'lb-public.acme.local', egress: '10.0.0.12' },
        Partners: {
          servers: ['prt-fe1', 'prt-fe2'],
          loadBalancer: 'lb-partners.acme.local', egress: '10.0.0.13',
          httpsInternal: true,
          localCertificate: true,
        },
        Internal: {
          servers: ['int-fe1', 'int-fe2'],
          loadBalancer: 'lb-internal.acme.local', egress: '10.0.0.14',
          httpsInternal: true,
          localCertificate: true,
        },
      },
      apps: {
        Store: { zone: 'Public', modules: ['Store', 'Store_Theme'] },
        StoreApp: { zone: 'Public', mobile: true },
        PartnerPortal: { zone: 'Partners', modules: ['PartnerPortal', 'PartnerPortal_CS'] },
        HRInternal: { zone: 'Internal' },
      },
      proxies: {
        www: {
          host: 'www.acme.com', egress: '10.0.0.31',
          zones: ['Public'],
          balance: 'servers',
          certificate: '/etc/ssl/zonegen/www.acme.com.pem',
        },
        partners: {
          host: 'partners.acme.com', egress: '10.0.0.32',
          zones: ['Partners'],
          tls: 'reencrypt',
          certificate: '/etc/ssl/zonegen/partners.acme.com.pem',
          ca: '/etc/ssl/zonegen/acme-internal-ca.pem',
          listen: { address: '10.40.0.20', http: 80, https: 443 },
        },
      },
      healthCheck: { path: '/HealthCheck/', expect: 'OK' },
    },
  },
}
