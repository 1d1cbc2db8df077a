// Invalid (schema): proxy allow lists one network twice (10.0.9.0/24 and 10.0.9.7/24 mask to
// the same prefix); nginx would warn about a duplicate network in its geo block.
// Must report: environments.prod.proxies.www.allow[1]: listed twice.
{
  name: 'acme',
  environments: {
    prod: {
      purpose: 'production',
      servers: {
        fe1: { address: '10.0.1.11' },
      },
      apps: {
        App1: {},
      },
      proxies: {
        www: { host: 'www.exampledomain.com', platform: true, allow: ['10.0.9.0/24', '10.0.9.7/24'] },
      },
    },
  },
}
