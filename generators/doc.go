// Package generators turns a topology.Plan into output files, one file of Go per output
// kind, each registered under its kind name. Generators are pure: they read only the Plan
// and the template set, never files or the environment.
package generators
