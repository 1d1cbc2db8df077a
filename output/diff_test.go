package output

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func lines(from, to int, f func(int) string) string {
	var b strings.Builder
	for i := from; i <= to; i++ {
		b.WriteString(f(i))
	}
	return b.String()
}

func TestUnifiedDiff(t *testing.T) {
	ten := lines(1, 10, func(i int) string { return fmt.Sprintf("l%d\n", i) })
	twenty := lines(1, 20, func(i int) string { return fmt.Sprintf("l%d\n", i) })
	cases := []struct {
		name     string
		old, new []byte
		opts     DiffOptions
		want     string
	}{{
		name: "one line, three of context",
		old:  []byte(ten), new: []byte(strings.Replace(ten, "l5\n", "L5\n", 1)),
		want: "--- a/p\n+++ b/p\n@@ -2,7 +2,7 @@\n l2\n l3\n l4\n-l5\n+L5\n l6\n l7\n l8\n",
	}, {
		name: "new file",
		old:  nil, new: []byte("a\nb\n"),
		want: "--- /dev/null\n+++ b/p\n@@ -0,0 +1,2 @@\n+a\n+b\n",
	}, {
		name: "pruned file",
		old:  []byte("a\n"), new: nil,
		want: "--- a/p\n+++ /dev/null\n@@ -1,1 +0,0 @@\n-a\n",
	}, {
		name: "CRLF lines keep their endings",
		old:  []byte("# BEGIN zonegen\r\n127.0.0.1 lb1\r\n# END zonegen\r\n"),
		new:  []byte("# BEGIN zonegen\r\n127.0.0.1 lb1\r\n127.0.0.1 lb3\r\n# END zonegen\r\n"),
		want: "--- a/p\n+++ b/p\n@@ -1,3 +1,4 @@\n # BEGIN zonegen\r\n 127.0.0.1 lb1\r\n+127.0.0.1 lb3\r\n # END zonegen\r\n",
	}, {
		name: "no newline at end of file",
		old:  []byte("a\nb"), new: []byte("a\nc"),
		want: "--- a/p\n+++ b/p\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n",
	}, {
		name: "far apart changes make two hunks",
		old:  []byte(twenty), new: []byte(strings.NewReplacer("l2\n", "X\n", "l18\n", "Y\n").Replace(twenty)),
		want: "--- a/p\n+++ b/p\n@@ -1,5 +1,5 @@\n l1\n-l2\n+X\n l3\n l4\n l5\n" +
			"@@ -15,6 +15,6 @@\n l15\n l16\n l17\n-l18\n+Y\n l19\n l20\n",
	}, {
		name: "changes six lines apart share a hunk",
		old:  []byte(twenty), new: []byte(strings.NewReplacer("l5\n", "X\n", "l12\n", "Y\n").Replace(twenty)),
		want: "--- a/p\n+++ b/p\n@@ -2,14 +2,14 @@\n l2\n l3\n l4\n-l5\n+X\n l6\n l7\n l8\n l9\n l10\n l11\n-l12\n+Y\n l13\n l14\n l15\n",
	}, {
		name: "no context",
		old:  []byte(ten), new: []byte(strings.Replace(ten, "l5\n", "", 1)),
		opts: DiffOptions{Context: -1},
		want: "--- a/p\n+++ b/p\n@@ -5,1 +4,0 @@\n-l5\n",
	}, {
		name: "colour closes before the line ending",
		old:  []byte("x\r\ny\r\n"), new: []byte("x\r\nz\r\n"),
		opts: DiffOptions{Color: true},
		want: "\x1b[1m--- a/p\x1b[0m\n\x1b[1m+++ b/p\x1b[0m\n\x1b[36m@@ -1,2 +1,2 @@\x1b[0m\n x\r\n\x1b[31m-y\x1b[0m\r\n\x1b[32m+z\x1b[0m\r\n",
	}, {
		name: "equal",
		old:  []byte("a\n"), new: []byte("a\n"),
		want: "",
	}}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := UnifiedDiff("p", c.old, c.new, c.opts); got != c.want {
				t.Errorf("got\n%q\nwant\n%q", got, c.want)
			}
		})
	}
}

