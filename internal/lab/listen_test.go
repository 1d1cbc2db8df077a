package lab_test

import (
	"errors"
	"net"
	"syscall"
	"testing"
	"time"

	"github.com/zonegen/zonegen/internal/lab"
)

// Issue 16: a stopped front-end refuses connections at once, even while a child another
// goroutine forked still holds a copy of its listening socket (here: a duplicate of the
// descriptor). With close(2) alone the kernel went on completing handshakes and reset them
// later, so a pool reached a stopped front-end and its client got an empty answer.
func TestStoppedBackendRefusesWhileItsSocketIsShared(t *testing.T) {
	ln, err := lab.Listen("127.0.0.1")
	if err != nil {
		t.Fatal(err)
	}
	dup, err := ln.(*net.TCPListener).File() // what a forked, not yet exec'd child holds
	if err != nil {
		t.Fatal(err)
	}
	defer dup.Close()
	b, err := lab.StartBackend(lab.BackendConfig{Name: "fe1", HTTP: ln})
	if err != nil {
		t.Fatal(err)
	}
	if err := b.Stop(); err != nil {
		t.Fatal(err)
	}
	c, err := net.DialTimeout("tcp", b.HTTPAddr, time.Second)
	if err == nil {
		c.Close()
		t.Fatalf("a stopped front-end accepted a connection on %s", b.HTTPAddr)
	}
	if !errors.Is(err, syscall.ECONNREFUSED) {
		t.Fatalf("dial a stopped front-end: %v, want connection refused", err)
	}
}
