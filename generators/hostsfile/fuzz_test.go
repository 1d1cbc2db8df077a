package hostsfile

import (
	"bytes"
	"strings"
	"testing"
)

// FuzzMerge checks the promise of Merge on any hosts file and any block: a server's own
// lines survive every run (possible setups, "Using reverse proxies"; DESIGN.md R7). Merge
// either refuses with an error or returns a file that
//   - keeps every byte before and after the old managed block (or all of the file, when it
//     had none) unchanged and in place,
//   - holds, where the block was (or at the end), the new block with the file's line ending,
//   - merges to itself again (idempotent).
//
// The corpus pairs real hosts files (Windows default, LF, BOM, no final newline, an old
// block in the middle or at the end, broken markers) with valid and invalid blocks.
func FuzzMerge(f *testing.F) {
	f.Fuzz(func(t *testing.T, existing, blk []byte) {
		out, err := Merge(existing, blk)
		if err != nil {
			if out != nil {
				t.Fatalf("Merge returned bytes with error %v", err)
			}
			return
		}
		want, perr := Parse(blk)
		if perr != nil {
			t.Fatalf("Merge accepted a block Parse refuses: %v", perr)
		}
		if n := countMarkers(existing, Begin); n > 1 {
			t.Fatalf("Merge accepted a file with %d %q lines", n, Begin)
		}

		start, end, found, lerr := locate(existing)
		if lerr != nil {
			t.Fatalf("Merge accepted a file locate refuses: %v", lerr)
		}
		var before, after []byte
		if found {
			before, after = existing[:start], existing[end:]
		} else {
			before = existing
		}
		if !bytes.HasPrefix(out, before) || !bytes.HasSuffix(out[len(before):], after) {
			t.Fatalf("bytes outside the managed block changed:\nexisting %q\nout      %q", existing, out)
		}
		middle := out[len(before) : len(out)-len(after)]
		if !found && len(before) > 0 && !bytes.HasSuffix(before, []byte("\n")) {
			// Appending to a file without a final line break adds one first.
			eol := []byte(lineEnding(existing))
			if !bytes.HasPrefix(middle, eol) {
				t.Fatalf("no line break before the appended block: %q", out)
			}
			middle = middle[len(eol):]
		}
		got, perr := Parse(middle)
		if perr != nil {
			t.Fatalf("the merged block does not parse: %v\n%q", perr, middle)
		}
		if !sameBlock(got, want) {
			t.Fatalf("the merged block differs from the one given:\n got %+v\nwant %+v", got, want)
		}
		if eol := lineEnding(existing); !strings.Contains(string(middle), eol) || eol == "\n" && bytes.Contains(middle, []byte("\r\n")) {
			t.Fatalf("the merged block does not use the file's line ending %q: %q", eol, middle)
		}

		again, err := Merge(out, blk)
		if err != nil {
			t.Fatalf("merging into the merged file: %v", err)
		}
		if !bytes.Equal(again, out) {
			t.Fatalf("Merge is not idempotent:\nonce  %q\ntwice %q", out, again)
		}
		if ex, ok, err := Extract(out); err != nil || !ok || !bytes.Equal(ex, middle) {
			t.Fatalf("Extract of the merged file = %q, %v, %v; want %q", ex, ok, err, middle)
		}
	})
}

// countMarkers counts the lines of file that are marker once trimmed; a leading byte
// order mark does not hide one.
func countMarkers(file []byte, marker string) int {
	n := 0
	for _, l := range strings.Split(strings.TrimPrefix(string(file), "\ufeff"), "\n") {
		if strings.TrimSpace(l) == marker {
			n++
		}
	}
	return n
}

func sameBlock(a, b *Block) bool {
	if strings.Join(a.Comments, "\n") != strings.Join(b.Comments, "\n") || len(a.Entries) != len(b.Entries) {
		return false
	}
	for i := range a.Entries {
		if a.Entries[i].IP != b.Entries[i].IP || strings.Join(a.Entries[i].Names, " ") != strings.Join(b.Entries[i].Names, " ") {
			return false
		}
	}
	return true
}
