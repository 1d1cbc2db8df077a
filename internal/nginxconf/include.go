package nginxconf

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/zonegen/zonegen/output"
)

// Include validates files that are included inside an http{} or stream{} block (the proxy
// and pool files), which `nginx -t` cannot test alone: it writes a wrapper main
// configuration (Write) in a private folder beside the staged file, so nothing live is
// touched, and runs `nginx -t` on it (TestArgs). It is the `generate --validate` twin of
// the lab's CheckNginx; the Ansible role (templates/ansible-role-linux-nginx.yml.tmpl)
// builds the deploy-time one in shell on the target machine.
type Include struct {
	Program string // nginx binary; "" for "nginx" on PATH
	Block   string // "http" (default) or "stream"
	// Modules are load_module paths the include needs; Debian builds stream{} as a
	// module: /usr/lib/nginx/modules/ngx_stream_module.so.
	Modules []string
	Timeout time.Duration // 0: output.DefaultTimeout
}

// Validator checks the generated files matching pattern (a path.Match glob on the relative
// path, e.g. "*/proxy/*.nginx.conf") before output.Write replaces them.
func (n Include) Validator(pattern string) output.Validator {
	return output.Func{Pattern: pattern, Name: n.String(), Check: n.Validate}
}

func (n Include) String() string {
	return fmt.Sprintf("`%s -t` (%s{} include)", n.program(), n.block())
}

func (n Include) program() string {
	if n.Program == "" {
		return "nginx"
	}
	return n.Program
}

func (n Include) block() string {
	if n.Block == "" {
		return "http"
	}
	return n.Block
}

// Validate runs `nginx -t` on a wrapper including file.
func (n Include) Validate(ctx context.Context, file string) error {
	m := Main{Modules: n.Modules}
	switch n.block() {
	case "http":
		m.HTTP = []string{file}
	case "stream":
		m.Stream = []string{file}
	default:
		return fmt.Errorf("nginx validator: block %q is neither http nor stream", n.block())
	}
	dir, err := os.MkdirTemp(filepath.Dir(file), ".nginx-check-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	m.Dir = dir
	conf, err := Write(m)
	if err != nil {
		return err
	}
	return output.Run(ctx, n.Timeout, dir, append([]string{n.program()}, TestArgs(dir, conf)...))
}
