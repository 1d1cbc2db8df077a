// Valid, with warnings: health checks that a hardened IIS would fail (issue 17, item 5).
//   - DZ1's front-ends hold no certificate for lb1 (no localCertificate), so its HTTPS
//     checks name each front-end by its own name: fe2 has one (check-sni fe2.acme.test),
//     fe1 is known only by its IP address, which no check can send as SNI: warned at
//     servers.fe1.address, and its check verifies the chain alone;
//   - Global uses HTTPS internally and names no ca: its HTTPS checks trust the public CA
//     bundle, where certificates for internal names usually come from an internal CA, and
//     Global's HTTPS pool is the standalone controller dc's way to Service Center: warned at
//     zones.Global.ca (an explicit ca, even the public bundle's path, says it is meant).
{
  name: 'acme',
  environments: {
    prod: {
      purpose: 'production',
      servers: {
        dc: { address: '10.0.3.5', roles: ['controller'] },
        fe1: { address: '10.0.3.11' },
        fe2: { address: 'fe2.acme.test' },
      },
      zones: {
        Global: { allServers: true, loadBalancer: 'lb0.acme.test', httpsInternal: true, localCertificate: true, egress: '10.0.3.2' },
        DZ1: { servers: ['fe1', 'fe2'], loadBalancer: 'lb1.acme.test', egress: '10.0.3.3' },
      },
      apps: { Orders: { zone: 'DZ1' } },
      hostname: 'lb0.acme.test',
    },
  },
}
