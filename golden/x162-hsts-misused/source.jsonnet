// Invalid: HSTS (proxies.P.hsts, topology/hsts.go) where browsers would ignore it or where
// it would lock them out. Must report, at once:
//   - prod.plain: hsts with tls: none (RFC 6797 §8.1);
//   - prod.ip: hsts on a proxy whose host is an IP address (RFC 6797 §8.1.1);
//   - prod.long: maxAge 70000000, over two years; prod.negative: maxAge -1;
//   - dev.old (tls: none, old.apps.acme.test) under prod.apps' includeSubDomains, across
//     environments; dev.other (tls: none, other.acme.test) is under no such policy;
//   - the warning: prod.forget's maxAge 0 tells browsers to forget its policy.
{
  name: 'acme',
  environments: {
    prod: {
      purpose: 'production',
      hostname: 'www.acme.test',
      servers: { fe1: { address: '10.0.3.11', roles: ['frontend', 'controller'] } },
      zones: { Global: { allServers: true } },
      apps: { Portal: {} },
      proxies: {
        www: { host: 'www.acme.test', hsts: {} },
        apps: { host: 'apps.acme.test', hsts: { includeSubDomains: true } },
        plain: { host: 'plain.acme.test', tls: 'none', hsts: {} },
        ip: { host: '10.0.3.50', hsts: {} },
        long: { host: 'long.acme.test', hsts: { maxAge: 70000000 } },
        negative: { host: 'negative.acme.test', hsts: { maxAge: -1 } },
        forget: { host: 'forget.acme.test', hsts: { maxAge: 0 } },
      },
    },
    dev: {
      purpose: 'development',
      hostname: 'other.acme.test',
      internalNetwork: ['10.0.0.0/16'],
      servers: { dfe1: { address: '10.0.1.11', roles: ['frontend', 'controller'] } },
      zones: { Global: { allServers: true } },
      apps: { Portal: {} },
      proxies: {
        old: { host: 'old.apps.acme.test', tls: 'none' },
        other: { host: 'other.acme.test', tls: 'none', listen: { address: '10.0.1.80' } },
      },
    },
  },
}
