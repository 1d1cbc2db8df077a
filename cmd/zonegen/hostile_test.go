package main

import (
	"os"
	"strings"
	"testing"
)

// Issue 12, hole 1: the source's file name is printed in the header of every generated file.
// A newline in it added an nginx server{} that passes nginx -t and an Ansible play; a lone
// carriage return passed a full generate; invalid UTF-8 made inventory.yml unreadable. Every
// command refuses such a name before evaluating, writes nothing, and prints it escaped.
func TestSourceNameNotPrintable(t *testing.T) {
	names := map[string]string{
		"newline":      "infra\nserver { listen 0.0.0.0:80; }\n.jsonnet",
		"carriage":     "infra\r.jsonnet",
		"invalid-utf8": "infra\xff.jsonnet",
		"escape":       "infra\x1b[2K.jsonnet",
		"non-ascii":    "caf\u00e9.jsonnet",
	}
	for label, name := range names {
		for _, cmd := range [][]string{{"generate"}, {"validate"}, {"diff"}, {"check"}, {"verify"}, {"explain"}} {
			t.Run(label+"/"+cmd[0], func(t *testing.T) {
				workspace(t)
				src, err := os.ReadFile("infra.jsonnet")
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(name, src, 0o644); err != nil {
					t.Fatal(err)
				}
				code, out, errOut := run(t, append(cmd, "-f", name, "-o", "out")...)
				if code != exitInvalid {
					t.Fatalf("exit %d, want 2\n%s%s", code, out, errOut)
				}
				if !strings.Contains(errOut, "is not printable ASCII") {
					t.Errorf("no clear message:\n%s", errOut)
				}
				for i := 0; i < len(out+errOut); i++ {
					if c := (out + errOut)[i]; (c < ' ' || c > '~') && c != '\n' && c != '\t' {
						t.Fatalf("output holds byte %#x:\n%q", c, out+errOut)
					}
				}
				if _, err := os.Stat("out"); !os.IsNotExist(err) {
					t.Errorf("something was written: %v", err)
				}
			})
		}
	}
}
