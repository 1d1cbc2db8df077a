package topology

// Decode strictly decodes evaluated source JSON into a Spec. (stub; being written)
func Decode(data []byte) (*Spec, *Report) { return &Spec{}, &Report{} }

// Resolve validates spec and derives its Plan. (stub; being written)
func Resolve(spec *Spec, source string) (*Plan, *Report) { return &Plan{Source: source}, &Report{} }
