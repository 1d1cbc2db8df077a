// Imports that are allowed: a sibling, a file in a subfolder that imports back up (still
// inside the source folder), a --jpath file, the embedded library, importstr and importbin.
local zg = import 'zonegen.libsonnet';
{
  sibling: (import 'sibling.libsonnet').value,
  nested: (import 'sub/nested.libsonnet').value,
  shared: (import 'shared.libsonnet').from,
  text: importstr 'sibling.txt',
  bytes: importbin 'sibling.txt',
  lib: zg.ipv4Add('10.0.0.1', 1),
}
