package review

import (
	"errors"
	"fmt"
	"strings"

	"github.com/zonegen/zonegen/generators/hostsfile"
)

// parseMap reads an HAProxy map file: `key value` lines, "#" comments (notes/proxies.md
// §3). The value is the rest of the line, as HAProxy reads it.
func parseMap(data []byte) (map[string]string, error) {
	m := map[string]string{}
	for _, l := range strings.Split(string(data), "\n") {
		l = strings.TrimSpace(l)
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		key, value, ok := strings.Cut(l, " ")
		if !ok {
			if key, value, ok = strings.Cut(l, "\t"); !ok {
				return nil, fmt.Errorf("map line %q has no value", l)
			}
		}
		if _, dup := m[key]; !dup { // HAProxy keeps the first of duplicate keys
			m[key] = strings.TrimSpace(value)
		}
	}
	return m, nil
}

// routes compares the module paths a proxy routes (R6), one map line per path.
func routes(env, proxy string, oldData, newData []byte) []string {
	o, oerr := parseMap(oldData)
	n, nerr := parseMap(newData)
	if !parsed(oldData, newData, oerr, nerr) {
		return nil
	}
	switch {
	case oldData == nil:
		return []string{fmt.Sprintf("proxy %s added with %d route%s (%s)", proxy, len(n), plural(len(n)), env)}
	case newData == nil:
		return []string{fmt.Sprintf("proxy %s removed (%s)", proxy, env)}
	}
	var out []string
	gone, added := setDiff(o, n)
	for _, k := range added {
		out = append(out, fmt.Sprintf("route /%s added to proxy %s (%s)", k, proxy, env))
	}
	for _, k := range gone {
		out = append(out, fmt.Sprintf("route /%s removed from proxy %s (%s)", k, proxy, env))
	}
	for _, k := range common(o, n) {
		if o[k] != n[k] {
			out = append(out, fmt.Sprintf("route /%s moved %s on proxy %s (%s)", k, arrow(o[k], n[k]), proxy, env))
		}
	}
	return out
}

// parseHosts returns the names of a hosts file's managed block (R7), read by the codec that
// writes it. A file without the block is not one zonegen wrote, and is skipped.
func parseHosts(data []byte) (map[string]bool, error) {
	if data == nil {
		return map[string]bool{}, nil
	}
	block, found, err := hostsfile.Extract(data)
	if err != nil {
		return nil, err
	}
	if !found {
		return nil, errors.New("no managed block")
	}
	b, err := hostsfile.Parse(block)
	if err != nil {
		return nil, err
	}
	return set(b.Names()), nil
}

// hosts compares the names one server maps to itself in its hosts file.
func hosts(env, server string, oldData, newData []byte) []string {
	o, oerr := parseHosts(oldData)
	n, nerr := parseHosts(newData)
	if !parsed(oldData, newData, oerr, nerr) {
		return nil
	}
	var out []string
	gone, added := setDiff(o, n)
	for _, name := range added {
		out = append(out, fmt.Sprintf("hosts: + %s on %s (%s)", name, server, env))
	}
	for _, name := range gone {
		out = append(out, fmt.Sprintf("hosts: - %s on %s (%s)", name, server, env))
	}
	return out
}
