package lab

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/zonegen/zonegen/internal/nginxconf"
)

// Process is a program the lab started: nginx or HAProxy in the foreground.
type Process struct {
	Name string
	// Socket is HAProxy's admin socket, "" for nginx.
	Socket  string
	cleanup func() // after the process ended
	cmd     *exec.Cmd
	group   *group
	out     lockedBuffer
	done    chan struct{} // closed once the process is reaped
	err     error         // its exit status, valid after done
	once    sync.Once
}

// Start runs name with args in dir, in a process group that dies with the caller (group):
// however the caller ends, even by SIGKILL, nothing it started keeps running.
func Start(dir, name string, args ...string) (*Process, error) {
	p := &Process{Name: name, done: make(chan struct{})}
	p.cmd = exec.Command(name, args...)
	p.cmd.Dir = dir
	p.cmd.Stdout = &p.out
	p.cmd.Stderr = &p.out
	g, err := startGrouped(p.cmd)
	if err != nil {
		return nil, fmt.Errorf("start %s: %w", name, err)
	}
	p.group = g
	go func() {
		p.err = p.cmd.Wait()
		close(p.done)
	}()
	return p, nil
}

// Pid is the program's process id.
func (p *Process) Pid() int { return p.cmd.Process.Pid }

// Signal sends sig to the program (not its group): keepalived reloads on SIGHUP.
func (p *Process) Signal(sig os.Signal) error { return p.cmd.Process.Signal(sig) }

// Output is everything the process wrote so far (its log: both programs log to stderr here).
func (p *Process) Output() string { return p.out.String() }

// Exited reports whether the process has ended.
func (p *Process) Exited() bool {
	select {
	case <-p.done:
		return true
	default:
		return false
	}
}

// Stop kills the process's group (the program, the workers it forked) with SIGKILL and reaps
// it. A lab keeps no state worth a graceful stop, and a signal a program must handle can be
// lost: nginx 1.22 takes a SIGTERM that arrives between installing its handlers and blocking
// signals in its master loop (its first milliseconds), logs "exiting", starts its workers
// anyway and waits for the next signal; a lab with nothing to probe stopped it in that window
// and waited 5 s (issue 16). It is safe to call more than once.
func (p *Process) Stop() error {
	p.once.Do(func() {
		p.group.kill()
		<-p.done
	})
	if p.cleanup != nil {
		p.cleanup()
	}
	return nil
}

// WaitListening polls until every addr accepts a TCP connection, the process exits, or ctx
// ends; polling is bounded by ctx (a 5 s default when ctx has no deadline).
func (p *Process) WaitListening(ctx context.Context, addrs ...string) error {
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, 5*time.Second)
		defer cancel()
	}
	if p.Socket != "" {
		// HAProxy creates its admin socket after binding its listeners.
		addrs = append(slices.Clip(addrs), "unix:"+p.Socket)
	}
	for _, addr := range addrs {
		network := "tcp"
		if a, ok := strings.CutPrefix(addr, "unix:"); ok {
			network, addr = "unix", a
		}
		for {
			if p.Exited() {
				return fmt.Errorf("%s exited (%v) before listening on %s:\n%s", p.Name, p.err, addr, p.Output())
			}
			d := net.Dialer{Timeout: 200 * time.Millisecond}
			c, err := d.DialContext(ctx, network, addr)
			if err == nil {
				c.Close()
				break
			}
			select {
			case <-ctx.Done():
				return fmt.Errorf("%s not listening on %s: %w\n%s", p.Name, addr, ctx.Err(), p.Output())
			case <-time.After(5 * time.Millisecond):
			}
		}
	}
	return nil
}

// NginxConfig is what the lab's wrapper main config includes.
type NginxConfig struct {
	// HTTPIncludes are included inside http{}, in order; StreamIncludes inside stream{}.
	HTTPIncludes   []string
	StreamIncludes []string
}

// WriteNginxConfig writes dir/nginx.conf, the wrapper main config (nginxconf) run in the
// foreground with one worker, every file it writes (pid, temp paths) under dir, and
// returns its path.
func WriteNginxConfig(dir string, cfg NginxConfig) (string, error) {
	m := nginxconf.Main{Dir: dir, HTTP: cfg.HTTPIncludes, Stream: cfg.StreamIncludes,
		Workers: 1, WorkerConnections: 512, LogLevel: "notice", NoTempFiles: true}
	if len(cfg.StreamIncludes) > 0 {
		mod, err := nginxStreamModule()
		if err != nil {
			return "", err
		}
		if mod != "" {
			m.Modules = []string{mod}
		}
	}
	return nginxconf.Write(m)
}

// CheckNginx runs `nginx -t` on a wrapper config including cfg's files.
func CheckNginx(dir string, cfg NginxConfig) error {
	conf, err := WriteNginxConfig(dir, cfg)
	if err != nil {
		return err
	}
	out, err := combinedOutput(exec.Command("nginx", nginxconf.TestArgs(dir, conf)...))
	if err != nil {
		return fmt.Errorf("nginx -t: %w\n%s", err, out)
	}
	// Warnings are failures here: a "conflicting server name" or an unoptimised map hash
	// passes -t but is a bug in a generated config.
	if bytes.Contains(out, []byte("[warn]")) {
		return fmt.Errorf("nginx -t: warnings:\n%s", out)
	}
	return nil
}

// StartNginx starts nginx in the foreground on a wrapper config including cfg's files. The
// caller waits for its listeners (WaitListening) and stops it.
func StartNginx(dir string, cfg NginxConfig) (*Process, error) {
	conf, err := WriteNginxConfig(dir, cfg)
	if err != nil {
		return nil, err
	}
	return Start(dir, "nginx", "-p", dir, "-c", conf, "-e", "stderr")
}

