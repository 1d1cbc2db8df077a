//go:build !linux

package main

// machineLimits knows no machine limits off Linux; --max-memory alone bounds a build.
func machineLimits() []machineLimit { return nil }
