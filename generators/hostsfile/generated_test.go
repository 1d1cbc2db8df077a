package hostsfile

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestMergeGeneratedFiles merges every hosts file the golden corpus stores (what `zonegen
// generate` writes for each server, DESIGN.md R7) into a real Windows hosts file, as the
// playbook's win_hosts entries would end up: with and without an older block, twice.
func TestMergeGeneratedFiles(t *testing.T) {
	files, err := filepath.Glob("../../golden/*/want/*/hosts/*.hosts")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no generated hosts files under ../../golden")
	}
	old := string(block("old.corp.local"))
	tail := "10.0.9.8 ntp.corp.local # the server's own entry\r\n"
	for _, f := range files {
		gen, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		name := strings.TrimPrefix(filepath.ToSlash(f), "../../golden/")
		t.Run(name, func(t *testing.T) {
			if !bytes.HasPrefix(gen, []byte(Begin+"\r\n")) || !bytes.HasSuffix(gen, []byte(End+"\r\n")) || bytes.Contains(bytes.ReplaceAll(gen, []byte("\r\n"), nil), []byte("\n")) {
				t.Fatalf("not a CRLF managed block:\n%q", gen)
			}
			for _, c := range []struct {
				name, existing, want string
			}{
				{"no block yet", msDefault, msDefault + string(gen)},
				{"older block in the middle", msDefault + old + tail, msDefault + string(gen) + tail},
				{"LF file", strings.ReplaceAll(msDefault, "\r\n", "\n"), strings.ReplaceAll(msDefault+string(gen), "\r\n", "\n")},
			} {
				got, err := Merge([]byte(c.existing), gen)
				if err != nil {
					t.Fatalf("%s: %v", c.name, err)
				}
				if string(got) != c.want {
					t.Fatalf("%s: got\n%q\nwant\n%q", c.name, got, c.want)
				}
				again, err := Merge(got, gen)
				if err != nil || !bytes.Equal(again, got) {
					t.Fatalf("%s: merging twice changed the file (%v):\n%q", c.name, err, again)
				}
				inner, ok, err := Extract(got)
				if err != nil || !ok || string(inner) != strings.ReplaceAll(string(gen), "\r\n", lineEnding(got)) {
					t.Fatalf("%s: Extract gave %q %v %v, want the generated block", c.name, inner, ok, err)
				}
			}
		})
	}
}
