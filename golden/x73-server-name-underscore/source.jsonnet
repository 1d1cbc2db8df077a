// Invalid (schema): server name "fe_1" is no RFC 1123 host name (underscore), though Windows
// NetBIOS accepts it.
// Must report: environments.prod.servers["fe_1"]: invalid server name, before any template
// runs.
{
  name: 'acme',
  environments: {
    prod: {
      purpose: 'production',
      servers: {
        fe_1: { address: '10.0.1.11' },
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
