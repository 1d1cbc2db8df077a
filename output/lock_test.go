package output

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestConcurrentRunsOneGetsTheLock(t *testing.T) {
	dir := t.TempDir()
	inside, release := make(chan struct{}), make(chan struct{})
	hold := Func{Pattern: "*", Name: "hold", Check: func(context.Context, string) error {
		close(inside)
		<-release
		return nil
	}}
	first := make(chan error, 1)
	go func() {
		_, err := Write(dir, gen("a.conf", "first"), WriteOptions{Validators: []Validator{hold}})
		first <- err
	}()
	<-inside // the first run holds the lock now

	_, err := Write(dir, gen("a.conf", "second"), WriteOptions{})
	var le *LockedError
	if !errors.As(err, &le) {
		t.Fatalf("second run: got %v, want a *LockedError", err)
	}
	if le.PID != os.Getpid() || !strings.Contains(err.Error(), fmt.Sprintf("pid %d", os.Getpid())) {
		t.Errorf("lock error does not name the holder: %v", err)
	}
	close(release)
	if err := <-first; err != nil {
		t.Fatalf("first run: %v", err)
	}
	if got := readFile(t, filepath.Join(dir, "a.conf")); got != "first" {
		t.Errorf("a.conf = %q, want the first run's bytes", got)
	}
	if _, err := os.Stat(filepath.Join(dir, LockName)); !os.IsNotExist(err) {
		t.Errorf("lock not released: %v", err)
	}
}

func TestUnreadableLockIsHeld(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, LockName), "")
	_, err := Write(dir, gen("a.conf", "a"), WriteOptions{})
	var le *LockedError
	if !errors.As(err, &le) || le.PID != 0 || !strings.Contains(err.Error(), "remove the file if no run is active") {
		t.Fatalf("got %v, want a *LockedError telling how to recover", err)
	}
}
