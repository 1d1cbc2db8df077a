package lab

// Deployment: the generated Ansible's Linux side run against this machine (issue 11). Each
// Linux machine of the plan becomes its own nginx or HAProxy, started from a prefix of its
// own shaped like Debian's packages; an inventory of the Deployment's own points every
// machine at localhost (local connection) and every destination into that prefix. The plays
// then do what they do on a real machine: check, copy, prune, reload.

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
	proc    *Process
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
				vars, err = d.startHAProxy(ctx, dm, l.folders(m.Name))
			}
			if err != nil {
				return nil, fmt.Errorf("lab: machine %s: %w", m.Name, err)
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

// folders are the fragment folders HAProxy machine m loads (the role's zonegen_folders):
// <env>/lb for each pool it runs, <env>/proxy for each proxy, sorted.
func (l *Lab) folders(m string) []string {
	var out []string
	for _, env := range l.Plan.Environments {
		for _, z := range env.Zones {
			if slices.Contains(z.LBMachines, m) {
				out = append(out, env.Name+"/lb")
			}
		}
		for _, p := range env.Proxies {
			if slices.Contains(p.Machines, m) {
				out = append(out, env.Name+"/proxy")
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
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
}
`, m.dir),
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
		"zonegen_nginx_reload":       "nginx -s reload -c " + main,
	}, nil
}

// startHAProxy writes a main config with one listener of its own (to see it start) and
// starts HAProxy in master-worker mode on it and on the fragment folders the role loads
// (Debian's EXTRAOPTS, which the role sets for the next start); it returns the machine's
// inventory variables.
func (d *Deployment) startHAProxy(ctx context.Context, m *deployMachine, folders []string) (map[string]any, error) {
	ip := nextIP()
	port, err := FreePort(ip)
	if err != nil {
		return nil, err
	}
	m.pidFile = filepath.Join(m.dir, "haproxy.pid")
	main := filepath.Join(m.dir, "haproxy.cfg")
	args := []string{"-W", "-db", "-p", m.pidFile, "-f", main}
	for _, f := range folders {
		p := filepath.Join(m.dir, "zonegen", filepath.FromSlash(f))
		if err := os.MkdirAll(p, 0o755); err != nil {
			return nil, err
		}
		args = append(args, "-f", p)
	}
	listen := net.JoinHostPort(ip, strconv.Itoa(port))
	if err := writeFiles(map[string]string{
		filepath.Join(m.dir, "haproxy.defaults"): "",
		main: `global
    log stderr format raw local0 err
defaults
    mode http
    timeout connect 2s
    timeout client 5s
    timeout server 5s
listen zonegen_lab_started
    bind ` + listen + `
    http-request return status 200
`,
	}); err != nil {
		return nil, err
	}
	if err := d.start(ctx, m, "haproxy", args...); err != nil {
		return nil, err
	}
	wctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := m.proc.WaitListening(wctx, listen); err != nil {
		return nil, fmt.Errorf("haproxy: %w\n%s", err, m.proc.Output())
	}
	return map[string]any{
		"zonegen_haproxy_dir":         filepath.Join(m.dir, "zonegen"),
		"zonegen_haproxy_main_config": main,
		"zonegen_haproxy_defaults":    filepath.Join(m.dir, "haproxy.defaults"),
		"zonegen_haproxy_reload":      "sh -c 'kill -USR2 $(cat " + m.pidFile + ")'",
	}, nil
}

// start runs the engine as one of the lab's processes and waits for its workers.
func (d *Deployment) start(ctx context.Context, m *deployMachine, name string, args ...string) error {
	p, err := Start(m.dir, name, args...)
	if err != nil {
		return err
	}
	d.lab.mu.Lock()
	d.lab.procs = append(d.lab.procs, p)
	d.lab.mu.Unlock()
	m.proc = p
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
	out, err := cmd.CombinedOutput()
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
	if m := d.machines[machine]; m != nil && m.proc != nil {
		return m.proc.Output()
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
