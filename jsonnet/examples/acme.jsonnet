// acme: the bundled example zonegen source (`make generate` renders it).
//
// A company with the usual OutSystems 11 on-premises factory: development, quality and
// production environments, and a dedicated LifeTime environment that manages all three
// (possible setups, "On-premises infrastructure"). Addresses are private 10.x ranges and
// names are under acme.example; nothing here is meant to be reachable.
local zg = import 'zonegen.libsonnet';

// The applications every environment runs; LifeTime promotes them dev → qa → prod.
local apps(zone) = zg.apps(zone, ['Orders', 'Inventory']) + {
  // One app, several modules: every module is a URL path the proxies route (FACTS §4).
  CustomerPortal: zg.app(zone, ['CustomerPortal', 'CustomerPortal_Theme', 'CustomerPortal_CS']),
};

{
  name: 'acme',
  environments: {
    // Scenario 1: one server, no proxy. Everything is in Global. The Hostname and the
    // address LifeTime registers dev at "must be the name of the server" (scenarios 1 and 7),
    // here the DNS name of 10.0.1.11: they would derive to the address itself (R4 → R2).
    dev: {
      purpose: 'development',
      hostname: 'dev-fe1.acme.example',
      lifetimeAddress: 'dev-fe1.acme.example',
      servers: zg.servers('dev-fe', 1, '10.0.1.11'),
      // Developers connect Service Studio from the office network; Service Center's Internal
      // network must list it, or it shuts them out (configure-internal-network.md).
      internalNetwork: ['10.0.10.0/24'],
      apps: apps(null),
    },

    // Scenario 3: a two-server farm behind a load balancer. Global's address, and so the
    // Hostname, is the load balancer; each server maps it to 127.0.0.1 (R7).
    qa: {
      purpose: 'quality',
      // qa-fe1 also runs the Deployment Controller: one server of each environment does.
      servers: zg.servers('qa-fe', 2, '10.0.2.11') + { 'qa-fe1'+: { roles: ['frontend', 'controller'] } },
      // qa runs the other engine of each kind: its proxy on HAProxy, its pool on nginx.
      machines: {
        'qa-edge1': { address: '10.0.2.100', engine: 'haproxy' },
        'qa-pool1': { address: '10.0.2.2', engine: 'nginx' },
      },
      // The load balancer runs on qa-pool1, so it connects to the servers from 10.0.2.2
      // (R10: Internal network, trusted proxy).
      // Its front-ends hold a certificate for qa-lb.acme.example, which the pool's HTTPS
      // checks verify (R2): the servers are known only by IP address, which no check can.
      zones: { Global: zg.allServers('qa-lb.acme.example', { lbMachines: ['qa-pool1'], localCertificate: true }) },
      apps: apps(null),
      proxies: {
        // Testers reach qa by name through one proxy, so the Hostname derives to its host
        // (R4). It offloads SSL, so LifeTime registers qa here too (R8, scenarios 8-9) and
        // deploys whole solutions through it in one POST: its body limit stays the platform's
        // 256 MiB (a smaller one is refused); both engines refuse a byte more alike with 413
        // (`zonegen verify` proves it). Its headers are smaller. Sizes take binary units only.
        testers: zg.proxy('qa.acme.example', null, {
          limits: { requestHeaders: '24KiB', responseHeaders: '16KiB' },
          machines: ['qa-edge1'],
        }),
      },
    },

    // Production: a dedicated deployment controller and three deployment zones behind one
    // public reverse proxy (scenarios 4 and 5, infrastructure design example 4).
    prod:
      local dz1 = zg.servers('prod-dz1-fe', 2, '10.0.3.11');
      local dz2 = zg.servers('prod-dz2-fe', 1, '10.0.3.21');
      {
        purpose: 'production',
        servers: { 'prod-dc': zg.controller('10.0.3.5') } + dz1 + dz2,
        // The Linux machines Ansible deploys the proxy and the zone pools to.
        machines: {
          'prod-edge1': { address: '10.0.3.100', engine: 'nginx' },
          'prod-pool1': { address: '10.0.3.101', engine: 'haproxy' },
        },
        zones: {
          // Service Center and the System Components live here, so it holds every front-end
          // (R3). With a standalone controller it must use HTTPS internally (FACTS §2); the
          // servers hold a certificate for prod-lb0, so the hosts shortcut still applies (R7).
          // Its pool runs on machine prod-pool1 beside DZ1's: a layer-4 pool tells zones apart
          // only by address, so each listens on the address its name resolves to (a VIP), and
          // connects to the servers from it: R10 lists it as a trusted proxy. acme's internal
          // CA issued the front-ends' certificates, which the pool's HTTPS checks verify.
          Global: zg.allServers('prod-lb0.acme.example', {
            httpsInternal: true, localCertificate: true, ca: '/etc/ssl/certs/acme-internal-ca.pem',
            lbMachines: ['prod-pool1'], listen: { address: '10.0.3.2' },
          }),
          // A farm zone: two front-ends need a load balancer (R2), whose name their
          // certificates cover too.
          DZ1: zg.farm(dz1, 'prod-lb1.acme.example', {
            localCertificate: true, ca: '/etc/ssl/certs/acme-internal-ca.pem', lbMachines: ['prod-pool1'], listen: { address: '10.0.3.3' },
          }),
          // Scenario 5: one front-end and no load balancer; the zone address is the server's.
          DZ2: zg.farm(dz2),
        },
        apps: apps('DZ1') + {
          // The mobile app is built for prod only: its client-side calls go to the Hostname,
          // which the www proxy publishes (R5).
          SalesMobile: zg.app('DZ2', mobile=true),
        },
        proxies: {
          // The one public proxy publishes every zone, so the Hostname derives to its host
          // (R4). It offloads TLS and routes the platform paths for LifeTime (R8), but only
          // from the LifeTime and operations networks.
          // Its limits are the defaults, from the OutSystems tuning of IIS: 256 MiB bodies
          // (Service Center receives whole solutions in one POST) and 32 KiB of request and
          // response headers (authentication and SSO cookies).
          www: zg.proxy('www.acme.example', null, {
            tls: 'offload',
            certificate: '/etc/ssl/private/www.acme.example.pem',
            platform: true,
            allow: ['10.0.9.0/24', '10.0.0.0/24'],
            // The WAF in front: from it only, the client is the last address of
            // X-Forwarded-For (the allow list and brute-force protection see the real user).
            realIpFrom: ['10.0.5.0/28'],
            // Browsers use HTTPS only for www.acme.example, a year at a time: the proxy's
            // policy replaces the front-ends' on every answer (README "HTTPS only (HSTS)").
            hsts: {},
            machines: ['prod-edge1'],
            // It reaches DZ2's only server itself, from its machine prod-edge1 (R10: trusted proxy).
          }),
        },
        // The cache invalidation service is a two-node RabbitMQ cluster behind a TCP pool on
        // prod-pool1 (cache-invalidation/high-availability.md): the Configuration Tool names
        // prod-rabbitmq, which resolves to the pool's own address.
        cacheInvalidation: {
          loadBalancer: 'prod-rabbitmq.acme.example',
          nodes: ['10.0.3.31', '10.0.3.32'],
          lbMachines: ['prod-pool1'],
          listen: { address: '10.0.3.4' },
        },
        // Monitoring and the operations network may use Service Center (R10).
        internalNetwork: ['10.0.0.0/24'],
        // OutSystems has no health endpoint; acme publishes a page that prints OK (FACTS §5).
        healthCheck: { path: '/HealthCheck/', expect: 'OK' },
      },

    // LifeTime runs in its own environment (R1, infrastructure design example 3) and
    // registers the other three, each over HTTPS at the address R8 derives (scenarios 7-9).
    lifetime: {
      purpose: 'lifetime',
      hostname: 'lt-fe1.acme.example',  // the server's name (scenario 1), which DNS resolves to 10.0.9.11
      servers: zg.servers('lt-fe', 1, '10.0.9.11'),
      manages: ['dev', 'qa', 'prod'],
      // The LifeTime console's users: the office and the operations network (R10).
      internalNetwork: ['10.0.0.0/24', '10.0.10.0/24'],
    },
  },
}
