// Valid, with a warning (R10): proxy intranet does not offload TLS (tls: none), so the
// platform needs no parameter, but it sets X-Forwarded-For and connects to the only server
// itself from an unknown address: Trusted proxy addresses cannot list it, and every user
// would have its address. The Internal network lists 127.0.0.1, the server, and the
// operators' network from internalNetwork; no HTTPtoHTTPSproxyHeader.sql is written.
{
  name: 'acme',
  environments: {
    dev: {
      purpose: 'development',
      servers: { fe1: { address: '10.0.1.11' } },
      apps: { Portal: {} },
      internalNetwork: ['10.0.0.0/24', '10.0.7.7'],
      proxies: { intranet: { host: 'intranet.exampledomain.local', tls: 'none' } },
    },
  },
}
