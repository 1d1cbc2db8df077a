package review

import (
	"bytes"
	"fmt"
	"sort"
	"strings"

	"github.com/zonegen/zonegen/output"
)

// Summarize returns one line per meaningful change, for example
//
//	app App1 moved DZ1 → DZ2 (prod)
//	route /app9 added to proxy www (prod)
//	hosts: + lb3.corp on fe4 (prod)
//
// LifeTime lines come first, then Service Center settings and apps, proxy routes and
// hosts entries, each group by environment and file. Unchanged files (whose bytes a no-op
// never reads), changes whose bytes are equal, and files of other kinds give no line.
func Summarize(changes []output.Change) []string {
	var found []line
	for _, ch := range changes {
		if ch.Action == output.Unchanged || ch.Old != nil && ch.New != nil && bytes.Equal(ch.Old, ch.New) {
			continue
		}
		segs := strings.Split(ch.Path, "/")
		var (
			texts []string
			group int
		)
		switch {
		case len(segs) == 2 && segs[1] == "lifetime.json":
			group, texts = 0, lifetime(ch.Old, ch.New)
		case len(segs) == 2 && segs[1] == "servicecenter.json":
			group, texts = 1, serviceCenter(segs[0], ch.Old, ch.New)
		case len(segs) == 3 && segs[1] == "proxy" && strings.HasSuffix(segs[2], ".haproxy.map"):
			group, texts = 2, routes(segs[0], strings.TrimSuffix(segs[2], ".haproxy.map"), ch.Old, ch.New)
		case len(segs) == 3 && segs[1] == "hosts" && strings.HasSuffix(segs[2], ".hosts"):
			group, texts = 3, hosts(segs[0], strings.TrimSuffix(segs[2], ".hosts"), ch.Old, ch.New)
		}
		for i, text := range texts {
			found = append(found, line{group: group, env: segs[0], path: ch.Path, seq: i, text: text})
		}
	}
	sort.Slice(found, func(i, j int) bool {
		a, b := found[i], found[j]
		if a.group != b.group {
			return a.group < b.group
		}
		if a.env != b.env {
			return a.env < b.env
		}
		if a.path != b.path {
			return a.path < b.path
		}
		return a.seq < b.seq
	})
	out := make([]string, len(found))
	for i, l := range found {
		out[i] = l.text
	}
	return out
}

type line struct {
	group     int
	env, path string
	seq       int
	text      string
}

// parsed reports whether a change has an old and a new side that parsed; a side that is
// absent is fine, a side that does not parse makes the whole file skipped.
func parsed(oldData, newData []byte, oldErr, newErr error) bool {
	return (oldData == nil || oldErr == nil) && (newData == nil || newErr == nil)
}

// setDiff returns the keys only in a and only in b, sorted.
func setDiff[V any](a, b map[string]V) (onlyA, onlyB []string) {
	for k := range a {
		if _, ok := b[k]; !ok {
			onlyA = append(onlyA, k)
		}
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			onlyB = append(onlyB, k)
		}
	}
	sort.Strings(onlyA)
	sort.Strings(onlyB)
	return onlyA, onlyB
}

// common returns the keys in both a and b, sorted.
func common[V any](a, b map[string]V) []string {
	var out []string
	for k := range a {
		if _, ok := b[k]; ok {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

func onOff(b bool) string {
	if b {
		return "on"
	}
	return "off"
}

func arrow(from, to any) string { return fmt.Sprintf("%v → %v", from, to) }
