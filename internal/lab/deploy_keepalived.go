package lab

// keepalived of a Deployment's machine (failover addresses): each machine with an interface
// runs the real keepalived, in a network namespace of its own (unshare -rn) that holds the
// interface its files name, so that neither keepalived -t nor the daemon ever touches this
// machine's network. The namespace has no link to the others': each keepalived holds its
// addresses alone, which is all a deployment needs to see (the files load, a reload reads
// the new ones). generators/keepalived_linux_test.go moves an address between two.

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

// keepalivedVars writes machine m's keepalived wrapper and returns the role's variables that
// point keepalived, its folder, its main config and the sysctl into m's prefix. The sysctl
// is not applied (it is this machine's): applying it copies the file beside it
// (SysctlApplied) and sets a stand-in for its live value (SysctlLive).
func (d *Deployment) keepalivedVars(m *deployMachine) map[string]any {
	main := d.KeepalivedMainConfig(m.plan.Name)
	bin := filepath.Join(filepath.Dir(main), "keepalived")
	// The interface as a veth end, up with its peer: keepalived refuses lo, and this
	// kernel may have no dummy module.
	script := fmt.Sprintf(`#!/bin/sh
exec unshare -rn sh -c 'ip link add %[1]s type veth peer name zgpeer0 && ip link set %[1]s up && ip link set zgpeer0 up && exec keepalived "$@"' keepalived "$@"
`, m.plan.Interface)
	reload := d.serve(m, "keepalived", func() error { return d.reloadKeepalived(m, bin, main) })
	// An error here fails the plays' first keepalived -t, naming the wrapper.
	if err := writeFiles(map[string]string{bin: script}); err == nil {
		_ = os.Chmod(bin, 0o755)
	}
	sysctl := d.SysctlFile(m.plan.Name)
	_ = os.MkdirAll(filepath.Dir(sysctl), 0o755) // as on Debian: /etc/sysctl.d exists
	return map[string]any{
		"zonegen_keepalived_bin":         bin,
		"zonegen_keepalived_dir":         d.KeepalivedDir(m.plan.Name),
		"zonegen_keepalived_main_config": main,
		"zonegen_keepalived_reload":      reload,
		"zonegen_sysctl_file":            sysctl,
		"zonegen_sysctl_live":            d.SysctlLive(m.plan.Name),
		"zonegen_sysctl_apply":           fmt.Sprintf("sh -c 'cp %s %s && echo 1 > %s'", sysctl, d.SysctlApplied(m.plan.Name), d.SysctlLive(m.plan.Name)),
		"zonegen_sysctl_reset":           fmt.Sprintf("sh -c 'echo 0 > %s'", d.SysctlLive(m.plan.Name)),
	}
}

// reloadKeepalived is systemctl reload-or-restart keepalived: a SIGHUP to the running one,
// else a start in the foreground (Debian's unit does not start without a configuration).
func (d *Deployment) reloadKeepalived(m *deployMachine, bin, main string) error {
	m.mu.Lock()
	k := m.keepalived
	m.mu.Unlock()
	if k != nil && !k.Exited() {
		return k.Signal(syscall.SIGHUP)
	}
	d.lab.mu.Lock()
	defer d.lab.mu.Unlock()
	if d.lab.closed {
		return errStopped
	}
	dir := filepath.Dir(main)
	p, err := Start(dir, bin, "-n", "-l", "-D", "-P", "-f", main, // -D logs each file read (KeepalivedRead)
		"-p", filepath.Join(dir, "keepalived.pid"), "-r", filepath.Join(dir, "vrrp.pid"))
	if err != nil {
		return err
	}
	d.lab.procs = append(d.lab.procs, p)
	m.mu.Lock()
	m.keepalived = p
	m.mu.Unlock()
	return nil
}

// KeepalivedLog is what machine's keepalived wrote so far, "" before the plays started it.
func (d *Deployment) KeepalivedLog(machine string) string {
	if m := d.machines[machine]; m != nil {
		m.mu.Lock()
		defer m.mu.Unlock()
		if m.keepalived != nil {
			return m.keepalived.Output()
		}
	}
	return ""
}

// KeepalivedRead lists the files machine's keepalived read at its last start or reload, in
// its order: the main config, then each included file.
func (d *Deployment) KeepalivedRead(machine string) []string {
	log := d.KeepalivedLog(machine)
	opening := "Opening file '" + d.KeepalivedMainConfig(machine) + "'."
	i := strings.LastIndex(log, opening)
	if i < 0 {
		return nil
	}
	var files []string
	for _, line := range strings.Split(log[i:], "\n") {
		if _, rest, ok := strings.Cut(line, "Opening file '"); ok {
			files = append(files, strings.TrimSuffix(rest, "'."))
		}
	}
	return files
}

// KeepalivedDir is where the plays put machine's keepalived files
// (zonegen_keepalived_dir), and KeepalivedMainConfig its keepalived.conf.
func (d *Deployment) KeepalivedDir(machine string) string {
	return filepath.Join(d.Dir, machine, "keepalived", "zonegen")
}

// KeepalivedMainConfig is machine's keepalived.conf (zonegen_keepalived_main_config).
func (d *Deployment) KeepalivedMainConfig(machine string) string {
	return filepath.Join(d.Dir, machine, "keepalived", "keepalived.conf")
}

// SysctlFile is machine's sysctl file (zonegen_sysctl_file), in its prefix.
func (d *Deployment) SysctlFile(machine string) string {
	return filepath.Join(d.Dir, machine, "sysctl.d", "60-zonegen.conf")
}

// SysctlApplied is the copy of machine's sysctl file its zonegen_sysctl_apply made, the
// last time the plays applied it.
func (d *Deployment) SysctlApplied(machine string) string {
	return filepath.Join(d.Dir, machine, "sysctl.applied")
}

// SysctlLive stands for machine's /proc/sys/net/ipv4/ip_nonlocal_bind
// (zonegen_sysctl_live): absent, the value is not 1.
func (d *Deployment) SysctlLive(machine string) string {
	return filepath.Join(d.Dir, machine, "ip_nonlocal_bind")
}
