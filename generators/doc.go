// Package generators turns a topology.Plan into output files, one file of Go per output
// kind, each listed under its kind name in registry.go. Run checks the Plan's invariants
// once (topology.Plan.Check), so the views only shape data for the templates. Generators
// are pure: they read only the Plan and the template set, never files or the environment.
// The file structs of the JSON settings files (ServiceCenterFile, LifetimeFile) are shared
// with generators/review, which reads them back.
package generators
