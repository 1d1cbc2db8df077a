// bench: a synthetic zonegen source for benchmarks, written with the library helpers as a
// user would, and sized by external variables (all required, decimal strings):
//
//   envs       environments (purposes cycle development, quality, production), plus one
//              LifeTime environment that manages them all
//   zones      deployment zones per environment besides Global
//   frontends  front-ends per zone
//   apps       apps per zone
//   modules    modules per app
//   proxies    reverse proxies per environment
//
// Tiers:
//   S  ≈ 1k modules:   --ext-str envs=4  zones=5  frontends=2 apps=25 modules=2 proxies=1
//                      (1,000 modules, 40 front-ends, 5 environments)
//   M  ≈ 10k modules:  --ext-str envs=20 zones=10 frontends=5 apps=25 modules=2 proxies=1
//                      (10,000 modules, 1,000 front-ends, 21 environments)
//   L  ≈ 50k modules:  --ext-str envs=50 zones=10 frontends=5 apps=50 modules=2 proxies=2
//                      (50,000 modules, 2,500 front-ends, 51 environments)
//
// Every environment is valid: Global includes all servers and has a load balancer (R3, R2),
// a zone with two or more front-ends has a load balancer (R2), proxy hosts are distinct and
// with several proxies the Hostname is explicit (R4, R9), and server names carry the
// environment so they are unique across the source (R9). Names are built with `+`, never
// std.format or `%` (notes/performance.md).
local zg = import 'zonegen.libsonnet';

local count(name) =
  local n = std.parseInt(std.extVar(name));
  assert n >= 0 : 'bench: ext var ' + name + ' must be >= 0';
  n;
local nEnvs = count('envs');
local nZones = count('zones');
local nFrontends = count('frontends');
local nApps = count('apps');
local nModules = count('modules');
local nProxies = count('proxies');

assert nEnvs <= 255 && nZones <= 255 && nFrontends <= 240 : 'bench: sizes must fit 10.<env>.<zone>.<11+n>';

// pad2/pad3: i with leading zeros, so that names sort in numeric order. (Nested ifs: a
// generic pad built from std.makeArray or std.format costs more than the rest of a name.)
local pad2(i) = if i < 10 then '0' + i else '' + i;
local pad3(i) = if i < 10 then '00' + i else if i < 100 then '0' + i else '' + i;

local purposes = ['development', 'quality', 'production'];

local environment(e) =
  local env = 'e' + pad2(e);
  local domain = env + '.bench.example';
  local zoneNames = ['DZ' + pad2(z) for z in std.range(1, nZones)];
  // The front-ends of each zone: e07-dz03-fe1 at 10.7.3.11, ...
  local frontends = {
    ['DZ' + pad2(z)]: zg.servers(env + '-dz' + pad2(z) + '-fe', nFrontends, '10.' + e + '.' + z + '.11')
    for z in std.range(1, nZones)
  };
  local appName(zone, a) = zone + 'App' + pad3(a);
  local modules(app) = [app] + [app + '_M' + m for m in std.range(2, nModules)];
  local purpose = purposes[std.modulo(e - 1, std.length(purposes))];
  local proxyHost(p) = 'www' + p + '.' + domain;
  {
    purpose: purpose,
    [if nProxies > 1 then 'hostname']: proxyHost(1),
    // The first front-end also runs the Deployment Controller (one per environment).
    servers: zg.merge([frontends[z] for z in zoneNames]) + { [env + '-dz01-fe1']+: { roles: ['frontend', 'controller'] } },
    zones: {
      // egress: the address IIS sees behind the load balancer (R10); one for all is enough here.
      // The front-ends hold a certificate for each load-balancer name, which the pools' HTTPS
      // checks send and verify (R2): they are known only by IP address, which no check can.
      Global: zg.allServers('lb.' + domain, { egress: '192.0.2.1', localCertificate: true }),
    } + {
      [z]: zg.farm(frontends[z], if nFrontends >= 2 then 'lb-' + std.asciiLower(z) + '.' + domain else null,
                   if nFrontends >= 2 then { egress: '192.0.2.1', localCertificate: true } else {})
      for z in zoneNames
    },
    apps: zg.merge([
      { [app]: zg.app(z, modules(app)) for app in [appName(z, a) for a in std.range(1, nApps)] }
      for z in zoneNames
    ]),
    proxies: { ['p' + p]: zg.proxy(proxyHost(p), null, { egress: '198.51.100.1' }) for p in std.range(1, nProxies) },
    // No System Components, and LifeTime registers at the load balancer, so no offloading
    // proxy routes the platform paths (R8): each proxy routes exactly the modules the tier counts.
    systemModules: [],
    lifetimeAddress: 'lb.' + domain,
    [if purpose == 'production' then 'healthCheck']: { path: '/HealthCheck/', expect: 'OK' },
    // The developers' network, which Internal network addresses must let in (R10).
    [if purpose == 'development' then 'internalNetwork']: ['10.250.0.0/16'],
  };

local envNames = ['e' + pad2(e) for e in std.range(1, nEnvs)];

{
  name: 'bench',
  environments: {
    [envNames[e - 1]]: environment(e)
    for e in std.range(1, nEnvs)
  } + {
    lifetime: {
      purpose: 'lifetime',
      hostname: 'lt-fe1.bench.example',  // the server's name, not its address (scenario 1)
      servers: zg.servers('lt-fe', 1, '10.0.0.11'),
      manages: envNames,
      internalNetwork: ['10.250.0.0/16'],  // the console's users
    },
  },
}
