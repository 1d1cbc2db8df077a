// Package labtest holds the topology Plans the generator and lab tests run on, built from
// the .jsonnet fixtures in testdata/ through the real pipeline (jsonnet evaluation, then
// topology.Load), so that no test runs on a Plan a source cannot produce: every proxy and
// pool shape (TLS offload, re-encryption and none; balance over a zone's load balancer or
// its servers; platform routes; several proxies in one environment) on made-up addresses
// that lab.New moves to loopback.
package labtest
