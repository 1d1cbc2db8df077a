// Package golden holds zonegen's golden corpus: one folder per case, each built through
// zonegen.Build exactly as the CLI builds it, and compared byte for byte with what is
// stored next to it. The package has no non-test code; this file only documents it.
//
// A case folder holds source.jsonnet (it may import sibling files) and either
//
//	want/            the full generated tree, exact bytes (hosts files stay CRLF)
//	explain.golden   topology.Explain of the Plan, then the warnings of the source
//
// for a valid source, or
//
//	errors.golden    what the CLI prints for an invalid source: each problem of the
//	                 *topology.InvalidError on its own line, then the warnings; or the
//	                 jsonnet error, with the case folder written as <case>
//
// for an invalid one. A folder with both kinds, or with neither, is a harness error.
// Folders are named by kind: sNN are the possible-setups scenarios 1-9, eNN the
// infrastructure design examples 1-4, wNN valid sources that must warn, vNN valid edge cases
// (names that are keywords in a generated format), xNN invalid sources.
// Every source starts with a comment saying which scenario it models and what must come out.
//
// Workflow:
//
//	go test ./golden                          compare every case
//	go test ./golden -run 'TestGolden/s04'    one case
//	go test ./golden -update -v               rewrite what changed and list every file
//	                                          written or deleted; then review `git diff golden/`
//
// -update writes only files whose bytes changed, deletes stale golden files, and never
// touches source.jsonnet or any other input. Each case is built twice to prove the output
// (files, explain text and warnings) is deterministic.
package golden
