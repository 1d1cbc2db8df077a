package output

import (
	"fmt"
	"os"

	"golang.org/x/sys/unix"
)

// syncStaged makes the staged files' bytes durable before any of them is renamed into
// place. One syncfs(2) flushes the whole filesystem holding the output folder (staged files
// sit beside their targets, and paths never cross a symlink out of the folder): on the
// M bench tree that is about 20 times faster than an fsync per file.
func syncStaged(dir string, staged []stagedFile) error {
	if len(staged) == 0 {
		return nil
	}
	return syncfs(dir)
}

// syncRenames makes the renames into folders durable: one more syncfs(2) commits them all.
func syncRenames(dir string, folders []string) error {
	if len(folders) == 0 {
		return nil
	}
	return syncfs(dir)
}

func syncfs(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := unix.Syncfs(int(d.Fd())); err != nil {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	return nil
}
