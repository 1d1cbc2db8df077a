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

// Issue 12: zonegen.yaml ignored unknown keys (`validatorz:`) and took an undocumented
// `force: true` that silently clobbered hand edits. Unknown keys are errors with a hint,
// every one at once; force is a flag only; a validator glob that matches nothing says so.
func TestConfigKeys(t *testing.T) {
	workspace(t)
	os.WriteFile("zonegen.yaml", []byte("validatorz:\n  - files: x\nforce: true\noutptu: gen\njpath: [lib]\nmax-memory: 100\n"), 0o644)
	code, _, errOut := run(t, "generate")
	for _, want := range []string{`unknown key "validatorz" (did you mean "validators"?)`, `unknown key "outptu" (did you mean "output"?)`,
		`"force" is a command-line flag only; pass --force`} {
		if !strings.Contains(errOut, want) {
			t.Errorf("missing %q:\n%s", want, errOut)
		}
	}
	if code != exitInvalid || strings.Contains(errOut, "jpath") || strings.Contains(errOut, "max-memory") {
		t.Errorf("exit %d; known keys must pass:\n%s", code, errOut)
	}
	if _, err := os.Stat("generated"); !os.IsNotExist(err) {
		t.Errorf("something was written: %v", err)
	}

	// Keys of any command's flags are known, flags added later included.
	os.WriteFile("zonegen.yaml", []byte("output: out\nengine: nginx\nformat: text\nvalidate: false\nlifetime-url: https://lt.example\nlifetime-request-timeout: 5s\n"), 0o644)
	if code, out, errOut := run(t, "validate"); code != 0 {
		t.Fatalf("flag keys refused: %d\n%s%s", code, out, errOut)
	}

	os.WriteFile("zonegen.yaml", []byte("validators:\n  - files: \"*/proxy/*.nginx.cfg\"\n    command: \"true {}\"\n"), 0o644)
	code, out, errOut := run(t, "generate", "--validate")
	if code != 0 || !strings.Contains(errOut, `config validators[0]: files "*/proxy/*.nginx.cfg" matches no generated file`) {
		t.Errorf("exit %d, want a warning for the glob:\n%s%s", code, out, errOut)
	}
}
