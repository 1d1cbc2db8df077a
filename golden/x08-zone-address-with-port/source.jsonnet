// Invalid (R2): the zone address "lb1.exampledomain.local:8080" has a port; a Deployment Zone
// Address is a bare host
// name or IP, "no port and no path" (FACTS §2: `host:8080/site` is invalid).
// Must report: environments.prod.zones.DZ1.address: R2: not a bare host or IP (a port).
{
  name: 'acme',
  environments: {
    prod: {
      purpose: 'production',
      servers: {
        fe1: { address: '10.0.1.11' },
      },
      zones: {
        DZ1: { servers: ['fe1'], address: 'lb1.exampledomain.local:8080' },
      },
      apps: {
        App1InDZ1: { zone: 'DZ1' },
      },
    },
  },
}
