package output

import (
	"fmt"
	"io"
	"strings"

	"github.com/zonegen/zonegen/internal/terminal"
)

// CheckResult is the drift check for CI (zonegen check): how the output folder differs
// from what generate would write. Each path is in exactly one list; lists are sorted and
// never null in JSON.
type CheckResult struct {
	Dir string `json:"dir"`
	// Changed: owned files whose bytes differ from the generated ones.
	Changed []string `json:"changed"`
	// Missing: generated files not on disk (new ones and owned ones deleted).
	Missing []string `json:"missing"`
	// Stale: owned files in scope that are no longer generated (generate prunes them).
	Stale []string `json:"stale"`
	// HandEdited: owned files edited since zonegen wrote them (generate refuses them).
	HandEdited []string `json:"handEdited"`
	// Foreign: files zonegen does not own in the way of generated ones (generate refuses them).
	Foreign   []string `json:"foreign"`
	Unchanged int      `json:"unchanged"`
	Clean     bool     `json:"clean"`
}

// Check summarizes the comparison for CI.
func (c *Comparison) Check() *CheckResult {
	r := &CheckResult{Dir: c.Dir, Changed: []string{}, Missing: []string{}, Stale: []string{},
		HandEdited: []string{}, Foreign: []string{}}
	for _, ch := range c.Changes {
		switch {
		case ch.Action == Unchanged:
			r.Unchanged++
		case ch.Conflict == HandEdited:
			r.HandEdited = append(r.HandEdited, ch.Path)
		case ch.Conflict == Foreign:
			r.Foreign = append(r.Foreign, ch.Path)
		case ch.Action == Create:
			r.Missing = append(r.Missing, ch.Path)
		case ch.Action == Update:
			r.Changed = append(r.Changed, ch.Path)
		case ch.Action == Prune:
			r.Stale = append(r.Stale, ch.Path)
		}
	}
	r.Clean = !r.Drift()
	return r
}

// Drift reports whether the folder differs from what generate would write.
func (r *CheckResult) Drift() bool {
	return len(r.Changed)+len(r.Missing)+len(r.Stale)+len(r.HandEdited)+len(r.Foreign) > 0
}

// WriteText writes the human form: one summary line, then one line per file.
func (r *CheckResult) WriteText(w io.Writer) error {
	var b strings.Builder
	if !r.Drift() {
		fmt.Fprintf(&b, "%s is up to date (%d file%s)\n", r.Dir, r.Unchanged, plural(r.Unchanged))
		_, err := io.WriteString(w, terminal.Escape(b.String()))
		return err
	}
	groups := []struct {
		name  string
		paths []string
		hint  string
	}{
		{"changed", r.Changed, ""},
		{"missing", r.Missing, ""},
		{"stale", r.Stale, "generate prunes it"},
		{"hand-edited", r.HandEdited, "edited since zonegen wrote it; generate refuses without --force"},
		{"foreign", r.Foreign, "not written by zonegen; generate refuses without --force"},
	}
	var counts []string
	for _, g := range groups {
		if len(g.paths) > 0 {
			counts = append(counts, fmt.Sprintf("%d %s", len(g.paths), g.name))
		}
	}
	fmt.Fprintf(&b, "%s is out of date: %s (run `zonegen generate`)\n", r.Dir, strings.Join(counts, ", "))
	for _, g := range groups {
		for _, p := range g.paths {
			fmt.Fprintf(&b, "  %-11s %s", g.name, p)
			if g.hint != "" {
				fmt.Fprintf(&b, "  (%s)", g.hint)
			}
			b.WriteString("\n")
		}
	}
	_, err := io.WriteString(w, terminal.Escape(b.String()))
	return err
}
