// Infrastructure design example 3 ("LifeTime environment"): a standard LifeTime setup with one
// front-end, managing development, quality and production (possible setups, "On-premises
// infrastructure": LifeTime must run in a dedicated environment).
// Expected LifeTime addresses (R8, scenarios 7-9), all over HTTPS:
//   - dev  = dev-fe1.exampledomain.local (single front-end, scenario 7);
//   - qa   = qa.exampledomain.local (explicit lifetimeAddress);
//   - prod = prod-lb.exampledomain.local (Service Center's zone has a load balancer and there
//     is no offloading proxy, scenario 9 without offloading); LifeTime's HTTPS calls to it end
//     on a front-end, which therefore holds a certificate covering it (localCertificate, R2);
//   - the lifetime environment: hostname lt-fe1.exampledomain.local (R4), no LifeTime address
//     of its own, lifetime/lifetime.json lists dev, prod, qa.
{
  name: 'example3',
  environments: {
    lifetime: {
      purpose: 'lifetime',
      servers: {
        'lt-fe1': { address: 'lt-fe1.exampledomain.local' },
      },
      manages: ['dev', 'qa', 'prod'],
    },
    dev: {
      purpose: 'development',
      servers: {
        'dev-fe1': { address: 'dev-fe1.exampledomain.local' },
      },
      apps: { Inventory: {} },
    },
    qa: {
      purpose: 'quality',
      lifetimeAddress: 'qa.exampledomain.local',
      servers: {
        'qa-fe1': { address: 'qa.exampledomain.local' },
      },
      apps: { Inventory: {} },
    },
    prod: {
      purpose: 'production',
      servers: {
        'prod-fe1': { address: '10.30.0.11' },
        'prod-fe2': { address: '10.30.0.12' },
      },
      zones: {
        Global: { allServers: true, loadBalancer: 'prod-lb.exampledomain.local', localCertificate: true },
      },
      apps: { Inventory: {} },
    },
  },
}
