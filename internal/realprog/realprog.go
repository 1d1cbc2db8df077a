// Package realprog finds the real programs the tests check generated files with (nginx,
// haproxy, ansible, dot). Outside CI a missing program skips the test with a one-line reason;
// with CI=true it fails it, because CI must prove every output with the real program.
package realprog

import (
	"os"
	"os/exec"
	"testing"
)

// Require returns the path of program, or skips (fails in CI) the test when it is missing.
func Require(t testing.TB, program string) string {
	t.Helper()
	path, err := exec.LookPath(program)
	if err == nil {
		return path
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s is not installed; CI needs it (run `make deps`)", program)
	}
	t.Skipf("%s is not installed (run `make deps`)", program)
	return ""
}
