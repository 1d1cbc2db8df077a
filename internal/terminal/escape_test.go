package terminal

import "testing"

func TestEscape(t *testing.T) {
	for in, want := range map[string]string{
		"allow all;":                  "allow all;",
		"line\r\n":                    "line\\x0d\n",
		"tab\tand newline\n":          "tab\tand newline\n",
		"\x1b[8mhidden\x1b[0m":        `\x1b[8mhidden\x1b[0m`,
		"back\bspace and \x7f":        `back\x08space and \x7f`,
		"nul \x00 and \x01":           `nul \x00 and \x01`,
		"c1 \u0085 \u009b":            `c1 \u0085 \u009b`,
		"lre \u202a rlo \u202e":       `lre \u202a rlo \u202e`,
		"lri \u2066 pdi \u2069":       `lri \u2066 pdi \u2069`,
		"zero\u200bwidth":             `zero\u200bwidth`,
		"invalid \xff\xfe":            `invalid \xff\xfe`,
		"São Paulo, Zürich, 東京":       "São Paulo, Zürich, 東京",
		"real U+FFFD \ufffd is shown": "real U+FFFD \ufffd is shown",
	} {
		if got := Escape(in); got != want {
			t.Errorf("Escape(%q) = %q, want %q", in, got, want)
		}
	}
}

// Nothing Escape returns holds a byte a terminal acts on.
func FuzzEscape(f *testing.F) {
	f.Add("a\x1b[31m\r\u202e\xff")
	f.Fuzz(func(t *testing.T, s string) {
		out := Escape(s)
		if i := firstUnsafe(out); i >= 0 {
			t.Fatalf("Escape(%q) = %q keeps an unsafe character at %d", s, out, i)
		}
		if firstUnsafe(s) < 0 && out != s {
			t.Fatalf("Escape(%q) changed safe text to %q", s, out)
		}
	})
}
