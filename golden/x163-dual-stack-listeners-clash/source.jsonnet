// Invalid: listeners on "::" take every IPv4 address too (both engines bind it dual-stack),
// so they clash with listeners on all IPv4 addresses of the same port and machine. Must
// report, at once:
//   - proxy b on all IPv4 addresses of HAProxy machine gate, like proxy a on "::": HAProxy
//     would hand each connection to either at random;
//   - zone Global's pool on "::" of nginx machine edge, port 80, like proxy www on all IPv4
//     addresses there: nginx binds a pool (stream) and a proxy (http) apart.
{
  name: 'acme',
  environments: {
    prod: {
      purpose: 'production',
      hostname: 'www.acme.test',
      servers: {
        fe1: { address: 'fe1.acme.test', roles: ['frontend', 'controller'] },
        fe2: { address: 'fe2.acme.test' },
      },
      machines: {
        edge: { address: '10.0.3.100', engine: 'nginx' },
        gate: { address: '10.0.3.102', engine: 'haproxy' },
      },
      internalNetwork: ['10.0.0.0/16'],
      zones: {
        Global: { allServers: true, loadBalancer: 'lb0.acme.test', listen: { address: '::' }, lbMachines: ['edge'], localCertificate: true },
      },
      apps: { Orders: {} },
      proxies: {
        www: { host: 'www.acme.test', machines: ['edge'], tls: 'none' },
        a: { host: 'a.acme.test', machines: ['gate'], listen: { address: '::' }, tls: 'none' },
        b: { host: 'b.acme.test', machines: ['gate'], tls: 'none' },
      },
    },
  },
}
