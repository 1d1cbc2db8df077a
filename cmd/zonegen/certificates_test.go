package main

import (
	"encoding/json"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/zonegen/zonegen/internal/lab"
	"github.com/zonegen/zonegen/internal/lab/labtest"
)

// `zonegen certificates` against a front-end on loopback: ok with its CA, FAIL (exit 1)
// without it and when nothing answers, WARN (exit 0) near expiry; bad flags exit 2.
func TestCertificatesCommand(t *testing.T) {
	dir := t.TempDir()
	ca, err := lab.NewCA("zonegen test CA")
	if err != nil {
		t.Fatal(err)
	}
	caFile := filepath.Join(dir, "ca.pem")
	if err := os.WriteFile(caFile, ca.PEM, 0o644); err != nil {
		t.Fatal(err)
	}
	serve := func(until time.Time) int {
		cert, err := ca.IssueBetween(time.Now().Add(-time.Hour), until, "fe1.acme.test")
		if err != nil {
			t.Fatal(err)
		}
		_, port, err := net.SplitHostPort(labtest.ServeTLS(t, cert.TLS))
		if err != nil {
			t.Fatal(err)
		}
		n, _ := strconv.Atoi(port)
		return n
	}
	source := func(port int) string {
		path := filepath.Join(dir, fmt.Sprintf("infra-%d.jsonnet", port))
		src := fmt.Sprintf(`{ name: 'acme', environments: { prod: { purpose: 'production',
  servers: { fe1: { address: '127.0.0.1', roles: ['frontend', 'controller'], ports: { http: 80, https: %d } } },
  zones: { Global: { allServers: true } } } } }`, port)
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	year := time.Now().Add(365 * 24 * time.Hour)

	good := source(serve(year))
	if code, out, errOut := run(t, "certificates", "-f", good, "--ca", caFile); code != 0 || !strings.Contains(out, "server fe1") || !strings.Contains(out, "(chain only)") || !strings.Contains(out, "1 ok, 0 WARN, 0 FAIL") {
		t.Errorf("with the CA: exit %d\n%s%s", code, out, errOut)
	}
	if code, out, _ := run(t, "certificates", "-f", good); code != 1 || !strings.Contains(out, "is not trusted") || !strings.Contains(out, "--ca") {
		t.Errorf("without the CA: exit %d, want 1 and why\n%s", code, out)
	}
	code, out, _ := run(t, "certificates", "-f", good, "--ca", caFile, "--format", "json")
	var results []struct {
		Env, Kind, PresentedBy, Endpoint, Name, Verdict string
		NotAfter                                        time.Time
		DaysLeft                                        int
	}
	if err := json.Unmarshal([]byte(out), &results); code != 0 || err != nil || len(results) != 1 ||
		results[0].PresentedBy != "server fe1" || results[0].Kind != "server" || results[0].Verdict != "ok" || results[0].DaysLeft < 364 {
		t.Errorf("--format json: exit %d, %v, %+v\n%s", code, err, results, out)
	}
	soon := source(serve(time.Now().Add(10 * 24 * time.Hour)))
	if code, out, _ := run(t, "certificates", "-f", soon, "--ca", caFile); code != 0 || !strings.Contains(out, "Warnings:") || !strings.Contains(out, "renew it") {
		t.Errorf("near expiry: exit %d, want 0 and a warning\n%s", code, out)
	}
	if code, out, _ := run(t, "certificates", "-f", soon, "--ca", caFile, "--strict"); code != 1 || !strings.Contains(out, "renew it") {
		t.Errorf("near expiry, --strict: exit %d, want 1\n%s", code, out)
	}
	if code, out, _ := run(t, "certificates", "-f", soon, "--ca", caFile, "--warn-days", "5"); code != 0 || strings.Contains(out, "Warnings:") {
		t.Errorf("near expiry, --warn-days 5: exit %d, want 0 and no warning\n%s", code, out)
	}
	cfg := filepath.Join(dir, "zonegen.yaml")
	if err := os.WriteFile(cfg, []byte("certificates-ca: ["+caFile+"]\ncertificates-warn-days: 5\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, out, errOut := run(t, "certificates", "-f", soon, "--config", cfg); code != 0 || strings.Contains(out, "Warnings:") || !strings.Contains(out, "1 ok") {
		t.Errorf("near expiry, zonegen.yaml certificates-warn-days 5 and certificates-ca: exit %d, want 0 and no warning\n%s%s", code, out, errOut)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	if code, out, _ := run(t, "certificates", "-f", source(closed), "--ca", caFile); code != 1 || !strings.Contains(out, "Failures:") || !strings.Contains(out, fmt.Sprintf("server fe1 at 127.0.0.1:%d", closed)) {
		t.Errorf("nothing listening: exit %d, want 1 naming the endpoint\n%s", code, out)
	}
	plain := filepath.Join(dir, "plain.jsonnet")
	if err := os.WriteFile(plain, []byte(`{ name: 'acme', environments: { prod: { purpose: 'production', hostname: 'fe1.acme.test',
  servers: { fe1: { address: 'fe1.acme.test', roles: ['frontend', 'controller'], tls: false } }, zones: { Global: { allServers: true } } } } }`), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, out, _ := run(t, "certificates", "-f", plain); code != 0 || !strings.Contains(out, "nothing to check") {
		t.Errorf("no certificate: exit %d, want 0 and nothing to check\n%s", code, out)
	}
	if code, out, _ := run(t, "certificates", "-f", plain, "--format", "json"); code != 0 || strings.TrimSpace(out) != "[]" {
		t.Errorf("no certificate, json: exit %d, want 0 and []\n%s", code, out)
	}
	for _, args := range [][]string{{"--warn-days", "0"}, {"--dial-timeout", "0s"}, {"--ca", filepath.Join(dir, "missing.pem")}, {"--format", "yaml"}} {
		if code, _, errOut := run(t, append([]string{"certificates", "-f", good}, args...)...); code != 2 || errOut == "" {
			t.Errorf("%v: exit %d, want 2 with a message\n%s", args, code, errOut)
		}
	}
}
