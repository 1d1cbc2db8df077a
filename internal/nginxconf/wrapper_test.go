package nginxconf

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A folder name cannot end the quoted string and add a directive of its own.
func TestWriteQuotesPaths(t *testing.T) {
	dir := filepath.Join(t.TempDir(), `a"; daemon on; #\`)
	conf, err := Write(Main{Dir: dir, HTTP: []string{filepath.Join(dir, "x.conf")}})
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(conf)
	if err != nil {
		t.Fatal(err)
	}
	want := `include "` + strings.ReplaceAll(filepath.Dir(dir), `\`, `\\`) + `/a\"; daemon on; #\\/x.conf";`
	if !strings.Contains(string(b), want) {
		t.Errorf("wrapper lacks %s:\n%s", want, b)
	}
}

// The tuning fields are what separates the lab's running nginx from `nginx -t`.
func TestWriteTuning(t *testing.T) {
	dir := t.TempDir()
	conf, err := Write(Main{Dir: dir, Stream: []string{"s.conf"}, Workers: 1, WorkerConnections: 512, LogLevel: "notice", NoTempFiles: true})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(conf)
	got := string(b)
	for _, want := range []string{"worker_processes 1;\n", "error_log stderr notice;\n", "events { worker_connections 512; }\n", "stream {\n    include \"s.conf\";\n}\n"} {
		if !strings.Contains(got, want) {
			t.Errorf("wrapper lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "http {") || strings.Contains(got, "proxy_max_temp_file_size") {
		t.Errorf("http{} without HTTP includes:\n%s", got)
	}
	conf, _ = Write(Main{Dir: dir, HTTP: []string{"h.conf"}})
	b, _ = os.ReadFile(conf)
	got = string(b)
	for _, want := range []string{"error_log stderr;\n", "events {}\n", `proxy_temp_path "` + dir + `/tmp/proxy";`} {
		if !strings.Contains(got, want) {
			t.Errorf("wrapper lacks %q:\n%s", want, got)
		}
	}
}
