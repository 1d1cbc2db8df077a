package lab

// Deployment: the generated Ansible's Linux side run against this machine (issue 11). Each
// Linux machine of the plan becomes its own nginx or HAProxy, started from a prefix of its
// own shaped like Debian's packages; an inventory of the Deployment's own points every
// machine at localhost (local connection) and every destination into that prefix. The plays
// then do what they do on a real machine: check, copy, prune, reload or restart.

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/zonegen/zonegen/output"
	"github.com/zonegen/zonegen/topology"
)

// Deployment is the Lab's plan deployed by the generated Ansible to this machine.
type Deployment struct {
	lab      *Lab
	Dir      string // the prefix: one folder per machine, the inventory, Ansible's home
	Tree     string // the generated tree the plays deploy (Generate writes it)
	machines map[string]*deployMachine
	env      []string
}

type deployMachine struct {
	plan    *topology.MachinePlan
	dir     string // <Dir>/<machine>
	pidFile string
	listen  string // HAProxy: its own listener, to see it start
	mu      sync.Mutex
	proc    *Process // the engine now (a restart replaces HAProxy's)
	// keepalived is the machine's keepalived once the plays first reloaded it, nil before
	// (deploy_keepalived.go).
	keepalived *Process
}

func (m *deployMachine) process() *Process {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.proc
}

// Deploy starts, under dir, one nginx or HAProxy per Linux machine of the lab's plan, with
// nothing of zonegen's loaded yet, and writes the inventory that points the plays at them.
// The processes are the lab's: Close stops them.
func (l *Lab) Deploy(ctx context.Context, dir string) (*Deployment, error) {
	d := &Deployment{lab: l, Dir: dir, Tree: filepath.Join(dir, "tree"), machines: map[string]*deployMachine{},
		env: AnsibleEnv(filepath.Join(dir, "home"))}
	hosts := map[string]any{}
	for _, env := range l.Plan.Environments {
		for _, m := range env.Machines {
			dm := &deployMachine{plan: m, dir: filepath.Join(dir, m.Name)}
			d.machines[m.Name] = dm
			var vars map[string]any
			var err error
			if m.Engine == topology.EngineNginx {
				vars, err = d.startNginx(ctx, dm)
			} else {
				vars, err = d.startHAProxy(ctx, dm)
			}
			if err != nil {
				return nil, fmt.Errorf("lab: machine %s: %w", m.Name, err)
			}
			// Every machine's keepalived folder is in its prefix: the survey lists it, and the
			// prune would act on this machine's own /etc/keepalived/zonegen otherwise.
			vars["zonegen_keepalived_dir"] = d.KeepalivedDir(m.Name)
			if m.Interface != "" {
				for k, v := range d.keepalivedVars(dm) {
					vars[k] = v
				}
			}
			vars["zonegen_tree"] = d.Tree
			hosts[m.Name] = vars
		}
	}
	inv := map[string]any{"all": map[string]any{"hosts": hosts, "vars": map[string]any{
		"ansible_connection": "local", "ansible_python_interpreter": "/usr/bin/python3"}}}
	b, err := json.MarshalIndent(inv, "", "  ")
	if err != nil {
		return nil, err
	}
	if err := writeFiles(map[string]string{filepath.Join(dir, "inventory", "hosts.yml"): string(b)}); err != nil {
		return nil, err
	}
	return d, nil
}

