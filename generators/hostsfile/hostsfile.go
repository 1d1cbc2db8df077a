package hostsfile

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// Markers of the managed block, each on a line of its own.
const (
	Begin = "# BEGIN zonegen"
	End   = "# END zonegen"
)

// IP is the only address the block maps names to: a zone's load balancer name served by the
// server itself ("Using reverse proxies", FACTS §5).
const IP = "127.0.0.1"

// MaxNames is the most names one line may hold: Windows reads a host name plus at most 8
// aliases and silently ignores the rest (FACTS §6, Microsoft KB 2717022).
const MaxNames = 9

// Block is a parsed managed block.
type Block struct {
	// Comments are the comment lines between the markers, without the leading "#" and
	// the space after it.
	Comments []string
	Entries  []Entry
}

// Entry is one "IP name [name...]" line.
type Entry struct {
	IP    string
	Names []string
}

// Names returns every name the block maps, in order.
func (b *Block) Names() []string {
	var names []string
	for _, e := range b.Entries {
		names = append(names, e.Names...)
	}
	return names
}

// Chunk splits names into lines of at most MaxNames, dropping repeats (Windows compares host
// names case-insensitively, so "LB1" repeats "lb1"). Order is kept.
func Chunk(names []string) [][]string {
	var lines [][]string
	seen := map[string]bool{}
	var cur []string
	for _, n := range names {
		k := strings.ToLower(n)
		if seen[k] {
			continue
		}
		seen[k] = true
		cur = append(cur, n)
		if len(cur) == MaxNames {
			lines = append(lines, cur)
			cur = nil
		}
	}
	if len(cur) > 0 {
		lines = append(lines, cur)
	}
	return lines
}

// Render makes the canonical bytes of a block from text rendered by a template: CRLF line
// endings (whatever the template used), comment lines reduced to printable ASCII, then
// checked with Parse so that an overridden template cannot produce a block Windows would
// misread.
func Render(text []byte) ([]byte, error) {
	lines := splitLines(text)
	var b bytes.Buffer
	for _, l := range lines {
		if strings.HasPrefix(l, "#") {
			l = ASCII(l)
		}
		b.WriteString(l)
		b.WriteString("\r\n")
	}
	out := b.Bytes()
	if _, err := Parse(out); err != nil {
		return nil, err
	}
	return out, nil
}

// ASCII returns s with every rune that is not printable ASCII replaced: common typographic
// ones by their ASCII look-alikes, line breaks and tabs by a space, the rest by '?'. A UTF-8
// byte order mark or multi-byte text is a known cause of misread hosts lines (FACTS §6).
func ASCII(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= 0x20 && r < 0x7f:
			b.WriteRune(r)
		case r == '\t' || r == '\n' || r == '\r' || r == 0xa0:
			b.WriteByte(' ')
		case r == '\u2018' || r == '\u2019':
			b.WriteByte('\'')
		case r == '\u201c' || r == '\u201d':
			b.WriteByte('"')
		case r == '\u2013' || r == '\u2014' || r == '\u2212':
			b.WriteByte('-')
		case r == '\u2192':
			b.WriteString("->")
		case r == '\u2026':
			b.WriteString("...")
		case r == '\ufeff':
			// drop a byte order mark
		default:
			b.WriteByte('?')
		}
	}
	return b.String()
}

// Parse checks a managed block and returns its content. The block starts with the Begin
// line and ends with the End line (a final line break is optional); in between there are
// only comment lines and "127.0.0.1 name..." lines of 1 to MaxNames host names, none of
// them localhost. Every byte is printable ASCII or a line break, and line breaks are all
// CRLF or all LF.
func Parse(block []byte) (*Block, error) {
	if bytes.HasPrefix(block, []byte("\ufeff")) {
		return nil, errors.New("managed block starts with a byte order mark")
	}
	if err := sameLineEndings(block); err != nil {
		return nil, err
	}
	lines := splitLines(block)
	if len(lines) < 2 || lines[0] != Begin || lines[len(lines)-1] != End {
		return nil, fmt.Errorf("managed block must start with %q and end with %q", Begin, End)
	}
	b := &Block{}
	for i, l := range lines[1 : len(lines)-1] {
		n := i + 2 // line number in the block
		if bad := firstNonASCII(l); bad >= 0 {
			return nil, fmt.Errorf("line %d: byte %d is not printable ASCII", n, bad+1)
		}
		switch {
		case isMarker(l):
			return nil, fmt.Errorf("line %d: marker %q inside the managed block", n, strings.TrimSpace(l))
		case strings.HasPrefix(l, "#"):
			b.Comments = append(b.Comments, strings.TrimPrefix(strings.TrimPrefix(l, "#"), " "))
		default:
			e, err := parseEntry(l)
			if err != nil {
				return nil, fmt.Errorf("line %d: %w", n, err)
			}
			b.Entries = append(b.Entries, e)
		}
	}
	return b, nil
}

func parseEntry(l string) (Entry, error) {
	f := strings.Fields(l)
	if len(f) == 0 {
		return Entry{}, errors.New("blank line (the block holds only comments and entries)")
	}
	if f[0] != IP {
		return Entry{}, fmt.Errorf("%q: an entry maps names to %s only", l, IP)
	}
	names := f[1:]
	switch {
	case len(names) == 0:
		return Entry{}, fmt.Errorf("%q: no name", l)
	case len(names) > MaxNames:
		return Entry{}, fmt.Errorf("%d names on one line; Windows ignores all after the %dth (KB 2717022)", len(names), MaxNames)
	}
	for _, name := range names {
		if err := checkName(name); err != nil {
			return Entry{}, err
		}
	}
	return Entry{IP: f[0], Names: names}, nil
}

