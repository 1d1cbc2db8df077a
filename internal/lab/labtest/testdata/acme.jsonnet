// The lab's and the generators' test estate (labtest.Acme): every proxy and pool shape on
// made-up addresses that lab.New moves to loopback.
//   - prod: front-ends fe1-fe4 and a controller; zones Global (all front-ends, lb0, HTTPS
//     internally as a standalone controller requires), DZ1 (fe1, fe2, lb1), DZ2 (fe3, fe4,
//     lb2, HTTPS inside) and DZ3 (fe4 alone, no load balancer); the front-ends of the zones
//     with HTTPS inside or a re-encrypting proxy hold a certificate for the zone's load
//     balancer (localCertificate, R2), and the lab issues no other. Proxy www offloads TLS
//     and sends HTTP to DZ1's and DZ2's load balancers (R6: offload speaks HTTP even to a
//     zone with HTTPS inside); proxy intra re-encrypts to
//     DZ1 and Global, balances over their servers itself, verifying each zone's
//     load-balancer name (localCertificate), and routes the platform paths for 10.0.9.5 and
//     10.9.0.0/16 only.
//   - dev: front-ends dev1, dev2 in Global (an IP load balancer) with an HTTP health check;
//     proxy edge speaks plain HTTP, balances over the servers and has small limits (a 1 MiB
//     body, 16 KiB request and 8 KiB response headers), so that the probes send a body over
//     the limit too; the other proxies have the defaults.
// Module names include /App next to /App2 (bounded matching) and /Default (an nginx map
// keyword).
local cert(host) = '/etc/ssl/zonegen/' + host + '.pem';
local ca = '/etc/ssl/zonegen/ca.pem';
// No System Components' routes, so that each proxy routes only its apps (the goldens
// cover the system modules).
local sys = [];
{
  name: 'acme',
  environments: {
    prod: {
      purpose: 'production',
      hostname: 'www.acme.test',
      serviceCenterZone: 'Global',
      systemModules: sys,
      servers: {
        dc: { address: '10.0.2.5', roles: ['controller'] },
        fe1: { address: '10.0.2.11', tls: true },
        fe2: { address: '10.0.2.12', tls: true },
        fe3: { address: '10.0.3.21', tls: true },
        fe4: { address: '10.0.3.22', tls: true },
      },
      zones: {
        DZ1: { servers: ['fe1', 'fe2'], loadBalancer: 'lb1.acme.test', localCertificate: true, egress: '10.0.4.1', ca: ca },
        DZ2: { servers: ['fe3', 'fe4'], loadBalancer: 'lb2.acme.test', egress: '10.0.4.2', httpsInternal: true, localCertificate: true, ca: ca },
        DZ3: { servers: ['fe4'] },
        Global: { allServers: true, loadBalancer: 'lb0.acme.test', httpsInternal: true, localCertificate: true, egress: '10.0.4.0', ca: ca },
      },
      apps: {
        App: { zone: 'DZ1', modules: ['App'] },
        App1InDZ1: { zone: 'DZ1', modules: ['App1InDZ1', 'App1InDZ1_Theme', 'Default'] },
        App2: { zone: 'DZ2', modules: ['App2'] },
        App2InDZ2: { zone: 'DZ2', modules: ['App2InDZ2', 'App2InDZ2_Theme'] },
        Portal: { zone: 'Global', modules: ['Portal'] },
        Reports: { zone: 'DZ3', modules: ['Reports'] },
      },
      proxies: {
        intra: {
          host: 'intra.acme.test', certificate: cert('intra.acme.test'), ca: ca,
          tls: 'reencrypt', balance: 'servers', platform: true,
          allow: ['10.0.9.5/32', '10.9.0.0/16'], zones: ['DZ1', 'Global'],
          listen: { address: '10.0.1.5' }, egress: '10.0.1.5',
        },
        www: {
          host: 'www.acme.test', certificate: cert('www.acme.test'),
          tls: 'offload', zones: ['DZ1', 'DZ2'], egress: '10.0.1.6',
        },
      },
    },
    dev: {
      purpose: 'development',
      hostname: 'dev.acme.test',
      serviceCenterZone: 'Global',
      healthCheck: { path: '/HealthCheck/', expect: 'ServerOK' },
      systemModules: sys,
      servers: {
        dev1: { address: '10.1.2.11', tls: false },
        dev2: { address: '10.1.2.12', tls: false },
      },
      zones: {
        Global: { allServers: true, loadBalancer: '10.1.2.10', egress: '10.1.2.10' },
      },
      apps: {
        Sandbox: { zone: 'Global', modules: ['Sandbox', 'Sandbox_Theme'] },
      },
      proxies: {
        edge: {
          host: 'dev.acme.test', certificate: cert('dev.acme.test'),
          tls: 'none', balance: 'servers', listen: { https: 0 }, egress: '10.1.1.5',
          limits: { body: '1MiB', requestHeaders: '16KiB', responseHeaders: '8KiB' },
        },
      },
    },
  },
}
