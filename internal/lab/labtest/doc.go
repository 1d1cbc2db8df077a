// Package labtest holds hand-built topology Plans for tests of the generators and the lab:
// every proxy and pool shape (TLS offload, re-encryption and none; balance over a zone's
// load balancer or its servers; platform routes; several proxies in one environment) on
// made-up addresses that lab.New moves to loopback.
package labtest
