// Invalid: realIpFrom entries that are not addresses, are listed twice, are IPv4-mapped, or
// cover every client: trusting everyone's X-Forwarded-For lets any client name its own
// address and pass the allow list.
// Must report: environments.prod.proxies.www.realIpFrom[0] (not a CIDR), [2] (listed
// twice), [3] (IPv4-mapped), and realIpFrom (0.0.0.0/1 + 128.0.0.0/1 cover every IPv4
// client).
{
  name: 'wafbad',
  environments: {
    prod: {
      purpose: 'production',
      servers: { fe1: { address: '10.0.1.11' } },
      apps: { Portal: {} },
      proxies: {
        www: {
          host: 'www.acme.example',
          egress: '10.0.8.10',
          realIpFrom: ['the-waf', '0.0.0.0/1', '0.0.0.0/1', '::ffff:10.0.5.1', '128.0.0.0/1'],
        },
      },
    },
  },
}
