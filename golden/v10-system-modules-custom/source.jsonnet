// Valid: an environment that lists its own System Components (systemModules replaces the
// default list), with apps in two zones behind one proxy that publishes only DZ1.
// Expected (R10: the egress addresses, where proxies and load balancers connect to the
// front-ends from, make the Trusted proxy addresses and part of the Internal network):
//   - proxy www routes /Portal to DZ1, and /RichWidgets, /Users, /Charts to Global (the
//     default zone, where the platform deploys System Components: zones/intro.md), although
//     it does not publish Global: its apps load them from the same host (reverse-proxy-config.md §B);
//   - /EPA_Taskbox is not routed (not in this list): 404;
//   - proxy intranet publishes no app and routes no System Component (no route: a warning).
{
  name: 'acme',
  environments: {
    prod: {
      purpose: 'production',
      servers: { fe1: { address: '10.0.1.11' }, fe2: { address: '10.0.1.12' } },
      zones: {
        Global: { allServers: true, loadBalancer: 'lb0.exampledomain.local', egress: '10.0.0.11' },
        DZ1: { servers: ['fe2'] },
      },
      systemModules: ['Users', 'RichWidgets', 'Charts'],
      apps: { Portal: { zone: 'DZ1' } },
      hostname: 'www.exampledomain.com',
      proxies: {
        www: { host: 'www.exampledomain.com', egress: '10.0.0.31', zones: ['DZ1'] },
        intranet: { host: 'intranet.exampledomain.local', egress: '10.0.0.32', zones: ['Global'], tls: 'none' },
      },
    },
  },
}
