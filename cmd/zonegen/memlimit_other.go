//go:build !linux

package main

import (
	"os"
	"os/exec"
)

// machineLimits knows no machine limits off Linux; --max-memory alone bounds a build.
func machineLimits() []machineLimit { return nil }

// addressSpaceLimit and cgroupLimit: none known off Linux, so the evaluation stays in the
// process.
func addressSpaceLimit() int64 { return 0 }

func cgroupLimit() (int64, string) { return 0, "" }

func dieWithParent(*exec.Cmd) {}

func killedBySIGKILL(*os.ProcessState) bool { return false }

func firstToKill() {}
