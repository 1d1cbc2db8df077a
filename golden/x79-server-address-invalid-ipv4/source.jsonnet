// Invalid (schema): environments.prod.servers.fe1.address is "999.1.1.1": looks like IPv4 but
// 999 is no octet; it is no valid host name either (all-numeric TLD).
// Hosts are bare RFC 1123 names or IP literals, never a scheme, port or path (DESIGN "The
// source").
// Must report: environments.prod.servers.fe1.address: not a bare host or IP.
{
  name: 'acme',
  environments: {
    prod: {
      purpose: 'production',
      servers: {
        fe1: { address: '999.1.1.1' },
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
