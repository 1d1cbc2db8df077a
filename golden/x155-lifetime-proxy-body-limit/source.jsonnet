// Invalid: LifeTime registers prod at proxy www (scenario 8: it offloads SSL, so LifeTime must
// use it) and deploys whole solutions to Service Center through it in one POST, but the
// proxy's body limit is 4 MiB (notes/production-day.md, 3).
// Expected: one error at proxies.www.limits.body naming the limit and the platform's 256 MiB,
// with the two ways out (raise the limit, or lifetimeAddress).
{
  name: 'ltbody',
  environments: {
    lifetime: {
      purpose: 'lifetime',
      hostname: 'lt.exampledomain.com',
      servers: { 'lt-server': { address: '10.0.9.10' } },
      manages: ['prod'],
      internalNetwork: ['10.0.10.0/24'],
    },
    prod: {
      purpose: 'production',
      servers: { servername: { address: '10.0.1.10' } },
      apps: { MyApp: {} },
      proxies: {
        www: {
          host: 'www.exampledomain.com', egress: '10.0.0.31',
          tls: 'offload',
          certificate: '/etc/ssl/zonegen/www.exampledomain.com.pem',
          limits: { body: '4MiB' },
        },
      },
    },
  },
}
