// Valid, with a warning. Scenario 3 farm whose load balancer is known only by its IP address.
// A hosts file maps names, not addresses ("Using reverse proxies" maps the load balancer
// *name*), so the optimisation cannot apply.
// Expected:
//   - Global address = 10.0.1.100 (R2: load balancer), hostname 10.0.1.100 (R4: no proxy);
//   - the lb/Global pool binds 10.0.1.100 (an IP literal) instead of all addresses;
//   - no hosts entries: each server's Global entry is skipped with a reason, and a warning
//     says the address cannot be mapped (R7: an IP address cannot be mapped).
{
  name: 'warn-ip-lb',
  environments: {
    qa: {
      purpose: 'quality',
      servers: {
        'qa-fe1': { address: '10.0.1.11' },
        'qa-fe2': { address: '10.0.1.12' },
      },
      zones: {
        Global: { allServers: true, loadBalancer: '10.0.1.100' },
      },
      apps: { Portal: {} },
    },
  },
}
