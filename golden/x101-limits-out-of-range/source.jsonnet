// Invalid (schema): limits out of range: a body limit under 1 KiB, a header limit under 2 KiB
// (ordinary browsers send more) and one over 1 MiB (memory every connection holds).
// Must report environments.prod.proxies.www.limits.{body,requestHeaders,responseHeaders}
// with the range of each.
{
  name: 'acme',
  environments: {
    prod: {
      purpose: 'production',
      servers: { fe1: { address: '10.0.1.11' } },
      apps: { App1: {} },
      proxies: {
        www: { host: 'www.exampledomain.com', limits: { body: '512B', requestHeaders: '1KiB', responseHeaders: '2GiB' } },
      },
    },
  },
}
