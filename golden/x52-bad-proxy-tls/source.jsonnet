// Invalid (decode): proxy tls "passthrough" is not one of offload, reencrypt, none.
// Must report: environments.prod.proxies.www.tls: unknown value "passthrough".
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
        www: { host: 'www.exampledomain.com', tls: 'passthrough' },
      },
    },
  },
}
