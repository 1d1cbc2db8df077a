//go:build unix

package lab_test

import (
	"fmt"
	"net"
	"os"
	"testing"
	"time"

	"github.com/zonegen/zonegen/internal/lab"
)

// blockEnv makes TestBlockCaller print its process's address block instead of a test.
const blockEnv = "ZONEGEN_LAB_TEST_BLOCK"

func TestBlockCaller(t *testing.T) {
	if os.Getenv(blockEnv) == "" {
		t.Skip("a helper of TestProcessesGetAddressBlocksOfTheirOwn")
	}
	fmt.Printf("block %d\n", lab.Block())
	time.Sleep(60 * time.Second) // holds the block until the test kills this process
}

// Issue 16: two processes running labs at once never draw the same addresses: each holds a
// /16 of its own (the claim is an abstract socket only the holder can bind), however their
// pids fall.
func TestProcessesGetAddressBlocksOfTheirOwn(t *testing.T) {
	mine := lab.Block()
	if _, err := net.Listen("unix", fmt.Sprintf("@zonegen-lab-127.%d", mine)); err == nil {
		t.Fatalf("block %d is not claimed: another process could take it", mine)
	}
	seen := map[int]bool{mine: true}
	for range 3 {
		_, sc := startHelper(t, "TestBlockCaller", blockEnv+"=1")
		var b int
		for sc.Scan() {
			if _, err := fmt.Sscanf(sc.Text(), "block %d", &b); err == nil {
				break
			}
		}
		if b < 10 || b > 249 || seen[b] {
			t.Fatalf("a process running at once got block %d; taken: %v", b, seen)
		}
		seen[b] = true
	}
}
