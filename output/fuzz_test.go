package output

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzOutputName: any generated path Compare accepts can be written, and its temp file name
// fits a filesystem (issue 12, hole 4: a long valid name made the temp name too long after
// the journal was written); any path it refuses writes nothing, not even the journal.
func FuzzOutputName(f *testing.F) {
	for _, s := range []string{"dev/hosts/fe1.hosts", strings.Repeat("a", 255), strings.Repeat("b", 256),
		"x/" + strings.Repeat("c", 250) + ".hosts", "../x", "a b", ".zonegen-tmp-x", "a\nb", "é/x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, rel string) {
		dir := filepath.Join(t.TempDir(), "out")
		_, err := Write(dir, []File{{Path: rel, Data: []byte("x\n"), Kind: "k"}}, WriteOptions{})
		if err != nil {
			entries, _ := os.ReadDir(dir)
			for _, e := range entries {
				if e.Name() != LockName { // a lock left by a failed run would be a bug too
					t.Fatalf("path %q refused (%v) but %s was written", rel, err, e.Name())
				}
			}
			if len(entries) > 0 {
				t.Fatalf("path %q: the lock stayed", rel)
			}
			return
		}
		if got, rerr := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel))); rerr != nil || string(got) != "x\n" {
			t.Fatalf("path %q accepted but not written: %v", rel, rerr)
		}
	})
}
