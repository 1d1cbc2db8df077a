// Invalid (R6): systemModules names a platform path, lists a module twice in different case,
// and holds a name that would inject nginx syntax.
// Must report, each at its index: [0] "ServiceCenter" is a platform path; [2] "users" is
// listed twice; [3] an invalid name.
{
  name: 'acme',
  environments: {
    prod: {
      purpose: 'production',
      servers: { fe1: { address: '10.0.1.11' } },
      systemModules: ['ServiceCenter', 'Users', 'users', 'x; Admin zone_dz1;'],
      apps: { Portal: {} },
      proxies: { www: { host: 'www.exampledomain.com' } },
    },
  },
}
