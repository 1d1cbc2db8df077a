// Invalid (R9): config identifiers join names with '_', which names may hold too. Environment
// a_b with proxy c and environment a with proxy b_c both became zg_a_b_c: both validated,
// nginx -t passed when they shared an nginx, and one proxy routed the other's paths (issue 12,
// hole 2). Zone IDs (pools, Ansible zone groups) and pool names meet proxy names the same way.
// Must report: proxy a.b_c against a_b.c, zone a.b-z against a_b.z, and proxy lb.a_global
// against the pool of zone a.Global, each naming both.
{
  name: 'acme',
  environments: {
    a_b: {
      purpose: 'development',
      servers: { 'ab-fe1': {} },
      zones: { Global: { allServers: true }, z: { servers: ['ab-fe1'] } },
      apps: { App1: {} },
      proxies: { c: { host: 'c.example.com' } },
    },
    a: {
      purpose: 'quality',
      servers: { 'a-fe1': {} },
      zones: { Global: { allServers: true, loadBalancer: 'a-lb.example.local' }, 'b-z': { servers: ['a-fe1'] } },
      apps: { App2: {} },
      proxies: { b_c: { host: 'bc.example.com' } },
    },
    lb: {
      purpose: 'production',
      servers: { 'lb-fe1': {} },
      apps: { App3: {} },
      proxies: { a_global: { host: 'lb.example.com' } },
    },
  },
}
