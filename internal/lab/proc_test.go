package lab_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zonegen/zonegen/internal/lab"
	"github.com/zonegen/zonegen/internal/realprog"
	"github.com/zonegen/zonegen/internal/testfs"
)

func writeFile(t *testing.T, dir, name, text string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	testfs.WriteFile(t, p, text)
	return p
}

func TestCheckNginxFailsOnWarnings(t *testing.T) {
	realprog.Require(t, "nginx")
	dir := t.TempDir()
	ok := writeFile(t, dir, "ok.conf", "server { listen 127.0.0.1:1; server_name a.test; }\n")
	if err := lab.CheckNginx(filepath.Join(dir, "run1"), lab.NginxConfig{HTTPIncludes: []string{ok}}); err != nil {
		t.Fatalf("valid config: %v", err)
	}
	// Passes nginx -t with a warning only: one of two proxies would be ignored.
	dup := writeFile(t, dir, "dup.conf", "server { listen 127.0.0.1:1; server_name a.test; }\n")
	err := lab.CheckNginx(filepath.Join(dir, "run2"), lab.NginxConfig{HTTPIncludes: []string{ok, dup}})
	if err == nil || !strings.Contains(err.Error(), "conflicting server name") {
		t.Fatalf("got %v, want the conflicting server name warning as an error", err)
	}
	stream := writeFile(t, dir, "stream.conf", "server { listen 127.0.0.1:1; proxy_pass 127.0.0.1:2; }\n")
	if err := lab.CheckNginx(filepath.Join(dir, "run3"), lab.NginxConfig{StreamIncludes: []string{stream}}); err != nil {
		t.Fatalf("stream include (loads the stream module): %v", err)
	}
}

func TestCheckHAProxyFailsOnWarnings(t *testing.T) {
	realprog.Require(t, "haproxy")
	dir := t.TempDir()
	f := writeFile(t, dir, "f.cfg", "frontend f\n    mode http\n    bind 127.0.0.1:1\n")
	err := lab.CheckHAProxy(filepath.Join(dir, "run"), f)
	if err == nil || !strings.Contains(err.Error(), "missing timeouts") {
		t.Fatalf("got %v, want the missing timeouts warning as an error", err)
	}
}

func TestWaitListeningReportsAnExit(t *testing.T) {
	realprog.Require(t, "nginx")
	dir := t.TempDir()
	bad := writeFile(t, dir, "bad.conf", "server { listen 127.0.0.1:1; no_such_directive; }\n")
	p, err := lab.StartNginx(filepath.Join(dir, "run"), lab.NginxConfig{HTTPIncludes: []string{bad}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.Stop() })
	err = p.WaitListening(context.Background(), "127.0.0.1:1")
	if err == nil || !strings.Contains(err.Error(), "no_such_directive") {
		t.Fatalf("got %v, want nginx's exit with its error", err)
	}
	if err := p.Stop(); err != nil {
		t.Errorf("stop after exit: %v", err)
	}
}
