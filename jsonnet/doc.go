// Package jsonnet evaluates a zonegen source with go-jsonnet.
//
// EvaluateFile is the whole API: it builds every VM through one constructor (newVM: the
// importer, external variables, top-level arguments and the stack limit) and returns the
// source's JSON, or an *EvalError that keeps go-jsonnet's file:line:col and stack trace.
//
// Imports are sandboxed (DESIGN.md, Safety): `import 'zonegen.libsonnet'` is the embedded
// helper library (lib/zonegen.libsonnet), and any other import, importstr or importbin must
// resolve, symlinks included, inside the source's folder or a --jpath folder.
//
// A source whose top level is an object with an `environments` object is evaluated one
// environment per worker, in parallel, each to a JSON value of its own, and the values are
// put together into the document a plain evaluation gives (the same JSON value, not the same
// whitespace);
// on the bench source's M tier (10k modules, 21 environments) it cut wall time by about 30%
// on two free cores, for about 5% more CPU. Any other source is evaluated in one piece.
//
// examples/acme.jsonnet is the bundled example (`make generate`), and bench/bench.jsonnet the
// synthetic source the benchmarks size with external variables.
package jsonnet
