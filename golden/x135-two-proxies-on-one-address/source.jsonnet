// Invalid (R6): two proxies on one listen address and port. nginx picks a server block by
// name, but HAProxy binds both frontends (SO_REUSEPORT) and hands each connection to either
// at random, so half of the intranet's requests met the internet proxy's routes (issue 12,
// hole 3). Routing such proxies by Host in one frontend is not generated: each proxy needs an
// address of its own (SECURITY.md, known gaps). Another port on the same address is fine.
// Must report (proxies are read in name order): intra, whose HTTPS port 443 is api's HTTP
// port, and www, on intra's 10.0.0.20:80; each names the proxy it shares the address with.
{
  name: 'acme',
  environments: {
    prod: {
      purpose: 'production',
      hostname: 'www.acme.example',
      servers: { fe1: { address: '10.0.1.11' } },
      apps: { App1: {} },
      proxies: {
        www: { host: 'www.acme.example', listen: { address: '10.0.0.20' } },
        intra: { host: 'intra.acme.local', listen: { address: '10.0.0.20' } },
        api: { host: 'api.acme.example', tls: 'none', listen: { address: '10.0.0.20', http: 443 } },
        other: { host: 'other.acme.example', listen: { address: '10.0.0.20', http: 8080, https: 8443 } },
      },
    },
  },
}
