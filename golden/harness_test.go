package golden

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/zonegen/zonegen/internal/testfs"
	"github.com/zonegen/zonegen/topology"
)

// The tests below check the harness itself, independently of the pipeline.

func TestLineDiff(t *testing.T) {
	want := "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\n"
	got := "a\nB\nc\nd\ne\nf\ng\nh\ni\nj\nK\n"
	diff := lineDiff("x.conf", []byte(want), []byte(got))
	for _, line := range []string{
		"--- stored/x.conf", "+++ built/x.conf",
		"@@ -1,5 +1,5 @@", "-b", "+B",
		"@@ -8,4 +8,4 @@", "-k", "+K",
	} {
		if !slices.Contains(strings.Split(diff, "\n"), line) {
			t.Errorf("diff lacks line %q:\n%s", line, diff)
		}
	}
	if strings.Contains(diff, " f\n") {
		t.Errorf("diff shows line f, more than %d lines away from any change:\n%s", diffContext, diff)
	}
}

func TestLineDiffShowsLineEndings(t *testing.T) {
	diff := lineDiff("fe1.hosts", []byte("127.0.0.1 lb\r\n"), []byte("127.0.0.1 lb\n"))
	if !strings.Contains(diff, "-127.0.0.1 lb\\r\n") || !strings.Contains(diff, "+127.0.0.1 lb\n") {
		t.Errorf("a CRLF to LF change must be visible:\n%s", diff)
	}
	diff = lineDiff("a", []byte("x\n"), []byte("x"))
	if !strings.Contains(diff, "+x\n\\ No newline at end of file\n") {
		t.Errorf("a lost final newline must be visible:\n%s", diff)
	}
}

func TestLineDiffNewAndDeletedFiles(t *testing.T) {
	if diff := lineDiff("n", nil, []byte("one\ntwo\n")); !strings.Contains(diff, "@@ -0,0 +1,2 @@\n+one\n+two\n") {
		t.Errorf("new file:\n%s", diff)
	}
	if diff := lineDiff("d", []byte("one\n"), nil); !strings.Contains(diff, "@@ -1,1 +0,0 @@\n-one\n") {
		t.Errorf("deleted file:\n%s", diff)
	}
}

func TestCompareBothWays(t *testing.T) {
	stored := tree{"want/a": []byte("same\n"), "want/b": []byte("old\n"), "want/gone": []byte("x\n")}
	built := tree{"want/a": []byte("same\n"), "want/b": []byte("new\n"), "want/added": []byte("y\n")}
	diffs := compare(stored, built)
	wantHeads := []string{
		"want/added: produced but not stored",
		"want/b: changed",
		"want/gone: stored but no longer produced",
	}
	if len(diffs) != len(wantHeads) {
		t.Fatalf("got %d differences, want %d:\n%s", len(diffs), len(wantHeads), strings.Join(diffs, "\n"))
	}
	for i, head := range wantHeads {
		if !strings.HasPrefix(diffs[i], head+"\n") {
			t.Errorf("difference %d starts %q, want %q", i, strings.SplitN(diffs[i], "\n", 2)[0], head)
		}
	}
	if compare(stored, stored) != nil {
		t.Error("a tree differs from itself")
	}
}

