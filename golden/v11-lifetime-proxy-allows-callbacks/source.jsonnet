// A LifeTime environment behind its own proxy (scenarios 7-9 seen from LifeTime's side).
// The managed environments' front-ends and controllers call LifeTime back on 443
// (docs-product network-requirements.md, LifeTime section, both ways).
// Expected:
//   - proxy lt allows its allow list 10.0.8.0/24 (the admins) and, by default, prod's
//     front-end 10.0.1.10 and controller 10.0.1.20; dev's 10.0.8.5 is already inside the
//     allow list and is not repeated (R8, explain gives the reason);
//   - proxy lt routes the LifeTime console's paths and the platform paths to Global.
{
  name: 'lifetimecallbacks',
  environments: {
    lifetime: {
      purpose: 'lifetime',
      servers: {
        'lt-fe1': { address: '10.0.9.10' },
      },
      proxies: {
        lt: {
          host: 'lifetime.exampledomain.com', egress: '10.0.0.32',
          platform: true,
          allow: ['10.0.8.0/24'],
        },
      },
    },
    dev: {
      purpose: 'development',
      servers: {
        'dev-fe1': { address: '10.0.8.5' },
      },
      apps: { Inventory: {} },
    },
    prod: {
      purpose: 'production',
      servers: {
        fe1: { address: '10.0.1.10', roles: ['frontend'] },
        dc: { address: '10.0.1.20', roles: ['controller'] },
      },
      zones: {
        Global: { servers: ['fe1'], httpsInternal: true },  // dc is a standalone controller (zones/intro.md)
      },
      apps: { Inventory: {} },
    },
  },
}
