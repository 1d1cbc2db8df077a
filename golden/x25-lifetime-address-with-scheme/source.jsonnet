// Invalid (R8/R2): lifetimeAddress is a URL; LifeTime takes a host name plus a separate
// UseHTTPS flag (FACTS §1, LifeTime API HostName).
// Must report: environments.prod.lifetimeAddress: not a bare host or IP (a scheme).
{
  name: 'acme',
  environments: {
    lifetime: { purpose: 'lifetime', servers: { 'lt-fe1': {} }, manages: ['prod'] },
    prod: {
      purpose: 'production',
      lifetimeAddress: 'https://prod.exampledomain.com',
      servers: { fe1: {} },
      apps: { App1: {} },
    },
  },
}
