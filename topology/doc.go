// Package topology owns the model of an OutSystems 11 on-premises infrastructure: the typed
// source (Spec, schema v1), its strict decoding, every validation rule R1-R9 of DESIGN.md,
// and the derivation into a resolved Plan whose derived values carry the rule and reason
// that produced them. It also answers routing questions about a Plan (Route), lists what the
// operators' documents need (the firewall flows, flows.go; the DNS records, dns.go; the
// certificate inventory, inventory.go), resolves what operators change on the day (a
// server's drain, drain.go; a zone's maintenance window, maintenance.go; a machine's
// monitoring endpoint, monitoring.go; a proxy's HSTS policy, hsts.go), derives the config
// identifiers every output shares (ids.go) and checks the invariants the generators
// rely on (Plan.Check, check.go, with the same predicates as the rules). It reads no
// files and knows nothing of jsonnet, templates or the command line.
package topology
