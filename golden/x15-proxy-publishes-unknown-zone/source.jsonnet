// Invalid: proxy www publishes zone DZ3, which is not declared.
// Must report: environments.prod.proxies.www.zones[1]: unknown zone "DZ3".
{
  name: 'acme',
  environments: {
    prod: {
      purpose: 'production',
      servers: { fe1: {} },
      zones: { DZ1: { servers: ['fe1'] } },
      apps: { App1InDZ1: { zone: 'DZ1' } },
      proxies: { www: { host: 'www.exampledomain.com', zones: ['DZ1', 'DZ3'] } },
    },
  },
}
