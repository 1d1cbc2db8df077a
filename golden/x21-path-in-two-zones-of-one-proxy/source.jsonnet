// Invalid (R6): /Common_Theme (a shared theme module) is referenced by an app in DZ1 and an app in DZ2, and proxy www
// publishes both zones: one path would have to go to two upstreams (FACTS §4: every referenced
// module must be exposed).
// Must report: environments.prod.proxies.www: R6: path /Common_Theme is in zones DZ1
// (App1InDZ1) and DZ2 (App2InDZ2).
{
  name: 'acme',
  environments: {
    prod: {
      purpose: 'production',
      servers: {
        fe1: { address: '10.0.1.11' },
        fe2: { address: '10.0.2.11' },
      },
      zones: {
        Global: { allServers: true, loadBalancer: 'lb.exampledomain.local' },
        DZ1: { servers: ['fe1'] },
        DZ2: { servers: ['fe2'] },
      },
      apps: {
        App1InDZ1: { zone: 'DZ1', modules: ['App1InDZ1', 'Common_Theme'] },
        App2InDZ2: { zone: 'DZ2', modules: ['App2InDZ2', 'Common_Theme'] },
      },
      proxies: { www: { host: 'www.exampledomain.com', zones: ['DZ1', 'DZ2'] } },
    },
  },
}
