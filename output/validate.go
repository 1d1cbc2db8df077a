package output

import (
	"bytes"
	"context"
	_ "embed"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
	"text/template"
	"time"
)

// Validator checks a generated file before it replaces the live one, the way confd's
// check_cmd runs `nginx -t` on the staged file (peers.md: consul-template#1060, docker-gen#67
// are the open requests for it). Write copies every generated file into a staging folder
// that mirrors the output folder and runs each validator on the files it applies to that
// would change; any failure and nothing is replaced.
type Validator interface {
	// Applies reports whether the validator checks the file at rel (slash-separated,
	// relative to the output folder).
	Applies(rel string) bool
	// Validate checks the staged copy at path (absolute). The error carries what the
	// checking program printed; Write rewrites the staged path to the generated name.
	Validate(ctx context.Context, path string) error
	// String names the validator in errors.
	String() string
}

// DefaultTimeout bounds one validator run when its own Timeout is zero.
const DefaultTimeout = 30 * time.Second

// Command runs a program on each matching file. Command is split on spaces (no shell, so
// nothing in it is expanded) and "{}" in any word is replaced by the staged file's path,
// e.g. "haproxy -c -f {}" (not -q, which hides the reason). The program runs in the staged file's folder, so relative
// references between generated files resolve as they will in the output folder.
type Command struct {
	Pattern string        // path.Match glob on the relative path, e.g. "*/proxy/*.haproxy.cfg"
	Command string        // program and arguments, with "{}"
	Timeout time.Duration // 0: DefaultTimeout
}

// Applies implements Validator.
func (c Command) Applies(rel string) bool { return globMatch(c.Pattern, rel) }

func (c Command) String() string { return "`" + c.Command + "`" }

// Validate implements Validator.
func (c Command) Validate(ctx context.Context, file string) error {
	words := strings.Fields(c.Command)
	if len(words) == 0 {
		return errors.New("empty validator command")
	}
	if !strings.Contains(c.Command, "{}") {
		return fmt.Errorf("validator command %q has no {} placeholder for the file", c.Command)
	}
	for i, w := range words {
		words[i] = strings.ReplaceAll(w, "{}", file)
	}
	return run(ctx, c.Timeout, filepath.Dir(file), words)
}

// Func is a validator written in Go.
type Func struct {
	Pattern string
	Name    string
	Check   func(ctx context.Context, path string) error
}

// Applies implements Validator.
func (f Func) Applies(rel string) bool { return globMatch(f.Pattern, rel) }

func (f Func) String() string { return f.Name }

// Validate implements Validator.
func (f Func) Validate(ctx context.Context, file string) error { return f.Check(ctx, file) }

// nginxWrapper is the main configuration that includes a generated file for `nginx -t`.
//
//go:embed nginx-check.conf.tmpl
var nginxWrapper string

var nginxWrapperTpl = template.Must(template.New("nginx-check.conf.tmpl").Option("missingkey=error").Parse(nginxWrapper))

// NginxInclude validates files that are included inside an http{} or stream{} block (the
// proxy and pool files), which `nginx -t` cannot test alone. It writes a throwaway main
// configuration (pid, logs and temp paths in a private folder, so nothing live is
// touched) that includes the staged file, and runs
// `nginx -t -q -p DIR -c DIR/nginx.conf -e stderr` (notes/proxies.md §4).
type NginxInclude struct {
	Pattern string // path.Match glob on the relative path, e.g. "*/proxy/*.nginx.conf"
	Program string // nginx binary; "" for "nginx" on PATH
	Block   string // "http" (default) or "stream"
	// Modules are load_module paths the include needs; Debian builds stream{} as a
	// module: /usr/lib/nginx/modules/ngx_stream_module.so.
	Modules []string
	Timeout time.Duration // 0: DefaultTimeout
}

// Applies implements Validator.
func (n NginxInclude) Applies(rel string) bool { return globMatch(n.Pattern, rel) }

func (n NginxInclude) String() string {
	return fmt.Sprintf("`%s -t` (%s{} include)", n.program(), n.block())
}

func (n NginxInclude) program() string {
	if n.Program == "" {
		return "nginx"
	}
	return n.Program
}

func (n NginxInclude) block() string {
	if n.Block == "" {
		return "http"
	}
	return n.Block
}

// Validate implements Validator.
func (n NginxInclude) Validate(ctx context.Context, file string) error {
	if b := n.block(); b != "http" && b != "stream" {
		return fmt.Errorf("nginx validator: block %q is neither http nor stream", b)
	}
	dir, err := os.MkdirTemp(filepath.Dir(file), ".nginx-check-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	var conf bytes.Buffer
	data := map[string]any{"Dir": dir, "Include": file, "Block": n.block(), "Modules": n.Modules}
	if err := nginxWrapperTpl.Execute(&conf, data); err != nil {
		return err
	}
	main := filepath.Join(dir, "nginx.conf")
	if err := os.WriteFile(main, conf.Bytes(), 0o644); err != nil {
		return err
	}
	return run(ctx, n.Timeout, dir, []string{n.program(), "-t", "-q", "-p", dir + "/", "-c", main, "-e", "stderr"})
}

// globMatch matches a slash-separated relative path; a malformed pattern matches nothing.
func globMatch(pattern, rel string) bool {
	ok, err := path.Match(pattern, rel)
	return err == nil && ok
}

// run executes argv in dir within the timeout; the error holds the combined output.
func run(ctx context.Context, timeout time.Duration, dir string, argv []string) error {
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, argv[0], argv[1:]...)
	cmd.Dir = dir
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	cmd.WaitDelay = 2 * time.Second
	configureCmd(cmd)
	err := cmd.Run()
	if ctx.Err() == context.DeadlineExceeded {
		err = fmt.Errorf("timed out after %s", timeout)
	}
	if err != nil {
		if msg := strings.TrimSpace(out.String()); msg != "" {
			return fmt.Errorf("%w\n%s", err, msg)
		}
		return err
	}
	return nil
}

// ValidationFailure is one generated file a validator rejected.
type ValidationFailure struct {
	Path      string // relative to the output folder
	Validator string
	Err       error
}

// ValidationError is a write refused because validators rejected generated files.
// Nothing was replaced.
type ValidationError struct {
	Failures []ValidationFailure
}

func (e *ValidationError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "validation failed, nothing was written:")
	for _, f := range e.Failures {
		msg := strings.ReplaceAll(f.Err.Error(), "\n", "\n    ")
		fmt.Fprintf(&b, "\n  %s: %s: %s", f.Path, f.Validator, msg)
	}
	return b.String()
}
