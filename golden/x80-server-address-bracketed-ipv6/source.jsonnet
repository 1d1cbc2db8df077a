// Invalid (schema): environments.prod.servers.fe1.address is "[::1]": brackets are URL syntax;
// an IPv6 literal is written bare (::1). The lead may instead decide to accept and strip them.
// Hosts are bare RFC 1123 names or IP literals, never a scheme, port or path (DESIGN "The
// source").
// Must report: environments.prod.servers.fe1.address: not a bare host or IP.
{
  name: 'acme',
  environments: {
    prod: {
      purpose: 'production',
      servers: {
        fe1: { address: '[::1]' },
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
