// Invalid (R10): a proxy's egress is a name; Trusted proxy addresses take IP addresses.
// Must report: environments.prod.proxies.www.egress: R10: invalid egress address.
{
  name: 'acme',
  environments: {
    prod: {
      purpose: 'production',
      servers: { fe1: { address: '10.0.1.11' } },
      apps: { Portal: {} },
      proxies: { www: { host: 'www.exampledomain.com', egress: 'proxy.exampledomain.local' } },
    },
  },
}
