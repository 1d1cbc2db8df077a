package review

import (
	"errors"
	"fmt"
	"strings"
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

// parseHosts returns the names of a hosts file's managed block, each with its address
// (R7: lines `127.0.0.1 name [name...]` between "# BEGIN zonegen" and "# END zonegen",
// CRLF). A file without the markers is read whole.
func parseHosts(data []byte) (map[string]string, error) {
	text := strings.ReplaceAll(string(data), "\r\n", "\n")
	if i := strings.Index(text, "# BEGIN zonegen"); i >= 0 {
		j := strings.Index(text[i:], "# END zonegen")
		if j < 0 {
			return nil, errors.New("managed block has no end")
		}
		text = text[i : i+j]
	}
	m := map[string]string{}
	for _, l := range strings.Split(text, "\n") {
		if c := strings.IndexByte(l, '#'); c >= 0 {
			l = l[:c]
		}
		f := strings.Fields(l)
		switch len(f) {
		case 0:
			continue
		case 1:
			return nil, fmt.Errorf("hosts line %q has no name", l)
		}
		for _, name := range f[1:] {
			m[name] = f[0]
		}
	}
	return m, nil
}

// hosts compares the names one server maps in its hosts file.
func hosts(env, server string, oldData, newData []byte) []string {
	o, oerr := parseHosts(oldData)
	n, nerr := parseHosts(newData)
	if !parsed(oldData, newData, oerr, nerr) {
		return nil
	}
	if o == nil {
		o = map[string]string{}
	}
	if n == nil {
		n = map[string]string{}
	}
	entry := func(name, addr string) string {
		if addr == "127.0.0.1" {
			return name
		}
		return name + " → " + addr
	}
	var out []string
	gone, added := setDiff(o, n)
	for _, name := range added {
		out = append(out, fmt.Sprintf("hosts: + %s on %s (%s)", entry(name, n[name]), server, env))
	}
	for _, name := range gone {
		out = append(out, fmt.Sprintf("hosts: - %s on %s (%s)", entry(name, o[name]), server, env))
	}
	for _, name := range common(o, n) {
		if o[name] != n[name] {
			out = append(out, fmt.Sprintf("hosts: %s address %s on %s (%s)", name, arrow(o[name], n[name]), server, env))
		}
	}
	return out
}