// WriteHAProxyGlobal writes dir/global.cfg, the lab's stand-in for
// /etc/haproxy/haproxy.cfg: no user, chroot or daemon, logs on stderr and, when socket is
// not "", an admin socket to read server states from. One thread, like the lab's one nginx
// worker: connections are then balanced in the order they arrive, which keeps round-robin
// assertions exact. It returns its path.
func WriteHAProxyGlobal(dir, socket string) (string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("haproxy lab folder: %w", err)
	}
	var b strings.Builder
	b.WriteString("# zonegen lab: global section loaded before the generated fragments\n")
	b.WriteString("global\n    maxconn 1024\n    nbthread 1\n    log stderr format raw local0 info\n")
	if socket != "" {
		fmt.Fprintf(&b, "    stats socket %q mode 600 level admin\n", socket)
	}
	g := filepath.Join(dir, "global.cfg")
	if err := os.WriteFile(g, []byte(b.String()), 0o644); err != nil {
		return "", fmt.Errorf("haproxy lab config: %w", err)
	}
	return g, nil
}

func haproxyArgs(global string, files []string) []string {
	args := []string{"-f", global}
	for _, f := range files {
		args = append(args, "-f", f)
	}
	return args
}

// CheckHAProxy runs `haproxy -c` on the lab global section followed by files. Warnings
// are failures (-dW).
func CheckHAProxy(dir string, files ...string) error {
	g, err := WriteHAProxyGlobal(dir, "")
	if err != nil {
		return err
	}
	out, err := combinedOutput(exec.Command("haproxy", append([]string{"-c", "-dW"}, haproxyArgs(g, files)...)...))
	if err != nil {
		return fmt.Errorf("haproxy -c: %w\n%s", err, out)
	}
	return nil
}

// StartHAProxy starts HAProxy in the foreground (-db) on the lab global section followed by
// files.
func StartHAProxy(dir string, files ...string) (*Process, error) {
	// A unix socket path has at most 97 bytes here; test folders can be longer.
	sockDir, err := os.MkdirTemp("", "zglab")
	if err != nil {
		return nil, fmt.Errorf("haproxy socket folder: %w", err)
	}
	socket := filepath.Join(sockDir, "haproxy.sock")
	g, err := WriteHAProxyGlobal(dir, socket)
	if err == nil {
		var p *Process
		if p, err = Start(dir, "haproxy", append([]string{"-db"}, haproxyArgs(g, files)...)...); err == nil {
			p.Socket = socket
			p.cleanup = func() { os.RemoveAll(sockDir) }
			return p, nil
		}
	}
	os.RemoveAll(sockDir)
	return nil, err
}

// ServerState is one server as a running HAProxy sees it.
type ServerState struct {
	Status string // UP, DOWN, "UP 1/2" (going down), MAINT...
	Check  string // last check result: L4OK, L7OK, L4CON, L7STS, L7RSP...; "" before the first
}

// HAProxyServers reads every server's state ("backend/server") from a running HAProxy's
// admin socket (Process.Socket).
func HAProxyServers(ctx context.Context, socket string) (map[string]ServerState, error) {
	var d net.Dialer
	c, err := d.DialContext(ctx, "unix", socket)
	if err != nil {
		return nil, fmt.Errorf("haproxy socket: %w", err)
	}
	defer c.Close()
	if dl, ok := ctx.Deadline(); ok {
		_ = c.SetDeadline(dl)
	}
	if _, err := io.WriteString(c, "show stat\n"); err != nil {
		return nil, fmt.Errorf("haproxy socket: %w", err)
	}
	rows, err := csv.NewReader(c).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("haproxy show stat: %w", err)
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("haproxy show stat: no header")
	}
	col := map[string]int{}
	for i, name := range rows[0] {
		col[strings.TrimPrefix(name, "# ")] = i
	}
	states := map[string]ServerState{}
	for _, r := range rows[1:] {
		sv := r[col["svname"]]
		if sv == "FRONTEND" || sv == "BACKEND" {
			continue
		}
		states[r[col["pxname"]]+"/"+sv] = ServerState{Status: r[col["status"]], Check: strings.TrimPrefix(r[col["check_status"]], "* ")}
	}
	return states, nil
}

var streamModule struct {
	once sync.Once
	path string
	err  error
}

// nginxStreamModule finds the stream module to load: "" when nginx has it built in, the
// .so in nginx's modules path when it is dynamic (Debian: libnginx-mod-stream).
func nginxStreamModule() (string, error) {
	streamModule.once.Do(func() {
		out, err := exec.Command("nginx", "-V").CombinedOutput()
		if err != nil {
			streamModule.err = fmt.Errorf("nginx -V: %w", err)
			return
		}
		v := string(out)
		if !strings.Contains(v, "--with-stream=dynamic") {
			return
		}
		dir := "/usr/lib/nginx/modules"
		for _, f := range strings.Fields(v) {
			if m, ok := strings.CutPrefix(f, "--modules-path="); ok {
				dir = m
			}
		}
		p := filepath.Join(dir, "ngx_stream_module.so")
		if _, err := os.Stat(p); err != nil {
			streamModule.err = fmt.Errorf("nginx stream module: %w (run `make deps`, or `apt-get install libnginx-mod-stream`)", err)
			return
		}
		streamModule.path = p
	})
	return streamModule.path, streamModule.err
}

// lockedBuffer collects a process's output while it runs.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
