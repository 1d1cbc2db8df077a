package topology

import "fmt"

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

// CheckName reports why name cannot be an environment, zone, app, module or proxy name,
// with the fix, or nil when it can. It is the name rule the source is held to, for names
// that come from elsewhere (zonegen lifetime pull reads LifeTime's).
func CheckName(name string) error {
	if msg, ok := checkName(name); !ok {
		return fmt.Errorf("%s (%s)", msg, nameHint)
	}
	return nil
}
