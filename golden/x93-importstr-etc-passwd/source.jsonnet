// Invalid (jsonnet importer): importstr of an absolute path outside every allowed folder.
// Must report: an import error naming /etc/passwd as outside the allowed folders (its content
// must never appear).
{
  name: importstr '/etc/passwd',
  environments: {},
}
