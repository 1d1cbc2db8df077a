// Invalid: a standalone deployment controller, and Service Center's zone Global does not use
// HTTPS for internal communications. "If you use a standalone Deployment Controller server,
// you must turn on Use HTTPS for internal communications in the Deployment Zone that contains
// Service Center" (docs-product zones/intro.md).
// Must report: environments.prod.zones.Global.httpsInternal: set httpsInternal: true on zone
// Global.
{
  name: 'controllerhttp',
  environments: {
    prod: {
      purpose: 'production',
      servers: {
        fe1: { address: '10.0.1.11' },
        fe2: { address: '10.0.1.12' },
        dc: { address: '10.0.1.5', roles: ['controller'] },
      },
      zones: {
        Global: { allServers: true, loadBalancer: 'prod-lb.exampledomain.local', egress: '10.0.1.2' },
      },
      apps: { Orders: {} },
    },
  },
}
