package topology

import (
	"fmt"
	"sort"
	"strings"
)

// Severity says whether a problem stops generation.
type Severity string

const (
	SeverityError   Severity = "error"
	SeverityWarning Severity = "warning"
)

// Problem is one finding of decoding or validation, located by its path in the source
// (e.g. `environments.prod.zones.DZ1.servers[2]`).
type Problem struct {
	Severity Severity `json:"severity"`
	Path     string   `json:"path"`
	Rule     Rule     `json:"rule,omitempty"`
	Message  string   `json:"message"`
	// Hint says what to do about it.
	Hint string `json:"hint,omitempty"`
}

func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(p.Path)
	b.WriteString(": ")
	if p.Rule != "" && p.Rule != Explicit {
		fmt.Fprintf(&b, "%s: ", p.Rule)
	}
	b.WriteString(p.Message)
	if p.Hint != "" {
		b.WriteString(" (")
		b.WriteString(p.Hint)
		b.WriteString(")")
	}
	return b.String()
}

// Report holds every problem found, errors and warnings apart, each list sorted by path.
type Report struct {
	Errors   []Problem
	Warnings []Problem
}

// OK reports whether there are no errors.
func (r *Report) OK() bool { return len(r.Errors) == 0 }

// Err returns an *InvalidError when the report has errors, nil otherwise.
func (r *Report) Err() error {
	if r.OK() {
		return nil
	}
	return &InvalidError{Problems: r.Errors}
}

// InvalidError is returned for a source that breaks the schema or a rule. The CLI maps it
// to exit status 2.
type InvalidError struct {
	Problems []Problem
}

func (e *InvalidError) Error() string {
	lines := make([]string, 0, len(e.Problems)+1)
	lines = append(lines, fmt.Sprintf("invalid source: %d problem(s)", len(e.Problems)))
	for _, p := range e.Problems {
		lines = append(lines, "  "+p.String())
	}
	return strings.Join(lines, "\n")
}

// sort orders each list by path, keeping the order of problems found at one path.
func (r *Report) sort() {
	for _, list := range [][]Problem{r.Errors, r.Warnings} {
		sort.SliceStable(list, func(i, j int) bool { return list[i].Path < list[j].Path })
	}
}
