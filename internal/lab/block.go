package lab

import (
	"net"
	"os"
	"strconv"
	"sync"
)

// Every process that runs labs draws its addresses from a /16 of its own, 127.B.0.0/16 with
// B in 10-249, so that two test binaries, or a test and a `zonegen verify`, never share an
// address. Sharing one is not harmless: a port FreePort found free can be taken by the other
// process before nginx or HAProxy binds it, and HAProxy binds with SO_REUSEPORT, so two
// HAProxies on one address and port both start and split the connections between them
// (issue 16; the same failure as two pools on one machine, issue 17). The earlier scheme, a
// pid-dependent offset, let test binaries of one `go test ./...` overlap.
//
// A process claims block B by binding the abstract unix socket "@zonegen-lab-127.B" and
// holding it: the kernel frees it when the process ends, however it ends, so a claim never
// outlives its owner and needs no clean-up.
const (
	firstBlock = 10
	blocks     = 240
)

var (
	blockOnce  sync.Once
	block      int
	blockClaim net.Listener // held for the life of the process
)

// Block is this process's B: every lab address it hands out is in 127.B.0.0/16.
func Block() int { return addressBlock() }

// addressBlock is this process's B, claimed on first use: the first free block from a
// pid-dependent start. Were all 240 taken, it falls back to that start, unclaimed.
func addressBlock() int {
	blockOnce.Do(func() {
		start := os.Getpid() % blocks
		block = firstBlock + start
		for i := range blocks {
			b := firstBlock + (start+i)%blocks
			ln, err := net.Listen("unix", "@zonegen-lab-127."+strconv.Itoa(b))
			if err == nil {
				block, blockClaim = b, ln
				return
			}
		}
	})
	return block
}
