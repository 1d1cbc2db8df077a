package main

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
)

// memoryBound is the heap a build may use and what sets it (issue 16): the lower of
// --max-memory and a share of each limit the machine puts on the process. Past the
// address-space limit (ulimit -v) an allocation fails and the Go runtime ends the process
// with a dump; past a cgroup's limit the kernel kills it without a word. The watchdog sees
// an allocation once it is made, not while (metrics.Read waits while the runtime makes a
// huge one), so the one allocation that crosses the bound must itself still fit: a value
// that doubles (a string added to itself) needs three times the bound mapped at once, so the
// bound is a quarter of the address space (which also holds the runtime's reservations and
// the collector's garbage). A cgroup counts only the pages touched, so half of its limit
// leaves the other half for the crossing allocation, touched whole. One allocation larger
// than all that is left is past any bound (evalchild.go).
type memoryBound struct {
	bytes int64
	why   string // for the message: "--max-memory", "a quarter of the 4096 MiB address-space limit (ulimit -v)"
}

// machineLimit is one limit the machine puts on the process's memory, and the share of it
// a build may use.
type machineLimit struct {
	bytes int64
	what  string
	share share
}

type share struct {
	divisor int64
	word    string
}

var (
	half    = share{2, "half"}
	quarter = share{4, "a quarter"}
)

// boundMemory picks the bound from --max-memory (0: none of the user's own) and the
// machine's limits; 0 bytes when nothing bounds the build.
func boundMemory(maxMiB int, machine []machineLimit) memoryBound {
	var b memoryBound
	if maxMiB > 0 {
		b = memoryBound{int64(maxMiB) << 20, "--max-memory"}
	}
	for _, l := range machine {
		if l.bytes <= 0 {
			continue
		}
		if n := l.bytes / l.share.divisor; b.bytes == 0 || n < b.bytes {
			b = memoryBound{n, fmt.Sprintf("%s of the %d MiB %s", l.share.word, l.bytes>>20, l.what)}
		}
	}
	return b
}

// cgroupMemoryLimit returns the lowest memory limit of the cgroup the process is in and of
// its parents: memory.max (cgroup v2) or memory.limit_in_bytes (v1), read below root (the
// /sys/fs/cgroup mount) at the paths procCgroup (/proc/self/cgroup) names. In a container
// the named path often does not exist under the mount (it is the host's), so every parent up
// to the mount's root is read too, and the container's own limit is found there.
func cgroupMemoryLimit(root string, procCgroup []byte) (int64, string) {
	var low int64
	var where string
	consider := func(file string) {
		data, err := os.ReadFile(file)
		if err != nil {
			return
		}
		v := strings.TrimSpace(string(data))
		n, err := strconv.ParseInt(v, 10, 64)
		// "max" (v2) and the page-rounded MaxInt64 (v1) mean no limit.
		if err != nil || n <= 0 || n >= 1<<62 {
			return
		}
		if low == 0 || n < low {
			low, where = n, file
		}
	}
	sc := bufio.NewScanner(bytes.NewReader(procCgroup))
	for sc.Scan() {
		// hierarchy-ID:controllers:path
		parts := strings.SplitN(sc.Text(), ":", 3)
		if len(parts) != 3 {
			continue
		}
		dir, file := "", ""
		switch {
		case parts[0] == "0" && parts[1] == "":
			dir, file = root, "memory.max"
		case hasController(parts[1], "memory"):
			dir, file = filepath.Join(root, "memory"), "memory.limit_in_bytes"
		default:
			continue
		}
		for p := path.Clean("/" + parts[2]); ; p = path.Dir(p) {
			consider(filepath.Join(dir, filepath.FromSlash(p), file))
			if p == "/" {
				break
			}
		}
	}
	if low == 0 {
		return 0, ""
	}
	return low, "cgroup memory limit (" + where + ")"
}

func hasController(list, name string) bool {
	for _, c := range strings.Split(list, ",") {
		if c == name {
			return true
		}
	}
	return false
}
