// Invalid (schema): environment name "${HOME}" would expand in a shell, an Ansible template or
// a path.
// Must report: environments["${HOME}"]: invalid environment name, before any template runs.
{
  name: 'acme',
  environments: {
    '${HOME}': {
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
