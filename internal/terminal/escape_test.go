package terminal

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

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

// EscapeJSON leaves nothing a terminal acts on in a JSON document, and a consumer decodes
// exactly what encoding/json wrote: the same string, rune for rune.
func TestEscapeJSON(t *testing.T) {
	in := map[string]string{"path": "evil\u202egol.conf", "c1": "\u009b31m \x7f", "tag": "\U000e0041 zero\u200bwidth", "plain": "São Paulo\n"}
	raw, err := json.MarshalIndent(in, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got := string(EscapeJSON(raw))
	for _, want := range []string{`evil\u202egol.conf`, `\u009b31m \u007f`, `\udb40\udc41 zero\u200bwidth`, `"São Paulo\n"`} {
		if !strings.Contains(got, want) {
			t.Errorf("EscapeJSON: %s lacks %s", got, want)
		}
	}
	checkJSON(t, raw)
	if plain := []byte(`{"a": "b"}`); &EscapeJSON(plain)[0] != &plain[0] {
		t.Error("EscapeJSON copied a document it had nothing to escape in")
	}
}

func FuzzEscapeJSON(f *testing.F) {
	f.Add("a\x1b[31m\r\u202e\xff\U000e0041\u0085")
	f.Fuzz(func(t *testing.T, s string) {
		raw, err := json.Marshal([]string{s, "k" + s})
		if err != nil {
			t.Fatal(err)
		}
		checkJSON(t, raw)
	})
}

// checkJSON fails t when EscapeJSON(raw) keeps an unsafe character or decodes otherwise
// than raw.
func checkJSON(t *testing.T, raw []byte) {
	t.Helper()
	out := EscapeJSON(raw)
	if i := firstUnsafe(string(out)); i >= 0 {
		t.Fatalf("EscapeJSON(%s) = %s keeps an unsafe character at %d", raw, out, i)
	}
	var want, got any
	if err := json.Unmarshal(raw, &want); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("EscapeJSON(%s) = %s: %v", raw, out, err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("EscapeJSON(%s) = %s decodes to %q, want %q", raw, out, got, want)
	}
}
