package nginxconf

import (
	"bytes"
	_ "embed"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"text/template"
)

//go:embed wrapper.conf.tmpl
var wrapperText string

var wrapper = template.Must(template.New("wrapper.conf.tmpl").Option("missingkey=error").Funcs(template.FuncMap{
	"q":         quote,
	"join":      filepath.Join,
	"tempPaths": func() []string { return []string{"client_body", "proxy", "fastcgi", "uwsgi", "scgi"} },
}).Parse(wrapperText))

// Main is a wrapper main configuration. The zero values of the tuning fields leave nginx's
// defaults, which is what `nginx -t` wants; the lab sets them to run nginx.
type Main struct {
	Dir     string   // private folder for nginx.conf, the pid file and temp paths
	Modules []string // load_module paths (Debian builds stream{} as a dynamic module)
	HTTP    []string // files included inside http{}, in order
	Stream  []string // files included inside stream{}, in order

	Workers           int    // worker_processes; 0: nginx's default
	WorkerConnections int    // 0: nginx's default
	LogLevel          string // error_log level on stderr; "": nginx's default (error)
	NoTempFiles       bool   // proxy_max_temp_file_size 0: buffer responses in memory only
}

// Write writes m.Dir/nginx.conf (creating m.Dir and its temp folder) and returns its path.
func Write(m Main) (string, error) {
	var b bytes.Buffer
	if err := wrapper.Execute(&b, m); err != nil {
		return "", err
	}
	if err := os.MkdirAll(filepath.Join(m.Dir, "tmp"), 0o755); err != nil {
		return "", fmt.Errorf("nginx wrapper folder: %w", err)
	}
	conf := filepath.Join(m.Dir, "nginx.conf")
	if err := os.WriteFile(conf, b.Bytes(), 0o644); err != nil {
		return "", fmt.Errorf("nginx wrapper config: %w", err)
	}
	return conf, nil
}

// TestArgs are the arguments of `nginx -t` on the wrapper conf written into dir: quiet, with
// its prefix in dir and errors on stderr (notes/proxies.md §4).
func TestArgs(dir, conf string) []string {
	return []string{"-t", "-q", "-p", dir + string(filepath.Separator), "-c", conf, "-e", "stderr"}
}

// quote makes s one nginx double-quoted string; nginx reads \" and \\ inside one.
func quote(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}
