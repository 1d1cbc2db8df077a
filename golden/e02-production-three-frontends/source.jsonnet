// Infrastructure design example 2 ("Production environment"): 3 front-ends serving requests
// through a load balancer (the database cluster is out of scope).
// Expected:
//   - Global (allServers: fe1, fe2, fe3) address = prod.exampledomain.com (R2: load balancer);
//   - hostname = prod.exampledomain.com (R4: no proxy, default zone address; scenario 3
//     without a proxy);
//   - hosts on each front-end: 127.0.0.1 prod.exampledomain.com (R7);
//   - lb/Global pool: round robin, no stickiness, HTTP check GET /HealthCheck/HealthCheck.aspx
//     expecting "Healthy" (FACTS §5: the team's own health page);
//   - servicecenter.json lists the three apps in Global;
//   - RichWidgets, which CustomerPortal references, is a System Component (systemModules
//     default), not a module of the app: no proxy here, so nothing routes it.
{
  name: 'example2',
  environments: {
    prod: {
      purpose: 'production',
      servers: {
        'prd-fe1': { address: '10.20.0.11' },
        'prd-fe2': { address: '10.20.0.12' },
        'prd-fe3': { address: '10.20.0.13' },
      },
      zones: {
        Global: { allServers: true, loadBalancer: 'prod.exampledomain.com' },
      },
      apps: {
        CustomerPortal: {
          modules: ['CustomerPortal', 'CustomerPortal_CS', 'CustomerPortal_Theme'],
        },
        Backoffice: { modules: ['Backoffice', 'Backoffice_CS'] },
        HealthCheck: {},
      },
      healthCheck: { path: '/HealthCheck/HealthCheck.aspx', expect: 'Healthy' },
    },
  },
}
