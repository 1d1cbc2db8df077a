// An offloading proxy with an allow list, in an environment no LifeTime manages (R8): the
// proxy routes no platform path (platform unset, LifeTime does not go through it), so allow
// restricts nothing.
// Expected: environments.prod.proxies.www.allow: set platform: true, or drop allow.
{
  name: 'allowwithoutplatform',
  environments: {
    prod: {
      purpose: 'production',
      servers: {
        servername: { address: '10.0.1.10' },
      },
      apps: { MyApp: {} },
      proxies: {
        www: { host: 'www.exampledomain.com', egress: '10.0.0.31', allow: ['10.0.9.0/24'] },
      },
    },
  },
}
