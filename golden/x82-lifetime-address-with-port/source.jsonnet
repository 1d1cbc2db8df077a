// Invalid (schema): environments.prod.lifetimeAddress is "prod.exampledomain.com:443": a port;
// LifeTime takes a host name plus UseHTTPS (FACTS §1).
// Hosts are bare RFC 1123 names or IP literals, never a scheme, port or path (DESIGN "The
// source").
// Must report: environments.prod.lifetimeAddress: not a bare host or IP.
{
  name: 'acme',
  environments: {
    lifetime: { purpose: 'lifetime', servers: { 'lt-fe1': {} }, manages: ['prod'] },
    prod: {
      purpose: 'production',
      lifetimeAddress: 'prod.exampledomain.com:443',
      servers: { fe1: {} },
      apps: { App1: {} },
    },
  },
}
