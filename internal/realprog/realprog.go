// Package realprog finds the real programs the tests check generated files with (nginx,
// haproxy, ansible, dot). Outside CI a missing program skips the test with a one-line reason;
// with CI=true it fails it, because CI must prove every output with the real program.
package realprog

import (
	"os"
	"os/exec"
	"path/filepath"
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
