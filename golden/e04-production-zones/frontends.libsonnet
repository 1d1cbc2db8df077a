// Front-ends of design example 4, two per network segment; imported by source.jsonnet to
// show that a source may split itself into sibling files.
{
  // pair returns two front-ends named <prefix>-fe1, <prefix>-fe2 at <subnet>.11 and .12.
  pair(prefix, subnet):: {
    [prefix + '-fe' + i]: { address: subnet + '.' + (10 + i) }
    for i in [1, 2]
  },
}
