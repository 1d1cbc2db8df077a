// Invalid (schema): listen.address "0.0.0.0:80 default_server" is no IP address; it would add
// a port and an nginx listen parameter.
// Must report: environments.prod.proxies.www.listen.address: not an IP address.
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
        www: { host: 'www.exampledomain.com', listen: { address: '0.0.0.0:80 default_server' } },
      },
    },
  },
}