func TestWriteTreeWritesOnlyChangesAndPrunes(t *testing.T) {
	dir := t.TempDir()
	source := []byte("{ environments: {} }\n")
	files := map[string]string{
		sourceFile:               string(source),
		"servers.libsonnet":      "{}\n",
		errorsGolden:             "error: stale\n",
		"want/prod/same.conf":    "unchanged\n",
		"want/prod/changed.conf": "before\n",
		"want/old/gone.conf":     "stale\n",
	}
	for p, s := range files {
		writeFile(t, filepath.Join(dir, p), s)
	}
	// A fixed, old mtime shows whether the unchanged file was rewritten.
	old := time.Date(2001, 2, 3, 4, 5, 6, 0, time.UTC)
	same := filepath.Join(dir, "want/prod/same.conf")
	if err := os.Chtimes(same, old, old); err != nil {
		t.Fatal(err)
	}

	stored, err := loadTree(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got := stored.paths(); !slices.Equal(got, []string{errorsGolden, "want/old/gone.conf", "want/prod/changed.conf", "want/prod/same.conf"}) {
		t.Fatalf("loadTree read %v; it must read only want/ and *.golden", got)
	}

	hosts := "# BEGIN zonegen\r\n127.0.0.1 lb1.corp.local\r\n# END zonegen\r\n"
	built := tree{
		explainGolden:               []byte("hostname: servername\n"),
		"want/prod/same.conf":       []byte("unchanged\n"),
		"want/prod/changed.conf":    []byte("after\n"),
		"want/prod/hosts/fe1.hosts": []byte(hosts),
	}
	written, deleted, err := writeTree(dir, stored, built)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{explainGolden, "want/prod/changed.conf", "want/prod/hosts/fe1.hosts"}; !slices.Equal(written, want) {
		t.Errorf("written = %v, want %v", written, want)
	}
	if want := []string{errorsGolden, "want/old/gone.conf"}; !slices.Equal(deleted, want) {
		t.Errorf("deleted = %v, want %v", deleted, want)
	}

	reread, err := loadTree(dir)
	if err != nil {
		t.Fatal(err)
	}
	if diffs := compare(built, reread); diffs != nil {
		t.Errorf("after writing, the folder does not store the build:\n%s", strings.Join(diffs, "\n"))
	}
	if got := string(reread["want/prod/hosts/fe1.hosts"]); got != hosts {
		t.Errorf("CRLF bytes not kept: %q", got)
	}
	if fi, err := os.Stat(same); err != nil || !fi.ModTime().Equal(old) {
		t.Errorf("unchanged file was rewritten (stat %v, err %v)", fi, err)
	}
	if _, err := os.Stat(filepath.Join(dir, "want/old")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("emptied folder want/old was left behind: %v", err)
	}
	if got, err := os.ReadFile(filepath.Join(dir, sourceFile)); err != nil || !bytes.Equal(got, source) {
		t.Errorf("source changed: %q, %v", got, err)
	}
}

func TestWriteTreeRefusesInputs(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, sourceFile), "{}\n")
	for _, p := range []string{sourceFile, "want/../source.jsonnet", "/etc/passwd", "other.golden", `want\x`, "want//x"} {
		if _, _, err := writeTree(dir, tree{}, tree{p: []byte("x")}); err == nil {
			t.Errorf("writeTree wrote %q", p)
		}
	}
	if got, _ := os.ReadFile(filepath.Join(dir, sourceFile)); string(got) != "{}\n" {
		t.Errorf("source changed: %q", got)
	}
}

func TestTreeKinds(t *testing.T) {
	for _, tc := range []struct {
		tree           tree
		valid, invalid bool
	}{
		{tree{}, false, false},
		{tree{explainGolden: nil}, true, false},
		{tree{"want/p/a": nil}, true, false},
		{tree{errorsGolden: nil}, false, true},
		{tree{errorsGolden: nil, "want/a": nil}, true, true},
	} {
		if tc.tree.valid() != tc.valid || tc.tree.invalid() != tc.invalid {
			t.Errorf("%v: valid %v invalid %v, want %v %v", tc.tree.paths(), tc.tree.valid(), tc.tree.invalid(), tc.valid, tc.invalid)
		}
	}
}

func TestProblemLines(t *testing.T) {
	errs := []topology.Problem{{Severity: topology.SeverityError, Path: "environments.prod.zones.DZ1.servers[1]", Rule: topology.RuleMember, Message: `unknown server "fe9"`}}
	warns := []topology.Problem{{Severity: topology.SeverityWarning, Path: "environments.prod.apps.App1", Rule: topology.RuleMobile, Message: "not reachable", Hint: "publish it"}}
	want := "error: environments.prod.zones.DZ1.servers[1]: R3: unknown server \"fe9\"\n" +
		"warning: environments.prod.apps.App1: R5: not reachable (publish it)\n"
	if got := string(problemLines(errs, warns)); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestScrubPaths(t *testing.T) {
	abs, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	msg := "evaluate x90-a/source.jsonnet: " + filepath.Join(abs, "x90-a", "source.jsonnet") +
		":1:1 imports " + filepath.Join(abs, "s01", "source.jsonnet") + " outside " + filepath.Join(abs, "x90-a") + " (source folder)"
	got, err := scrubPaths(msg, "x90-a")
	if err != nil {
		t.Fatal(err)
	}
	if want := "evaluate <case>/source.jsonnet: <case>/source.jsonnet:1:1 imports <golden>/s01/source.jsonnet outside <case> (source folder)"; got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

var writeFile = testfs.WriteFile
