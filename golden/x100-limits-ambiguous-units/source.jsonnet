// Invalid (schema): limits need a binary unit. '256m' is MiB to nginx and '16KB' is 16,000
// bytes to others; '1.5MiB' is no whole number of units. One limit must mean one number.
// Must report each of environments.prod.proxies.www.limits.{body,requestHeaders,responseHeaders}
// with the accepted forms ('256MiB', '32KiB', '4096B').
{
  name: 'acme',
  environments: {
    prod: {
      purpose: 'production',
      servers: { fe1: { address: '10.0.1.11' } },
      apps: { App1: {} },
      proxies: {
        www: { host: 'www.exampledomain.com', limits: { body: '256m', requestHeaders: '16KB', responseHeaders: '1.5MiB' } },
      },
    },
  },
}
