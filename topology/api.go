package topology

// This file holds the stage's entry points; decode.go, validate.go and derive.go implement them.

// Load decodes the evaluated JSON of a source strictly into a Spec and resolves it into a
// Plan. source is the source file's base name, used in file headers. The Plan is nil when
// the report has errors.
func Load(data []byte, source string) (*Plan, *Report) {
	spec, report := Decode(data)
	if !report.OK() {
		return nil, report
	}
	return Resolve(spec, source)
}
