// Invalid (schema): proxy allow holds "everyone", which is no CIDR or IP address; it would be
// written into nginx allow / HAProxy acl lines.
// Must report: environments.prod.proxies.www.allow[0]: not a CIDR.
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
        www: { host: 'www.exampledomain.com', platform: true, allow: ['everyone'] },
      },
    },
  },
}
