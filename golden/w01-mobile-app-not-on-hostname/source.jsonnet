// Valid, with a warning. Scenario 6 setup whose explicit hostname is the intranet proxy,
// while the mobile app lives in the Internet zone, published only by www.exampledomain.com.
// Client-side calls use the environment URL (recommended network architecture), so the app
// cannot reach its back end.
// Expected (R10: the egress addresses, where proxies and load balancers connect to the
// front-ends from, make the Trusted proxy addresses and part of the Internal network): no error; warning at environments.prod.apps.FieldApp: R5: mobile app not
// published by the proxy whose host is the hostname intranet.exampledomain.net.
{
  name: 'warn-mobile',
  environments: {
    prod: {
      purpose: 'production',
      hostname: 'intranet.exampledomain.net',
      servers: {
        'int-fe1': {},
        'www-fe1': {},
      },
      zones: {
        Global: { allServers: true, loadBalancer: 'lb-global.exampledomain.local', egress: '10.0.0.11' },
        Intranet: { servers: ['int-fe1'] },
        Internet: { servers: ['www-fe1'] },
      },
      apps: {
        Timesheets: { zone: 'Intranet' },
        FieldApp: { zone: 'Internet', mobile: true },
      },
      proxies: {
        intranet: { host: 'intranet.exampledomain.net', egress: '10.0.0.31', zones: ['Intranet'] },
        internet: { host: 'www.exampledomain.com', egress: '10.0.0.32', zones: ['Internet'] },
      },
    },
  },
}
