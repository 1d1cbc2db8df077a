// Invalid (jsonnet): the source raises an error while evaluating.
// Must report: RUNTIME ERROR: boom, with the <case>/source.jsonnet location.
local servers = { fe1: {} };
{
  name: 'acme',
  environments: {
    prod: {
      purpose: 'production',
      servers: servers,
      apps: if std.length(servers) < 2 then error 'boom' else {},
    },
  },
}
