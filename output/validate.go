package output

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
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
	return Run(ctx, c.Timeout, filepath.Dir(file), words)
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

// globMatch matches a slash-separated relative path; a malformed pattern matches nothing.
func globMatch(pattern, rel string) bool {
	ok, err := path.Match(pattern, rel)
	return err == nil && ok
}

// Run executes argv in dir within the timeout (0: DefaultTimeout), and on timeout kills
// the process group it started; the error holds the combined output. Validators written
// outside this package (nginxconf.Include) run their programs with it.
func Run(ctx context.Context, timeout time.Duration, dir string, argv []string) error {
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
