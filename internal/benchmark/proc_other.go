//go:build !linux

package main

import (
	"os"
	"os/exec"
	"time"
)

func configureChild(*exec.Cmd) {}

// syncDir has no syncfs(2) to call outside Linux: the durable floor is then the unsynced one.
func syncDir(string) error { return nil }

// maxRSSKiB is unknown outside Linux (ru_maxrss is in bytes on some systems, KiB on others).
func maxRSSKiB(*os.ProcessState) int64 { return -1 }

func writtenBytes() int64 { return -1 }

// cpuTime is unknown outside Linux.
func cpuTime() time.Duration { return 0 }
