// Invalid (schema): IPv4-mapped IPv6 entries in internalNetwork. The list is also the default
// allow list of the environment's monitoring endpoints (machines.M.monitoring), where HAProxy's
// src ACL matches ::ffff:10.0.9.0/120 (and ::/0, which holds ::ffff:0:0/96) against IPv4
// clients and nginx's geo does not, as in x131; before, the default dropped such entries
// silently.
// Must report: each mapped entry with its IPv4 form, and ::/0 with the ranges to list instead;
// 10.0.7.0/24 is fine.
{
  name: 'acme',
  environments: {
    prod: {
      purpose: 'production',
      servers: {
        fe1: { address: '10.0.1.11' },
      },
      internalNetwork: ['::ffff:10.0.9.0/120', '::ffff:10.0.8.5', '::/0', '10.0.7.0/24'],
      machines: {
        edge: { address: '10.0.1.100', engine: 'haproxy', monitoring: {} },
      },
      apps: { App1: {} },
      proxies: {
        www: { host: 'www.exampledomain.com', machines: ['edge'] },
      },
    },
  },
}
