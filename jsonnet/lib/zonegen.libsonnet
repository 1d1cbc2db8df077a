// zonegen.libsonnet: helpers that keep a zonegen source short.
//
//   local zg = import 'zonegen.libsonnet';
//
// zonegen embeds this file; `import 'zonegen.libsonnet'` always resolves to it. Every helper
// returns plain schema v1 values (DESIGN.md, "The source"), so a source can mix helpers and
// hand-written objects freely, and `zonegen validate` checks their output like any other.
//
// Performance: no helper uses std.format or the `%` operator, and optional fields are
// written as `[if cond then 'name']: value` (one object) rather than by adding objects. go-jsonnet implements
// std.format in jsonnet rather than Go and it is about 70 times slower than `+`
// concatenation (notes/performance.md, go-jsonnet issue 464); a source with a thousand
// servers named with `%` takes seconds instead of milliseconds to evaluate. Prefer
// `'fe' + i` over `'fe%d' % i` in sources too.
{
  // ipv4ToNumber(address): the IPv4 literal '10.0.2.11' as one number (167772683), so that
  // addresses can be counted up without string formatting.
  ipv4ToNumber(address)::
    local octets = std.split(address, '.');
    local valid(s) = std.length(s) > 0 && std.length(s) <= 3
                     && std.all([std.member('0123456789', c) for c in std.stringChars(s)])
                     && std.parseInt(s) <= 255;
    assert std.length(octets) == 4 && std.all([valid(o) for o in octets])
           : 'zg.ipv4ToNumber: ' + address + ' is not an IPv4 address';
    std.foldl(function(acc, o) acc * 256 + std.parseInt(o), octets, 0),

  // ipv4FromNumber(n): the inverse of ipv4ToNumber (167772683 → '10.0.2.11').
  ipv4FromNumber(n)::
    assert std.isNumber(n) && n >= 0 && n <= 4294967295 && n == std.floor(n)
           : 'zg.ipv4FromNumber: ' + n + ' is outside the IPv4 address space';
    local octet(shift) = std.toString(std.modulo(std.floor(n / shift), 256));
    octet(16777216) + '.' + octet(65536) + '.' + octet(256) + '.' + octet(1),

  // ipv4Add(address, n): the IPv4 address n after address: ipv4Add('10.0.2.11', 2) is
  // '10.0.2.13'. Octets carry over ('10.0.2.255' + 1 is '10.0.3.0').
  ipv4Add(address, n):: self.ipv4FromNumber(self.ipv4ToNumber(address) + n),

  // servers(prefix, count, firstAddress=null, extra={}): count servers named prefix1 ..
  // prefixN, with consecutive IPv4 addresses from firstAddress:
  //   servers('fe', 2, '10.0.2.11') == { fe1: { address: '10.0.2.11' }, fe2: { address: '10.0.2.12' } }
  // Without firstAddress the servers have no address and zonegen uses their names. extra is
  // added to every server (e.g. { tls: false }). Server names are inventory hosts and must be
  // unique across the whole source (R9): put the environment in the prefix ('prod-fe').
  servers(prefix, count, firstAddress=null, extra={})::
    assert std.isNumber(count) && count >= 0 : 'zg.servers: count must be a number >= 0, got ' + count;
    local base = if firstAddress == null then null else self.ipv4ToNumber(firstAddress);
    local server(i) = { [if base != null then 'address']: $.ipv4FromNumber(base + i) } + extra;
    { [prefix + (i + 1)]: server(i) for i in std.range(0, count - 1) },

  // controller(address=null): a dedicated deployment controller; it is in no zone and serves
  // no app (scenario "standalone Deployment Controller", DESIGN.md servers.X.roles).
  controller(address=null)::
    { roles: ['controller'], [if address != null then 'address']: address },

  // names(servers): the sorted names of a servers object, or the array itself when given an
  // array; what a zone's `servers` field wants.
  names(servers)::
    if std.isObject(servers) then std.objectFields(servers)
    else if std.isArray(servers) then servers
    else error 'zg.names: want an object of servers or an array of names, got ' + std.type(servers),

  // merge(objects): one object with the fields of every object in the array. A name in two of
  // them is an error (jsonnet's duplicate field), which catches two zones that declare the
  // same server. Unlike folding with `+`, lookups stay flat however many objects there are.
  merge(objects)::
    { [k]: o[k] for o in objects for k in std.objectFields(o) },

  // farm(servers, loadBalancer=null, extra={}): a deployment zone over servers (an object
  // from zg.servers or an array of names). A zone with two or more front-ends needs a load
  // balancer: its name becomes the zone address (R2, recommended network architecture). With
  // one front-end and no load balancer the zone address is that server's (scenario 5). extra
  // holds other zone fields: { httpsInternal: true, localCertificate: true, address: '...' }.
  farm(servers, loadBalancer=null, extra={})::
    { servers: $.names(servers), [if loadBalancer != null then 'loadBalancer']: loadBalancer } + extra,

  // allServers(loadBalancer=null, extra={}): a zone that "Includes all Servers": every
  // front-end, including ones added later (FACTS §2). Service Center's zone must hold every
  // front-end (R3), so this is the usual shape of Global.
  allServers(loadBalancer=null, extra={})::
    { allServers: true, [if loadBalancer != null then 'loadBalancer']: loadBalancer } + extra,

  // app(zone=null, modules=null, mobile=false): one application. zone null means the default
  // zone, Global; modules null means the one module named like the app. Every module is a
  // URL path the proxies route (/<Module>, FACTS §4), including theme and library modules.
  app(zone=null, modules=null, mobile=false)::
    {
      [if zone != null then 'zone']: zone,
      [if modules != null then 'modules']: modules,
      [if mobile then 'mobile']: true,
    },

  // apps(zone, names): single-module applications in one zone (null: Global), keyed by name:
  //   apps('DZ1', ['Orders', 'Billing']) == { Orders: { zone: 'DZ1' }, Billing: { zone: 'DZ1' } }
  apps(zone, names)::
    { [name]: $.app(zone) for name in names },

  // proxy(host, zones=null, extra={}): a reverse proxy publishing zones (null: all of them)
  // under host. extra holds the other proxy fields: tls, certificate, balance, listen,
  // platform, allow.
  proxy(host, zones=null, extra={})::
    { host: host, [if zones != null then 'zones']: zones } + extra,
}