// startNginx writes a main config shaped like Debian's (modules, then conf.d inside http{})
// and starts nginx on it; it returns the machine's inventory variables.
func (d *Deployment) startNginx(ctx context.Context, m *deployMachine) (map[string]any, error) {
	stream, err := nginxStreamModule()
	if err != nil {
		return nil, err
	}
	m.pidFile = filepath.Join(m.dir, "nginx.pid")
	main := filepath.Join(m.dir, "nginx.conf")
	if err := os.MkdirAll(filepath.Join(m.dir, "conf.d"), 0o755); err != nil {
		return nil, err
	}
	if err := writeFiles(map[string]string{
		filepath.Join(m.dir, "modules.conf"): "load_module " + stream + ";\n",
		main: fmt.Sprintf(`include %[1]s/modules.conf;
pid %[1]s/nginx.pid;
error_log stderr;
events {}
http {
    access_log off;
    client_body_temp_path %[1]s/temp/body;
    proxy_temp_path %[1]s/temp/proxy;
    fastcgi_temp_path %[1]s/temp/fastcgi;
    uwsgi_temp_path %[1]s/temp/uwsgi;
    scgi_temp_path %[1]s/temp/scgi;
    include %[1]s/conf.d/*.conf;
    include %[1]s/sites-enabled/*;
}
`, m.dir),
		d.defaultSite(m): d.defaultSiteConfig(m),
	}); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Join(m.dir, "temp"), 0o755); err != nil {
		return nil, err
	}
	if err := d.start(ctx, m, "nginx", "-c", main, "-g", "daemon off;"); err != nil {
		return nil, err
	}
	return map[string]any{
		"zonegen_nginx_dir":          filepath.Join(m.dir, "zonegen"),
		"zonegen_nginx_main_config":  main,
		"zonegen_nginx_http_include": filepath.Join(m.dir, "conf.d", "zonegen.conf"),
		"zonegen_nginx_modules":      filepath.Join(m.dir, "modules.conf"),
		"zonegen_nginx_default_site": d.defaultSite(m),
		"zonegen_nginx_reload":       "nginx -s reload -c " + main,
	}, nil
}

// defaultSite is where the machine's nginx has Debian's default site.
func (d *Deployment) defaultSite(m *deployMachine) string {
	return filepath.Join(m.dir, "sites-enabled", "default")
}

// defaultSiteConfig is Debian's default site, shaped as the nginx package installs it: the
// default server of port 80, here on the HTTP listener of every proxy the machine runs, so
// that it answers every Host the proxy does not name until the plays remove it.
func (d *Deployment) defaultSiteConfig(m *deployMachine) string {
	var listens strings.Builder
	for _, env := range d.lab.Plan.Environments {
		for _, p := range env.Proxies {
			if p.Listen.HTTP != 0 && slices.Contains(p.Machines, m.plan.Name) {
				fmt.Fprintf(&listens, "    listen %s default_server;\n", net.JoinHostPort(p.Listen.Address, strconv.Itoa(p.Listen.HTTP)))
			}
		}
	}
	if listens.Len() == 0 {
		return "# No proxy of this machine listens on HTTP.\n" // a server{} without listen would take *:80
	}
	return "server {\n" + listens.String() + "    server_name _;\n    return 200 \"" + DebianWelcome + "\\n\";\n}\n"
}

// DebianWelcome is the first line of the answer of the lab's stand-in for Debian's
// default site.
const DebianWelcome = "Welcome to nginx!"

// startHAProxy writes a main config with one listener of its own (to see it start) and an
// empty defaults file, and starts HAProxy on them in master-worker mode, as Debian's unit
// does on a fresh machine: no fragment folder is loaded until the plays set EXTRAOPTS and
// restart it (zonegen_haproxy_restart, served by serveRestarts). It returns the machine's
// inventory variables.
func (d *Deployment) startHAProxy(ctx context.Context, m *deployMachine) (map[string]any, error) {
	ip := nextIP()
	port, err := FreePort(ip)
	if err != nil {
		return nil, err
	}
	m.pidFile = filepath.Join(m.dir, "haproxy.pid")
	m.listen = net.JoinHostPort(ip, strconv.Itoa(port))
	if err := writeFiles(map[string]string{
		m.defaults(): "",
		m.haproxyMain(): `global
    log stderr format raw local0 err
defaults
    mode http
    timeout connect 2s
    timeout client 5s
    timeout server 5s
listen zonegen_lab_started
    bind ` + m.listen + `
    http-request return status 200
`,
	}); err != nil {
		return nil, err
	}
	if err := d.startHAProxyProcess(ctx, m); err != nil {
		return nil, err
	}
	restart := d.serve(m, "restart", func() error {
		_ = m.process().Stop()
		return d.startHAProxyProcess(context.Background(), m)
	})
	return map[string]any{
		"zonegen_haproxy_dir":         filepath.Join(m.dir, "zonegen"),
		"zonegen_haproxy_main_config": m.haproxyMain(),
		"zonegen_haproxy_defaults":    m.defaults(),
		"zonegen_haproxy_extraopts":   "-S unix@master.sock", // relative to m.dir: a socket path has at most 107 bytes
		"zonegen_haproxy_reload":      "sh -c 'kill -USR2 $(cat " + m.pidFile + ")'",
		"zonegen_haproxy_restart":     restart,
	}, nil
}

