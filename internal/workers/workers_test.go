package workers

import (
	"sync/atomic"
	"testing"
)

func TestEachCallsEveryJobOnce(t *testing.T) {
	for _, n := range []int{0, 1, 2, 7, 1000} {
		calls := make([]atomic.Int32, n)
		Each(n, func(i int) { calls[i].Add(1) })
		for i := range calls {
			if c := calls[i].Load(); c != 1 {
				t.Fatalf("n=%d: job %d ran %d times", n, i, c)
			}
		}
	}
}
