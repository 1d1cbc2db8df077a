// Invalid (schema): IPv4-mapped IPv6 allow entries. HAProxy's src ACL matches
// ::ffff:10.0.9.0/120 (and ::/0, which holds ::ffff:0:0/96) against IPv4 clients, nginx's geo
// does not: nginx answered 403 to 10.0.9.5 while HAProxy let it in and verify said ok (issue
// 12, hole 6; both tried on loopback).
// Must report: each mapped allow entry with its IPv4 form, and ::/0 with the ranges to list
// instead; 10.0.7.0/24 is fine.
{
  name: 'acme',
  environments: {
    prod: {
      purpose: 'production',
      servers: {
        fe1: { address: '10.0.1.11' },
      },
      apps: { App1: {} },
      proxies: {
        www: {
          host: 'www.exampledomain.com',
          platform: true,
          allow: ['::ffff:10.0.9.0/120', '::ffff:10.0.8.5', '::/0', '10.0.7.0/24'],
        },
      },
    },
  },
}
