package output

import (
	"fmt"
	"io"
	"strings"

	"github.com/sergi/go-diff/diffmatchpatch"
	"github.com/zonegen/zonegen/internal/terminal"
)

// DiffOptions controls unified diffs.
type DiffOptions struct {
	Color   bool // ANSI colours, for a terminal
	Context int  // lines of context around each change; 0 means 3, negative means none
}

func (o DiffOptions) context() int {
	switch {
	case o.Context == 0:
		return 3
	case o.Context < 0:
		return 0
	}
	return o.Context
}

const (
	ansiBold  = "\x1b[1m"
	ansiRed   = "\x1b[31m"
	ansiGreen = "\x1b[32m"
	ansiCyan  = "\x1b[36m"
	ansiReset = "\x1b[0m"
)

// Diff writes a unified diff of every change a write would make, in path order: new files
// against /dev/null, pruned files to /dev/null.
func (c *Comparison) Diff(w io.Writer, opts DiffOptions) error {
	for _, ch := range c.Pending() {
		if ch.Old == nil && ch.New == nil {
			continue // a pruned file already gone from disk
		}
		if _, err := io.WriteString(w, UnifiedDiff(ch.Path, ch.Old, ch.New, opts)); err != nil {
			return err
		}
	}
	return nil
}

// Stat writes one line per changed file, `path | +N -M`, then a total line.
func (c *Comparison) Stat(w io.Writer, opts DiffOptions) error {
	type row struct {
		path          string
		added, remove int
	}
	var rows []row
	width, added, removed := 0, 0, 0
	for _, ch := range c.Pending() {
		if ch.Old == nil && ch.New == nil {
			continue
		}
		a, r := DiffStat(ch.Old, ch.New)
		rows = append(rows, row{ch.Path, a, r})
		width = max(width, len(ch.Path))
		added, removed = added+a, removed+r
	}
	var b strings.Builder
	for _, r := range rows {
		plus, minus := fmt.Sprintf("+%d", r.added), fmt.Sprintf("-%d", r.remove)
		if opts.Color {
			plus, minus = ansiGreen+plus+ansiReset, ansiRed+minus+ansiReset
		}
		fmt.Fprintf(&b, "%-*s | %s %s\n", width, r.path, plus, minus)
	}
	if len(rows) > 0 {
		fmt.Fprintf(&b, "%d file%s changed, %d insertion%s(+), %d deletion%s(-)\n",
			len(rows), plural(len(rows)), added, plural(added), removed, plural(removed))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// DiffStat counts the lines a change adds and removes.
func DiffStat(old, new []byte) (added, removed int) {
	for _, o := range lineOps(string(old), string(new)) {
		switch o.kind {
		case '+':
			added++
		case '-':
			removed++
		}
	}
	return added, removed
}

// UnifiedDiff returns the unified diff of one file (`--- a/path`, `+++ b/path`, hunks
// `@@ -a,b +c,d @@`), or "" when old and new are equal. A nil old is a new file (diffed
// against /dev/null), a nil new a removed one. Lines keep their own endings, so a CRLF
// file diffs line by line like any other and the diff applies with patch or git apply;
// a change of line ending alone shows as that line removed and added.
func UnifiedDiff(path string, old, new []byte, opts DiffOptions) string {
	if old != nil && new != nil && string(old) == string(new) {
		return ""
	}
	from, to := "a/"+path, "b/"+path
	if old == nil {
		from = "/dev/null"
	}
	if new == nil {
		to = "/dev/null"
	}
	var b strings.Builder
	paint := func(color, line string) {
		body, end := splitEnding(line)
		body = terminal.Escape(body)
		if opts.Color && color != "" {
			body = color + body + ansiReset
		}
		b.WriteString(body)
		if end == "" {
			end = "\n"
		}
		b.WriteString(end)
	}
	paint(ansiBold, "--- "+from+"\n")
	paint(ansiBold, "+++ "+to+"\n")

	ops := lineOps(string(old), string(new))
	for _, h := range hunks(ops, opts.context()) {
		paint(ansiCyan, fmt.Sprintf("@@ -%d,%d +%d,%d @@\n", h.oldStart, h.oldCount, h.newStart, h.newCount))
		for _, o := range ops[h.from:h.to] {
			color := ""
			switch o.kind {
			case '-':
				color = ansiRed
			case '+':
				color = ansiGreen
			}
			paint(color, string(o.kind)+o.text)
			if !strings.HasSuffix(o.text, "\n") {
				b.WriteString("\\ No newline at end of file\n")
			}
		}
	}
	return b.String()
}

// splitEnding splits a line into its body and its "\n" or "\r\n" ending, so that colour
// codes close before the ending.
func splitEnding(line string) (string, string) {
	switch {
	case strings.HasSuffix(line, "\r\n"):
		return line[:len(line)-2], "\r\n"
	case strings.HasSuffix(line, "\n"):
		return line[:len(line)-1], "\n"
	}
	return line, ""
}

// op is one line of an edit script: ' ' kept, '-' removed, '+' added. text keeps the
// line's ending; the last line of a file may have none.
type op struct {
	kind byte
	text string
}

// lineOps diffs two texts line by line with diffmatchpatch's line mode. Within each run
// of changes removals come before additions, as unified diffs show them.
func lineOps(a, b string) []op {
	dmp := diffmatchpatch.New()
	dmp.DiffTimeout = 0 // no deadline: the same inputs must always give the same diff
	ra, rb, lines := dmp.DiffLinesToRunes(a, b)
	diffs := dmp.DiffCharsToLines(dmp.DiffMainRunes(ra, rb, false), lines)

	var ops, adds []op
	flush := func() { ops = append(ops, adds...); adds = adds[:0] }
	for _, d := range diffs {
		for _, line := range splitLines(d.Text) {
			switch d.Type {
			case diffmatchpatch.DiffEqual:
				flush()
				ops = append(ops, op{' ', line})
			case diffmatchpatch.DiffDelete:
				ops = append(ops, op{'-', line})
			case diffmatchpatch.DiffInsert:
				adds = append(adds, op{'+', line})
			}
		}
	}
	flush()
	return ops
}

// splitLines splits after each "\n", keeping it.
func splitLines(s string) []string {
	var out []string
	for s != "" {
		i := strings.IndexByte(s, '\n')
		if i < 0 {
			out = append(out, s)
			break
		}
		out = append(out, s[:i+1])
		s = s[i+1:]
	}
	return out
}

// hunk is ops[from:to] with its header numbers.
type hunk struct {
	from, to           int
	oldStart, oldCount int
	newStart, newCount int
}

// hunks groups changes with ctx lines of context; changes closer than 2*ctx kept lines
// share a hunk, as in diff -u.
func hunks(ops []op, ctx int) []hunk {
	var out []hunk
	i := 0
	for {
		for i < len(ops) && ops[i].kind == ' ' {
			i++
		}
		if i == len(ops) {
			return out
		}
		from := max(i-ctx, 0)
		if len(out) > 0 {
			from = max(from, out[len(out)-1].to)
		}
		// Extend over changes until a run of more than 2*ctx kept lines (or the end).
		end := i
		for j := i; j < len(ops); j++ {
			if ops[j].kind != ' ' {
				end = j + 1
			} else if j-end >= 2*ctx {
				break
			}
		}
		to := min(end+ctx, len(ops))
		h := hunk{from: from, to: to}
		oldBefore, newBefore := 0, 0
		for _, o := range ops[:from] {
			if o.kind != '+' {
				oldBefore++
			}
			if o.kind != '-' {
				newBefore++
			}
		}
		for _, o := range ops[from:to] {
			if o.kind != '+' {
				h.oldCount++
			}
			if o.kind != '-' {
				h.newCount++
			}
		}
		h.oldStart, h.newStart = oldBefore, newBefore
		if h.oldCount > 0 {
			h.oldStart++
		}
		if h.newCount > 0 {
			h.newStart++
		}
		out = append(out, h)
		i = to
	}
}
