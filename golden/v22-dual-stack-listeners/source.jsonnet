// Valid: listeners on "::", every IPv4 and IPv6 address, alike in both engines
// (generators.listenOn). Left to their defaults, nginx's [::] would answer IPv6 clients only
// and HAProxy's, with net.ipv6.bindv6only 0, both.
// Expected:
//   - proxy www (nginx machine edge) and zone Global's pool (nginx machine pool): nginx
//     `listen *:80;` and `listen [::]:80;` (and 443), one line per family; HAProxy
//     `bind [::]:80 v4v6` (and 443), one dual-stack socket;
//   - proxy legacy on edge too, on all IPv4 addresses (`*`): allowed, as two proxies in one
//     nginx tell requests apart by name;
//   - R10: www connects from the address of its one machine (edge, 10.0.3.100), as with all
//     IPv4 addresses; dns.md points www.acme.test and lb0.acme.test at the machines;
//     firewall.md and certificates.md name the machines' addresses, not "::";
//   - checklist.md: Global's pool listens on "every IPv4 and IPv6 address"; no warning.
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
        pool: { address: '10.0.3.101', engine: 'nginx' },
        gate: { address: '10.0.3.102', engine: 'haproxy' },
      },
      internalNetwork: ['10.0.0.0/16'],
      zones: {
        Global: { allServers: true, loadBalancer: 'lb0.acme.test', listen: { address: '::' }, lbMachines: ['pool'], localCertificate: true },
      },
      apps: { Orders: {} },
      proxies: {
        www: { host: 'www.acme.test', machines: ['edge'], listen: { address: '::' } },
        legacy: { host: 'legacy.acme.test', machines: ['edge'], tls: 'none' },
        intra: { host: 'intra.acme.test', machines: ['gate'], listen: { address: '::' }, balance: 'servers' },
      },
    },
  },
}