// checkName accepts an RFC 1123 host name and refuses localhost, which every OutSystems
// server needs resolved as it is (FACTS §5).
func checkName(name string) error {
	if strings.EqualFold(strings.TrimSuffix(name, "."), "localhost") {
		return errors.New("localhost must never be remapped")
	}
	if len(name) > 253 {
		return fmt.Errorf("%q: longer than 253 characters", name)
	}
	for _, label := range strings.Split(strings.TrimSuffix(name, "."), ".") {
		if label == "" || len(label) > 63 || label[0] == '-' || label[len(label)-1] == '-' {
			return fmt.Errorf("%q: not a host name", name)
		}
		for i := 0; i < len(label); i++ {
			c := label[i]
			if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-') {
				return fmt.Errorf("%q: not a host name", name)
			}
		}
	}
	return nil
}

// Extract returns the managed block of a hosts file, markers included, and whether there is
// one.
func Extract(file []byte) ([]byte, bool, error) {
	start, end, found, err := locate(file)
	if err != nil || !found {
		return nil, found, err
	}
	return file[start:end], true, nil
}

// Merge returns existing with block as its managed block: the previous block is replaced
// where it stands, or block is appended at the end. Every byte outside the block is kept;
// the block takes the file's line ending (its first line break; CRLF for a file without
// one). Merging the same block twice gives the same bytes. A file with two Begin markers, an
// End without a Begin, or a Begin without an End is refused: guessing there could eat the
// server's own entries.
func Merge(existing, block []byte) ([]byte, error) {
	if _, err := Parse(block); err != nil {
		return nil, fmt.Errorf("managed block: %w", err)
	}
	start, end, found, err := locate(existing)
	if err != nil {
		return nil, err
	}
	eol := lineEnding(existing)
	blk := withLineEnding(block, eol)

	var out bytes.Buffer
	out.Grow(len(existing) + len(blk) + len(eol))
	if found {
		if end == len(existing) && !bytes.HasSuffix(existing[start:end], []byte("\n")) {
			// The old block ended the file without a line break; so does the new one.
			blk = blk[:len(blk)-len(eol)]
		}
		out.Write(existing[:start])
		out.Write(blk)
		out.Write(existing[end:])
		return out.Bytes(), nil
	}
	out.Write(existing)
	if len(existing) > 0 && !bytes.HasSuffix(existing, []byte("\n")) {
		out.WriteString(eol)
	}
	out.Write(blk)
	return out.Bytes(), nil
}

// locate finds the managed block: start is the offset of its Begin line, end the offset just
// after its End line's line break.
func locate(file []byte) (start, end int, found bool, err error) {
	begin, beginLine := -1, 0
	line, off := 0, 0
	for off < len(file) {
		line++
		next := bytes.IndexByte(file[off:], '\n')
		stop := len(file)
		if next >= 0 {
			stop = off + next + 1
		}
		text := string(file[off:stop])
		lineStart := off
		if off == 0 && strings.HasPrefix(text, "\ufeff") {
			text = text[len("\ufeff"):]
			lineStart += len("\ufeff")
		}
		switch strings.TrimSpace(text) {
		case Begin:
			switch {
			case found:
				return 0, 0, false, fmt.Errorf("hosts file has a second %q at line %d", Begin, line)
			case begin >= 0:
				return 0, 0, false, fmt.Errorf("hosts file has %q at lines %d and %d", Begin, beginLine, line)
			}
			begin, beginLine = lineStart, line
		case End:
			if begin < 0 || found {
				return 0, 0, false, fmt.Errorf("hosts file has %q at line %d without a %q before it", End, line, Begin)
			}
			start, end, found = begin, stop, true
		}
		off = stop
	}
	if begin >= 0 && !found {
		return 0, 0, false, fmt.Errorf("hosts file has %q at line %d but no %q after it", Begin, beginLine, End)
	}
	return start, end, found, nil
}

// splitLines splits on LF or CRLF; a final line break does not start another line.
func splitLines(b []byte) []string {
	s := strings.TrimSuffix(strings.ReplaceAll(string(b), "\r\n", "\n"), "\n")
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

func lineEnding(file []byte) string {
	i := bytes.IndexByte(file, '\n')
	if i > 0 && file[i-1] == '\r' || i < 0 {
		return "\r\n"
	}
	return "\n"
}

func withLineEnding(block []byte, eol string) []byte {
	return []byte(strings.Join(splitLines(block), eol) + eol)
}

func sameLineEndings(b []byte) error {
	crlf := bytes.Count(b, []byte("\r\n"))
	lf := bytes.Count(b, []byte("\n"))
	if crlf != 0 && crlf != lf {
		return errors.New("managed block mixes CRLF and LF line endings")
	}
	return nil
}

func isMarker(l string) bool {
	t := strings.TrimSpace(l)
	return t == Begin || t == End
}

// firstNonASCII returns the index of the first byte of l that is not printable ASCII or a
// tab, or -1.
func firstNonASCII(l string) int {
	for i := 0; i < len(l); i++ {
		c := l[i]
		if c >= utf8.RuneSelf || (c < 0x20 && c != '\t') || c == 0x7f {
			return i
		}
	}
	return -1
}
