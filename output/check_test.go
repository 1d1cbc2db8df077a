package output

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCheck(t *testing.T) {
	dir := t.TempDir()
	mustWrite(t, dir, gen(
		"prod/changed.conf", "1",
		"prod/deleted.conf", "1",
		"prod/edited.conf", "1",
		"prod/same.conf", "1",
		"prod/stale.conf", "1",
	), WriteOptions{})
	if err := os.Remove(filepath.Join(dir, "prod/deleted.conf")); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "prod/edited.conf"), "by hand")
	writeFile(t, filepath.Join(dir, "prod/foreign.conf"), "theirs")

	c, err := Compare(dir, gen(
		"prod/changed.conf", "2",
		"prod/deleted.conf", "1",
		"prod/edited.conf", "1",
		"prod/foreign.conf", "ours",
		"prod/new.conf", "1",
		"prod/same.conf", "1",
	), Scope{})
	if err != nil {
		t.Fatal(err)
	}
	r := c.Check()
	got, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"dir":"` + dir + `","changed":["prod/changed.conf"],"missing":["prod/deleted.conf","prod/new.conf"],` +
		`"stale":["prod/stale.conf"],"handEdited":["prod/edited.conf"],"foreign":["prod/foreign.conf"],"unchanged":1,"clean":false}`
	if string(got) != want {
		t.Errorf("json:\n%s\nwant:\n%s", got, want)
	}
	var text strings.Builder
	if err := r.WriteText(&text); err != nil {
		t.Fatal(err)
	}
	for _, line := range []string{
		"is out of date: 1 changed, 2 missing, 1 stale, 1 hand-edited, 1 foreign",
		"  changed     prod/changed.conf\n",
		"  stale       prod/stale.conf  (generate prunes it)\n",
		"  hand-edited prod/edited.conf  (edited since zonegen wrote it; generate refuses without --force)\n",
	} {
		if !strings.Contains(text.String(), line) {
			t.Errorf("text does not contain %q:\n%s", line, text.String())
		}
	}
}

func TestCheckClean(t *testing.T) {
	dir := t.TempDir()
	files := gen("prod/a.conf", "a")
	mustWrite(t, dir, files, WriteOptions{})
	c, err := Compare(dir, files, Scope{})
	if err != nil {
		t.Fatal(err)
	}
	r := c.Check()
	got, _ := json.Marshal(r)
	if r.Drift() || !strings.Contains(string(got), `"changed":[],"missing":[],"stale":[],"handEdited":[],"foreign":[],"unchanged":1,"clean":true`) {
		t.Errorf("clean folder: %s", got)
	}
	if c.HasChanges() || c.ConflictErr() != nil {
		t.Error("clean folder reports changes or conflicts")
	}
}
