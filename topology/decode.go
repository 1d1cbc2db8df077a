package topology

// Decode strictly decodes evaluated source JSON into a Spec. (stub; being written)
func Decode(data []byte) (*Spec, *Report) { return &Spec{}, &Report{} }

// Resolve validates spec and derives its Plan. (stub; being written)
func Resolve(spec *Spec, source string) (*Plan, *Report) { return &Plan{Source: source}, &Report{} }

// Explain renders every derived value of the plan (or of environment env when not "") with
// the rule and reason behind it. (stub; being written)
func Explain(plan *Plan, env string) (string, error) { return "", nil }
