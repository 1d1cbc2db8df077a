// Invalid (decode): the source evaluates to a list, not an object.
// Must report: expected an object, got an array.
[
  { name: 'acme', environments: {} },
]
