package zonegen_test

import (
	"os"
	"os/exec"
	"testing"

	"github.com/zonegen/zonegen/internal/realprog"
)

// zonegen builds for the Windows workstations OutSystems platform teams work on, not only for
// the Linux that verify needs: generate, check and diff run there, and verify refuses with a
// message (lab.Supported). go vet type-checks every package and test for Windows, so a
// Unix-only call outside a build-tagged file fails here and not on a user's machine. macOS
// builds with the Unix files.
func TestBuildsForWindows(t *testing.T) {
	t.Parallel()
	goBin := realprog.Require(t, "go")
	cmd := exec.Command(goBin, "vet", "./...")
	cmd.Env = append(os.Environ(), "GOOS=windows", "GOARCH=amd64", "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("GOOS=windows go vet ./...: %v\n%s", err, out)
	}
}
