//go:build !linux

package output

import "fmt"

// syncStaged makes the staged files' bytes durable before any of them is renamed into
// place: an fsync per file where syncfs(2) is not available.
func syncStaged(dir string, staged []stagedFile) error {
	for _, st := range staged {
		if err := syncFile(st.tmp); err != nil {
			return fmt.Errorf("sync %s: %w", st.change.Path, err)
		}
	}
	return nil
}

// syncRenames makes the renames into folders durable: an fsync per folder.
func syncRenames(dir string, folders []string) error {
	for _, d := range folders {
		if err := syncDir(d); err != nil {
			return err
		}
	}
	return nil
}
