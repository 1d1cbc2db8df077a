// Invalid (R6): an app lists RichWidgets as its own module, as sources had to before System
// Components were routed; RichWidgets is in systemModules (the default list), so one path
// would belong to two modules (docs-howtos reverse-proxy-config.md §B; FACTS.md).
// Must report: environments.prod.apps.Portal.modules[1]: R6: "RichWidgets" is also a System
// Component, with the fix (rename it, or drop it from systemModules).
{
  name: 'acme',
  environments: {
    prod: {
      purpose: 'production',
      servers: { fe1: { address: '10.0.1.11' } },
      apps: { Portal: { modules: ['Portal', 'RichWidgets'] } },
      proxies: { www: { host: 'www.exampledomain.com' } },
    },
  },
}
