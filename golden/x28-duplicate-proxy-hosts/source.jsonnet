// Invalid (R9): the qa and prod proxies have the same host www.exampledomain.com.
// Must report: environments.qa.proxies.www.host: R9: host also used by
// environments.prod.proxies.www.
{
  name: 'acme',
  environments: {
    qa: {
      purpose: 'quality',
      servers: { 'qa-fe1': {} },
      apps: { App1: {} },
      proxies: { www: { host: 'www.exampledomain.com' } },
    },
    prod: {
      purpose: 'production',
      servers: { 'prod-fe1': {} },
      apps: { App1: {} },
      proxies: { www: { host: 'www.exampledomain.com' } },
    },
  },
}
