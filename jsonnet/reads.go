package jsonnet

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"slices"
)

// Read is one import an evaluation resolved (the source itself is the one From "" and Path
// the source's path): importing Path from From found FoundAt, whose bytes hash to SHA256, or
// failed. Probing the candidates in order is part of it: a file that appears on an earlier
// candidate path (the importing folder, a later --jpath) changes FoundAt.
type Read struct {
	From, Path string
	FoundAt    string
	SHA256     string // lower-case hex; "" when the import failed
}

// reads lists what the importer resolved, sorted. The embedded library is not among them:
// it is part of the zonegen binary.
func (im *importer) reads() []Read {
	im.mu.Lock()
	defer im.mu.Unlock()
	out := make([]Read, 0, len(im.results))
	for k, r := range im.results {
		rd := Read{From: k.from, Path: k.path, FoundAt: r.foundAt}
		if r.err == nil {
			rd.SHA256 = hashBytes(r.contents.Data())
		}
		out = append(out, rd)
	}
	slices.SortFunc(out, func(a, b Read) int { return cmp.Or(cmp.Compare(a.From, b.From), cmp.Compare(a.Path, b.Path)) })
	return out
}

// Unchanged reports whether an evaluation of the source at path with the --jpath folders
// jpath would read exactly reads: each import resolves, through the same sandboxed importer,
// to the same file with the same bytes, and each failed one still fails. It reads the files,
// never evaluates. Anything else, a --jpath folder gone included, is false.
func Unchanged(path string, jpath []string, reads []Read) bool {
	im, err := newImporter(path, jpath)
	if err != nil {
		return false
	}
	for _, r := range reads {
		contents, foundAt, err := im.Import(r.From, r.Path)
		if (err != nil) != (r.SHA256 == "") {
			return false
		}
		if err == nil && (foundAt != r.FoundAt || hashBytes(contents.Data()) != r.SHA256) {
			return false
		}
	}
	return true
}

func hashBytes(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
