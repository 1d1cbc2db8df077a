// Invalid (jsonnet): unbounded recursion; evaluation has a stack limit (DESIGN "Safety").
// Must report: max stack frames exceeded, with the <case>/source.jsonnet location.
local servers(n) = servers(n + 1) + { ['fe' + n]: {} };
{
  name: 'acme',
  environments: {
    prod: { purpose: 'production', servers: servers(1) },
  },
}
