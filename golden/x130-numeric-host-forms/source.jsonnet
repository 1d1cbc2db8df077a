// Invalid (schema): hosts written as numbers in disguise. inet_aton (glibc, Windows, curl)
// reads 0x7f000001, 0x7f.0.0.1 and 10.0.0.0x1 as IPv4 addresses, so each passed as an RFC 1123
// name, past the localhost and IP rules: a load balancer that is really 127.0.0.1, a server
// address that is really 10.0.0.1 (issue 12, hole 8).
// A top-level domain is never numeric (RFC 3696 §2): a host whose last label is a number is
// refused everywhere a host is accepted. An IPv4-mapped IPv6 literal (::ffff:10.0.0.3) is one
// more spelling of an IPv4 address, which nginx, HAProxy and Windows read differently.
// Must report: the load balancer and two server addresses, each as a number, and the mapped
// address with its IPv4 form.
{
  name: 'acme',
  environments: {
    prod: {
      purpose: 'production',
      servers: {
        fe1: { address: '10.0.0.0x1' },
        fe2: { address: '0x7f.0.0.1' },
        fe3: { address: '::ffff:10.0.0.3' },
      },
      zones: { Global: { allServers: true, loadBalancer: '0x7f000001' } },
      apps: { App1: {} },
    },
  },
}
