// Invalid (decode): server role "backend" is not one of frontend, controller.
// Must report: environments.prod.servers.fe1.roles[0]: unknown role "backend".
{
  name: 'acme',
  environments: {
    prod: {
      purpose: 'production',
      servers: {
        fe1: { address: '10.0.1.11', roles: ['backend'] },
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
