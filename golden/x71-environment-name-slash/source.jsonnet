// Invalid (schema): environment name "prod/../../etc" would put output files outside the
// environment's folder (generated/<env>/...).
// Must report: environments["prod/../../etc"]: invalid environment name, before any template
// runs.
{
  name: 'acme',
  environments: {
    'prod/../../etc': {
      purpose: 'production',
      servers: {
        fe1: { address: '10.0.1.11' },
      },
      apps: {
        App1: {},
      },
      proxies: {
        www: { host: 'www.exampledomain.com' },
      },
    },
  },
}
