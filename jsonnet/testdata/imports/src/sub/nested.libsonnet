// `..` that stays inside the source folder is fine.
{ value: 'nested+' + (import '../sibling.libsonnet').value }
