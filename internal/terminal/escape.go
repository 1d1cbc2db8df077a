package terminal

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// Escape returns s with every character a terminal would act on instead of print written
// as an escape: C0 controls but newline and tab (a lone CR rewinds the line, ESC starts a
// colour or cursor sequence, backspace erases), DEL, C1 controls, Unicode format characters
// (the bidi overrides U+202A-U+202E and isolates U+2066-U+2069 reorder what follows,
// zero-width characters hide) and invalid UTF-8. Bytes below 0x80 and invalid bytes print
// as \x1b, \x0d, \xff; other runes as \u202e. A hand-edited file's ESC or CR bytes could
// otherwise make a terminal show a removed `allow all;` as a harmless comment (issue 12).
// Text holding none of them is returned unchanged, so an ordinary diff still applies with
// patch, and printable non-ASCII text (a name in Portuguese) stays readable.
func Escape(s string) string {
	i := firstUnsafe(s)
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	b.WriteString(s[:i])
	for s = s[i:]; len(s) > 0; {
		r, n := utf8.DecodeRuneInString(s)
		switch {
		case r == utf8.RuneError && n == 1, r < utf8.RuneSelf && unsafe(r):
			fmt.Fprintf(&b, `\x%02x`, s[0])
		case unsafe(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[:n])
		}
		s = s[n:]
	}
	return b.String()
}

// firstUnsafe returns the byte index of the first character Escape rewrites, or -1.
func firstUnsafe(s string) int {
	for i, r := range s {
		if r == utf8.RuneError {
			if _, n := utf8.DecodeRuneInString(s[i:]); n == 1 {
				return i
			}
		}
		if unsafe(r) {
			return i
		}
	}
	return -1
}

// unsafe reports a rune a terminal acts on: a control (C0, DEL, C1) but newline and tab, or
// a format character (Cf: the bidi controls, zero-width characters, the soft hyphen).
func unsafe(r rune) bool {
	if r == '\n' || r == '\t' {
		return false
	}
	return unicode.IsControl(r) || unicode.Is(unicode.Cf, r)
}

// EscapeJSON returns the JSON document b (as encoding/json writes it) with every character
// Escape would rewrite written as a JSON escape instead: \u202e, or a surrogate pair above
// U+FFFF. encoding/json already escapes the C0 controls and replaces invalid UTF-8, but it
// writes DEL, C1 controls and the bidi and zero-width characters raw, and a CI log that
// shows `check --format json` would reorder a file name holding U+202E. Such characters
// occur only inside JSON strings, where the escape decodes to the same rune, so a consumer
// reads exactly what it read before.
func EscapeJSON(b []byte) []byte {
	i := firstUnsafe(string(b))
	if i < 0 {
		return b
	}
	out := make([]byte, 0, len(b)+12)
	out = append(out, b[:i]...)
	for s := b[i:]; len(s) > 0; {
		r, n := utf8.DecodeRune(s)
		switch r1, r2 := utf16.EncodeRune(r); {
		case !unsafe(r):
			out = append(out, s[:n]...)
		case r1 != utf8.RuneError:
			out = fmt.Appendf(out, `\u%04x\u%04x`, r1, r2)
		default:
			out = fmt.Appendf(out, `\u%04x`, r)
		}
		s = s[n:]
	}
	return out
}