func (m *deployMachine) haproxyMain() string { return filepath.Join(m.dir, "haproxy.cfg") }
func (m *deployMachine) defaults() string    { return filepath.Join(m.dir, "haproxy.defaults") }

// startHAProxyProcess starts HAProxy as Debian's unit does: -f the main config, then the
// EXTRAOPTS of the defaults file.
func (d *Deployment) startHAProxyProcess(ctx context.Context, m *deployMachine) error {
	b, err := os.ReadFile(m.defaults())
	if err != nil {
		return err
	}
	args := []string{"-W", "-db", "-p", m.pidFile, "-f", m.haproxyMain()}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "EXTRAOPTS="); ok {
			args = append(args, strings.Fields(strings.Trim(v, `"`))...)
		}
	}
	if err := d.start(ctx, m, "haproxy", args...); err != nil {
		return err
	}
	wctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if p := m.process(); p != nil {
		if err := p.WaitListening(wctx, m.listen); err != nil {
			return fmt.Errorf("haproxy: %w\n%s", err, p.Output())
		}
	}
	return nil
}

// serve is a service manager of machine m for the plays, until the lab closes: the command
// it returns (a zonegen_*_reload or _restart variable) asks for do, waits for its answer (at
// most 10 s) and fails unless do succeeded.
func (d *Deployment) serve(m *deployMachine, name string, do func() error) string {
	request, answer := filepath.Join(m.dir, name+".request"), filepath.Join(m.dir, name+".answer")
	go func() {
		tick := time.NewTicker(50 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-d.lab.done:
				return
			case <-tick.C:
			}
			if err := os.Remove(request); err != nil {
				continue // no request
			}
			result := "ok"
			if err := do(); err != nil {
				result = name + " failed: " + err.Error()
			}
			// Atomically: the command waits for the file to exist, then reads it, and
			// os.WriteFile's create-then-write once let it read an empty answer (a soak flake).
			_, _ = output.WriteFileAtomic(answer, []byte(result+"\n"))
		}
	}()
	return fmt.Sprintf(`sh -c 'rm -f %[2]s; touch %[1]s; i=0; while [ ! -e %[2]s ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i+1)); done; cat %[2]s; [ "$(cat %[2]s)" = ok ]'`,
		request, answer)
}

// start runs the engine as one of the lab's processes and waits for its workers.
func (d *Deployment) start(ctx context.Context, m *deployMachine, name string, args ...string) error {
	d.lab.mu.Lock()
	if d.lab.closed {
		d.lab.mu.Unlock()
		return errStopped
	}
	p, err := Start(m.dir, name, args...)
	if err != nil {
		d.lab.mu.Unlock()
		return err
	}
	d.lab.procs = append(d.lab.procs, p)
	d.lab.mu.Unlock()
	m.mu.Lock()
	m.proc = p
	m.mu.Unlock()
	wctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	for d.Workers(m.plan.Name) == "" {
		if wctx.Err() != nil || p.Exited() {
			return fmt.Errorf("%s started no workers:\n%s", name, p.Output())
		}
		time.Sleep(20 * time.Millisecond)
	}
	return nil
}

