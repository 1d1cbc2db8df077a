// Invalid (schema): server name ".." would make hosts/...hosts and host_vars/...yml paths; it
// is no RFC 1123 name.
// Must report: environments.prod.servers[".."]: invalid server name, before any template runs.
{
  name: 'acme',
  environments: {
    prod: {
      purpose: 'production',
      servers: {
        '..': { address: '10.0.1.11' },
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
