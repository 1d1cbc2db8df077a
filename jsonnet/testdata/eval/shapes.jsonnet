// Top-level fields that reference the environments (late binding), hidden environments
// and fields, names that need escaping, and an empty object: the parallel path must give
// the same bytes as a plain evaluation.
{
  name: 'shapes',
  count: std.length(std.objectFields(self.environments)),
  hidden:: 'not manifested',
  aaa: { nested: ['x', { y: null }], empty: {}, list: [] },
  zzz: 'last "field"\nwith a newline',
  environments: {
    'with space': { purpose: 'development', note: 'a\tb' },
    'quote"d': { purpose: 'quality' },
    ghost:: { purpose: 'hidden' },
    empty: {},
    unicode: { purpose: 'production', text: 'ü ✓ \u2028' },
    num: { n: 1.5e300, i: 42, neg: -0.25, arr: [1, [2, [3]]], t: true, f: false, z: null },
  },
}
