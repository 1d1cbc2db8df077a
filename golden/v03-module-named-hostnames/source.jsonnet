// Valid edge case: a module named "hostnames". The name matches ^[A-Za-z][A-Za-z0-9_-]{0,62}$,
// but in an nginx `map` block a bare `hostnames` key is a parameter switching the map to
// host-name matching.
// Expected (R10: the egress addresses, where proxies and load balancers connect to the
// front-ends from, make the Trusted proxy addresses and part of the Internal network): no error; the nginx map writes the key escaped (\hostnames) so /hostnames is an
// ordinary path routed to zone Global like /App1, and unknown paths still get 404; the HAProxy
// map file, which has no keywords, lists it as a plain key.
{
  name: 'acme',
  environments: {
    prod: {
      purpose: 'production',
      servers: {
        fe1: { address: '10.0.1.11' },
      },
      apps: {
        App1: { modules: ['App1', 'hostnames'] },
      },
      proxies: {
        www: { host: 'www.exampledomain.com', egress: '10.0.0.31' },
      },
    },
  },
}
