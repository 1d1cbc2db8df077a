package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// Issue 16: no control character reaches the terminal. A hand-edited tree (a CR in the
// middle of a line, ESC sequences, bidi overrides and isolates, C1, DEL, invalid UTF-8) is
// shown by diff and check with every one of them escaped, the same way (internal/terminal);
// only the CR of a CRLF line ending (the Windows hosts files) stays, as the line ending it is.
func TestHandEditedTreePrintsNoControlCharacters(t *testing.T) {
	workspace(t)
	if code, _, errOut := run(t, "generate"); code != 0 {
		t.Fatal(errOut)
	}
	const hostile = "allow all;\r# harmless \x1b[2K\x1b]0;title\x07 \u202eevil\u202c \u2066x\u2069 \u009b31m \x7f \xff\xfe"
	for _, f := range []string{"qa/proxy/testers.nginx.conf", "dev/hosts/dev-fe1.hosts", "prod/servicecenter.json"} {
		p := filepath.Join("generated", f)
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		i := bytes.IndexByte(b, '\n')
		edited := append(append(append([]byte{}, b[:i]...), []byte("\n"+hostile)...), b[i:]...)
		if err := os.WriteFile(p, edited, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// A route of the map in the hand-edited form: the reviewer's summary quotes it.
	m := filepath.Join("generated", "prod/proxy/www.haproxy.map")
	b, err := os.ReadFile(m)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(m, append(b, "evil\r\x1b[2K\u202e zg_prod_www_zone_dz2\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	// A source change too, so that the reviewer's summary is printed.
	editSource(t, "SalesMobile: zg.app('DZ2', mobile=true)", "SalesMobile: zg.app('DZ1', mobile=true)")
	for _, args := range [][]string{{"diff", "--color", "never"}, {"check"}} {
		code, out, errOut := run(t, args...)
		if code != exitChanges {
			t.Fatalf("%s: exit %d, want 1\n%s%s", args[0], code, out, errOut)
		}
		for name, s := range map[string]string{"stdout": out, "stderr": errOut} {
			if err := terminalSafe(s); err != nil {
				t.Errorf("%s %s: %v\n%q", args[0], name, err, s)
			}
		}
		if args[0] == "diff" {
			want := `+allow all;\x0d# harmless \x1b[2K\x1b]0;title\x07 \u202eevil\u202c \u2066x\u2069 \u009b31m \x7f \xff\xfe`
			if strings.Count(out, strings.Replace(want, "+", "-", 1)) != 3 {
				t.Errorf("diff does not show each hand-edited line removed, escaped:\n%s", out)
			}
		}
		if !strings.Contains(out, `evil\x0d\x1b[2K\u202e`) {
			t.Errorf("%s: the summary does not quote the hand-edited route, escaped:\n%s", args[0], out)
		}
		if args[0] == "check" && !strings.Contains(out, "hand-edited qa/proxy/testers.nginx.conf") {
			t.Errorf("check does not list the hand-edited file:\n%s", out)
		}
	}
}

// --format json writes a hostile folder or file name (U+202E, C1, DEL) as \u escapes, so a
// CI log shows it in order, and a consumer decodes the name exactly as given.
func TestJSONOutputPrintsNoControlCharacters(t *testing.T) {
	workspace(t)
	const dir, source = "gen\u202e\u009b\x7f", "no\u202esuch\u2066/infra.jsonnet"
	if code, _, errOut := run(t, "generate", "-o", dir); code != 0 {
		t.Fatal(errOut)
	}
	for _, args := range [][]string{{"check", "-o", dir, "--format", "json"}, {"validate", "-f", source, "--format", "json"}} {
		code, out, errOut := run(t, args...)
		if want := map[string]int{"check": 0, "validate": exitInvalid}[args[0]]; code != want {
			t.Fatalf("%s: exit %d, want %d\n%s%s", args[0], code, want, out, errOut)
		}
		if err := terminalSafe(out); err != nil {
			t.Errorf("%s --format json: %v\n%q", args[0], err, out)
		}
		var res struct {
			Dir    string
			Errors []struct{ Path string }
		}
		if err := json.Unmarshal([]byte(out), &res); err != nil {
			t.Fatalf("%s: %v\n%s", args[0], err, out)
		}
		if args[0] == "check" && res.Dir != dir || args[0] == "validate" && (len(res.Errors) != 1 || res.Errors[0].Path != source) {
			t.Errorf("%s --format json does not decode to the name given:\n%s", args[0], out)
		}
	}
}

// terminalSafe reports the first character of s a terminal would act on: a control but
// newline and tab (a CR only where a line ends in CRLF), a format character, invalid UTF-8.
func terminalSafe(s string) error {
	for i, r := range s {
		switch {
		case r == '\n' || r == '\t':
		case r == '\r' && strings.HasPrefix(s[i+1:], "\n"):
		case r == utf8.RuneError:
			if _, n := utf8.DecodeRuneInString(s[i:]); n == 1 {
				return fmt.Errorf("invalid UTF-8 at byte %d", i)
			}
		case unicode.IsControl(r) || unicode.Is(unicode.Cf, r):
			return fmt.Errorf("raw %U at byte %d", r, i)
		}
	}
	return nil
}
