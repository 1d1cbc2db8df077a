// Scenario 8 (possible setups): "the environment address configured in LifeTime must be the
// name of the server", and only "if the reverse proxy is performing SSL offloading, then you
// must use www.exampledomain.com". A proxy that re-encrypts, even one routing the platform
// paths, is not LifeTime's address.
// Expected: lifetime.json registers prod at its server, prod-fe1.corp.example (R8: Service
// Center's zone address, its only front-end, scenario 7), not at www.corp.example; proxy www
// still routes /ServiceCenter, /server.api and /server.identity, for its allow list.
{
  name: 'reencrypt-platform',
  environments: {
    prod: {
      purpose: 'production',
      servers: { 'prod-fe1': { address: 'prod-fe1.corp.example' } },
      apps: { MyApp: {} },
      proxies: {
        www: { host: 'www.corp.example', tls: 'reencrypt', platform: true, allow: ['10.0.9.0/24'], egress: '10.0.0.31' },
      },
    },
    lifetime: {
      purpose: 'lifetime',
      hostname: 'lifetime.corp.example',
      servers: { 'lt-fe1': { address: '10.0.9.11' } },
    },
  },
}
