// Invalid (R9): proxy hosts WWW.ExampleDomain.com and www.exampledomain.com are the same DNS
// name.
// Must report: environments.prod.proxies.www.host: R9: host equals WWW.ExampleDomain.com
// ignoring case.
{
  name: 'acme',
  environments: {
    qa: {
      purpose: 'quality',
      servers: { 'qa-fe1': {} },
      apps: { App1: {} },
      proxies: { www: { host: 'WWW.ExampleDomain.com' } },
    },
    prod: {
      purpose: 'production',
      servers: { 'prod-fe1': {} },
      apps: { App1: {} },
      proxies: { www: { host: 'www.exampledomain.com' } },
    },
  },
}
