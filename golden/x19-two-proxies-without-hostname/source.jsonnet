// Invalid (R4): the invalid twin of s06: two proxies and no explicit hostname. Scenario 6: "You
// can only define one value for the hostname configuration"; the choice affects mobile apps,
// links in email screens and the Service Studio Distribute tab.
// Must report: environments.prod.hostname: R4: choose between intranet.exampledomain.net (proxy
// intranet) and www.exampledomain.com (proxy internet), naming the use cases each choice
// breaks.
{
  name: 'scenario6',
  environments: {
    prod: {
      purpose: 'production',
      servers: {
        'int-fe1': { address: '10.0.1.11' },
        'int-fe2': { address: '10.0.1.12' },
        'www-fe1': { address: '10.0.2.11' },
        'www-fe2': { address: '10.0.2.12' },
      },
      zones: {
        Global: { allServers: true, loadBalancer: 'lb-global.exampledomain.local' },
        Intranet: { servers: ['int-fe1', 'int-fe2'], loadBalancer: 'lb-intranet.exampledomain.local' },
        Internet: { servers: ['www-fe1', 'www-fe2'], loadBalancer: 'lb-www.exampledomain.local' },
      },
      apps: {
        Timesheets: { zone: 'Intranet' },
        Shop: { zone: 'Internet' },
        ShopMobile: { zone: 'Internet', mobile: true },
      },
      proxies: {
        intranet: { host: 'intranet.exampledomain.net', zones: ['Intranet'] },
        internet: { host: 'www.exampledomain.com', zones: ['Internet'] },
      },
    },
  },
}