// TestUnifiedDiffApplies proves the hunks are real: patch(1) turns old into new.
func TestUnifiedDiffApplies(t *testing.T) {
	patch, err := exec.LookPath("patch")
	if err != nil {
		t.Skip("patch is not installed")
	}
	gen := func(n int, f func(int) string) string { return lines(1, n, f) }
	base := gen(40, func(i int) string { return fmt.Sprintf("line %d\r\n", i) })
	cases := map[string][2]string{
		"scattered": {base, gen(42, func(i int) string {
			if i%7 == 0 {
				return fmt.Sprintf("changed %d\r\n", i)
			}
			return fmt.Sprintf("line %d\r\n", i)
		})},
		"ending only": {"a\nb\nc\n", "a\r\nb\nc\n"},
		"grow":        {"", "x\ny\n"},
		"shrink":      {"x\ny\nz", "y\n"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			writeFile(t, filepath.Join(dir, "f"), c[0])
			d := UnifiedDiff("f", []byte(c[0]), []byte(c[1]), DiffOptions{})
			cmd := exec.Command(patch, "-p1", "--binary", "-s")
			cmd.Dir, cmd.Stdin = dir, strings.NewReader(d)
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("patch: %v\n%s\ndiff:\n%q", err, out, d)
			}
			if got := readFile(t, filepath.Join(dir, "f")); got != c[1] {
				t.Errorf("patched = %q, want %q\ndiff:\n%q", got, c[1], d)
			}
		})
	}
}

func TestComparisonDiffAndStat(t *testing.T) {
	dir := t.TempDir()
	mustWrite(t, dir, gen("prod/a.conf", "a\nb\n", "prod/gone.conf", "g\n", "prod/vanished.conf", "v\n", "prod/same.conf", "s\n"), WriteOptions{})
	// Pruned but already deleted by hand: nothing to show.
	if err := os.Remove(filepath.Join(dir, "prod/vanished.conf")); err != nil {
		t.Fatal(err)
	}
	c, err := Compare(dir, gen("prod/a.conf", "a\nB\nc\n", "prod/new/x.conf", "x\n", "prod/same.conf", "s\n"), Scope{})
	if err != nil {
		t.Fatal(err)
	}
	var diff, stat strings.Builder
	if err := c.Diff(&diff, DiffOptions{}); err != nil {
		t.Fatal(err)
	}
	want := "--- a/prod/a.conf\n+++ b/prod/a.conf\n@@ -1,2 +1,3 @@\n a\n-b\n+B\n+c\n" +
		"--- a/prod/gone.conf\n+++ /dev/null\n@@ -1,1 +0,0 @@\n-g\n" +
		"--- /dev/null\n+++ b/prod/new/x.conf\n@@ -0,0 +1,1 @@\n+x\n"
	if diff.String() != want {
		t.Errorf("diff:\n%s\nwant:\n%s", diff.String(), want)
	}
	if err := c.Stat(&stat, DiffOptions{}); err != nil {
		t.Fatal(err)
	}
	wantStat := "prod/a.conf     | +2 -1\n" +
		"prod/gone.conf  | +0 -1\n" +
		"prod/new/x.conf | +1 -0\n" +
		"3 files changed, 3 insertions(+), 2 deletions(-)\n"
	if stat.String() != wantStat {
		t.Errorf("stat:\n%s\nwant:\n%s", stat.String(), wantStat)
	}
}

// Issue 12: a hand-edited file's ESC and CR bytes reached the terminal raw, so a removed
// `allow all;` could be redrawn as a harmless comment. They are shown escaped; CRLF
// endings stay line endings.
func TestDiffEscapesControlCharacters(t *testing.T) {
	old := "keep\r\nallow all;\r# harmless comment\x1b[2K\u202e\xff\tx\r\n"
	got := UnifiedDiff("prod/hosts/fe1.hosts", []byte(old), []byte("keep\r\ndeny all;\r\n"), DiffOptions{})
	want := `-allow all;\x0d# harmless comment\x1b[2K\u202e\xff` + "\tx\r\n"
	if !strings.Contains(got, want) {
		t.Fatalf("diff does not show the removed line escaped:\n%q", got)
	}
	if strings.Count(got, "\r") != strings.Count(got, "\r\n") || strings.ContainsAny(got, "\x1b\u202e") {
		t.Errorf("raw control characters in the diff:\n%q", got)
	}
}
