// company: a source whose routing table comes from LifeTime (README, "LifeTime sync").
//
// The infrastructure (servers, zones, load balancers, proxies) is written by hand; which app
// lives in which zone with which modules is what LifeTime deployed, pulled into
// apps.libsonnet by
//
//   zonegen lifetime pull --url https://lifetime.company.com -o apps.libsonnet
//
// and kept current by a scheduled CI job (or checked by `zonegen lifetime check`).
// LifeTime's environments map to these by host name: Development is dev-env.company.com
// (dev's Hostname), Production is prd-env-1.company.com (prod's).
local zg = import 'zonegen.libsonnet';
local apps = import 'apps.libsonnet';

{
  name: 'company',
  environments: {
    // One server, no proxy: the Hostname is the server's address (R4 → R2).
    dev: {
      purpose: 'development',
      servers: { 'dev-fe1': { address: 'dev-env.company.com' } },
      internalNetwork: ['10.1.10.0/24'],  // the developers' network (configure-internal-network.md)
      apps: apps.dev,
    },

    // Three front-ends in three zones behind one proxy; the Hostname is the proxy's host (R4).
    // LifeTime calls the third zone "Public Zone": its key here is Public_Zone.
    prod: {
      purpose: 'production',
      // prd-fe1 is also the deployment controller (R9: firewall.md opens its ports there only).
      servers: zg.servers('prd-fe', 3, '10.1.3.11') + { 'prd-fe1'+: { roles: ['frontend', 'controller'] } },
      zones: {
        // egress: where each load balancer connects to the servers from (R10: trusted proxies).
        // The front-ends hold certificates for the load-balancer names, which the pools'
        // HTTPS checks send and verify (R2): the servers are known only by IP address.
        Global: zg.allServers('prd-lb0.company.com', { egress: '10.1.3.2', localCertificate: true }),
        DZ1: zg.farm(['prd-fe1', 'prd-fe2'], 'prd-lb1.company.com', { egress: '10.1.3.3', localCertificate: true }),
        Public_Zone: zg.farm(['prd-fe3']),
      },
      apps: apps.prod,
      proxies: {
        www: zg.proxy('prd-env-1.company.com', null, { platform: true, allow: ['10.1.9.0/24'], egress: '10.1.8.10' }),
      },
    },

    // The Hostname is the name the console is reached at (scenario 1: the name of the server).
    lifetime: {
      purpose: 'lifetime',
      hostname: 'lifetime.company.com',
      servers: { 'lt-fe1': { address: '10.1.9.11' } },
      internalNetwork: ['10.1.10.0/24'],  // the LifeTime console's users
    },
  },
}