// Generate writes files (as generated from the lab's plan, as it is now) as the tree the
// plays deploy, replacing the one before.
func (d *Deployment) Generate(files []output.File) error {
	if err := os.RemoveAll(d.Tree); err != nil {
		return err
	}
	all := map[string]string{}
	for _, f := range files {
		all[filepath.Join(d.Tree, filepath.FromSlash(f.Path))] = string(f.Data)
	}
	return writeFiles(all)
}

// Play runs the generated site.yml with the generated inventory and the Deployment's; it
// returns the output and an error when the run fails.
func (d *Deployment) Play(ctx context.Context, args ...string) (string, error) {
	return Playbook(ctx, d.env, d.Dir, d.Tree, args...)
}

// Playbook runs tree's ansible/site.yml in dir with tree's inventory and dir/inventory, in
// the environment env (AnsibleEnv); it returns the output and an error when the run fails.
func Playbook(ctx context.Context, env []string, dir, tree string, args ...string) (string, error) {
	all := append([]string{"-i", filepath.Join(tree, "ansible", "inventory.yml"), "-i", filepath.Join(dir, "inventory"),
		filepath.Join(tree, "ansible", "site.yml")}, args...)
	cmd := exec.CommandContext(ctx, "ansible-playbook", all...)
	cmd.Env = env
	cmd.Dir = dir
	out, err := combinedOutput(cmd)
	if err != nil {
		return string(out), fmt.Errorf("ansible-playbook %s: %w", strings.Join(args, " "), err)
	}
	return string(out), nil
}

// ZonegenDir is where the plays put machine's files (zonegen_nginx_dir, zonegen_haproxy_dir).
func (d *Deployment) ZonegenDir(machine string) string {
	return filepath.Join(d.Dir, machine, "zonegen")
}

// Log is what machine's engine wrote so far.
func (d *Deployment) Log(machine string) string {
	if m := d.machines[machine]; m != nil {
		if p := m.process(); p != nil {
			return p.Output()
		}
	}
	return ""
}

// Workers lists the pids of machine's engine workers, sorted: a reload replaces them all.
func (d *Deployment) Workers(machine string) string {
	m := d.machines[machine]
	if m == nil {
		return ""
	}
	b, err := os.ReadFile(m.pidFile)
	if err != nil {
		return ""
	}
	master := strings.TrimSpace(string(b))
	stats, _ := filepath.Glob("/proc/[0-9]*/stat")
	var kids []string
	for _, s := range stats {
		data, err := os.ReadFile(s)
		if err != nil {
			continue
		}
		// pid (comm) state ppid ...: comm may hold spaces, so read after the last ')'.
		f := strings.Fields(string(data[bytes.LastIndexByte(data, ')')+1:]))
		if len(f) > 1 && f[1] == master {
			kids = append(kids, filepath.Base(filepath.Dir(s)))
		}
	}
	slices.Sort(kids)
	return strings.Join(kids, " ")
}

// writeFiles writes each path's content, making its folders.
func writeFiles(files map[string]string) error {
	for p, s := range files {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// AnsibleEnv is the environment of an Ansible run kept inside home: its state, temporary
// folders and an empty configuration there, no colours, no retry files.
func AnsibleEnv(home string) []string {
	return append(os.Environ(),
		"HOME="+home,
		"ANSIBLE_HOME="+filepath.Join(home, ".ansible"),
		"ANSIBLE_LOCAL_TEMP="+filepath.Join(home, "tmp"),
		"ANSIBLE_REMOTE_TEMP="+filepath.Join(home, "remote"),
		"ANSIBLE_CONFIG="+filepath.Join(home, "none.cfg"),
		"ANSIBLE_NOCOLOR=1",
		"ANSIBLE_RETRY_FILES_ENABLED=0",
	)
}
