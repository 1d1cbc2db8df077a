// A source as a function of top-level arguments that also reads external variables.
function(company, replicas=1)
  {
    name: company,
    region:: std.extVar('region'),
    environments: {
      [company + '-' + i]: { purpose: 'development', region: $.region, size: std.extVar('size') }
      for i in std.range(1, replicas)
    },
  }
