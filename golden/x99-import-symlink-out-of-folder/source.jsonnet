// Invalid (sandbox): helpers.libsonnet is a symlink that points out of the source folder
// (to another case's source); the importer resolves symlinks and refuses it.
local helpers = import 'helpers.libsonnet';
{ name: 'acme', environments: helpers.environments }
