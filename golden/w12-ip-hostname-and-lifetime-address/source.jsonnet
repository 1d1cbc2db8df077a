// Scenarios 1 and 7 (possible setups): "the hostname configuration must be the name of the
// server" and "the environment address configured in LifeTime must be the name of the
// server". A single server known only by its IP address is still valid (a browser reaches it),
// but mobile apps, email links, LifeTime's redirects and LifeTime's HTTPS calls carry the
// address, and a certificate names a server.
// Expected: two warnings, environments.dev.hostname (R4) and environments.dev.lifetimeAddress
// (R8), both naming 10.0.1.11; LifeTime, known by name, gets neither.
{
  name: 'ip-names',
  environments: {
    dev: {
      purpose: 'development',
      servers: { 'dev-fe1': { address: '10.0.1.11' } },
      apps: { MyApp: {} },
    },
    lifetime: {
      purpose: 'lifetime',
      hostname: 'lifetime.corp.example',
      servers: { 'lt-fe1': { address: '10.0.9.11' } },
    },
  },
}
