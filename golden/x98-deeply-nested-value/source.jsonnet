// Invalid (jsonnet): a value nested 20,000 levels deep; evaluation stops at the stack limit
// with a clear message instead of exhausting memory.
{ name: 'acme', environments: { prod: { purpose: 'production', servers: { fe1: {} } } },
  extra: std.foldl(function(acc, i) [acc], std.range(1, 20000), []) }
