// Invalid (decode): unknown zone field "loadbalancer" (lower-case b).
// Must report: environments.prod.zones.Global.loadbalancer: unknown field (did you mean
// "loadBalancer"?).
{
  name: 'acme',
  environments: {
    prod: {
      purpose: 'production',
      servers: { fe1: {}, fe2: {} },
      zones: { Global: { allServers: true, loadbalancer: 'lb.exampledomain.local' } },
      apps: { App1: {} },
    },
  },
}
