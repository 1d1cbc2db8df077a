// Invalid: a server with an empty role list is neither front-end nor controller.
// Must report: environments.prod.servers.fe1.roles: at least one role (frontend, controller).
{
  name: 'acme',
  environments: {
    prod: {
      purpose: 'production',
      servers: {
        fe1: { address: '10.0.1.11', roles: [] },
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
