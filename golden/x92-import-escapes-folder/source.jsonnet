// Invalid (jsonnet importer): the source imports a file outside its folder; imports resolve
// only
// inside the source's folder, --jpath folders and the embedded library (DESIGN "Safety"). The
// target exists, so only the sandbox can refuse it.
// Must report: an import error naming ../s01-single-server/source.jsonnet as outside the
// allowed folders.
local base = import '../s01-single-server/source.jsonnet';
base
