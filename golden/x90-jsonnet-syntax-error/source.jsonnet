// Invalid (jsonnet): a syntax error (missing comma between fields).
// Must report: the jsonnet static error with <case>/source.jsonnet:line:col.
{
  name: 'acme'
  environments: {},
}
