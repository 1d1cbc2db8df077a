package output

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"unicode"
)

// ErrUnsafePath is wrapped by every error about an output path that could leave the
// output folder or that zonegen cannot represent (go-jsonnet#527: `../c.json` escapes).
var ErrUnsafePath = errors.New("unsafe output path")

// checkPath accepts a slash-separated path relative to the output folder: no absolute
// path, backslash, empty, "." or ".." segment, and no whitespace or control character
// (the manifest is whitespace-separated).
func checkPath(rel string) error {
	bad := func(why string) error { return fmt.Errorf("%w %q: %s", ErrUnsafePath, rel, why) }
	switch {
	case rel == "":
		return bad("empty")
	case strings.HasPrefix(rel, "/") || filepath.IsAbs(rel) || filepath.VolumeName(rel) != "":
		return bad("absolute")
	case strings.Contains(rel, `\`):
		return bad("contains a backslash")
	case strings.IndexFunc(rel, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }) >= 0:
		return bad("contains whitespace or a control character")
	}
	for _, seg := range strings.Split(rel, "/") {
		switch seg {
		case "":
			return bad("has an empty segment")
		case ".", "..":
			return bad(`has a "` + seg + `" segment`)
		}
	}
	if isReserved(rel) {
		return bad("is reserved for zonegen's own bookkeeping")
	}
	return nil
}

// checkNameLengths refuses a generated path with a segment longer than a filesystem holds
// (nameMax). Compare applies it to every generated file before anything is written, so a
// run never records in the journal a file it cannot create (issue 12, hole 4). Manifest
// and journal entries are not held to it: an entry that long names a file that cannot
// exist, which reads as missing (root.resolve).
func checkNameLengths(rel string) error {
	for _, seg := range strings.Split(rel, "/") {
		if len(seg) > nameMax {
			return fmt.Errorf("%w %q: the name %.40s... is %d bytes long, and filesystems hold at most %d; shorten the name it comes from",
				ErrUnsafePath, rel, seg, len(seg), nameMax)
		}
	}
	return nil
}

// isReserved reports whether a segment of rel could name zonegen's bookkeeping (the
// manifest, journal, lock, a staging folder, a temp file): Write removes leftover temp
// files from every folder, so no generated file may look like one.
func isReserved(rel string) bool {
	for _, seg := range strings.Split(rel, "/") {
		if strings.HasPrefix(seg, bookkeepingPrefix) {
			return true
		}
	}
	return false
}

// root is an output folder resolved once, so that every path can be confined to it.
type root struct {
	dir  string // as given, for messages
	real string // with symlinks resolved; "" when the folder does not exist yet
	// folders are the parent folders resolve found to be folders inside the output
	// folder, so that a run Lstat-s each once rather than once per file below it (a
	// tenth of a fresh generate's write of the M bench tier). Only what was found is
	// kept: a folder that was not there yet is looked at again.
	folders map[string]bool
}

func openRoot(dir string) (*root, error) {
	r := &root{dir: dir}
	real, err := filepath.EvalSymlinks(dir)
	switch {
	case err == nil:
		r.real = real
	case errors.Is(err, os.ErrNotExist):
	default:
		return nil, fmt.Errorf("output folder %s: %w", dir, err)
	}
	return r, nil
}

// resolve checks rel and returns its path on disk. Every existing parent folder is
// Lstat-ed; a symlinked one must resolve inside the output folder. A symlink at the file
// itself is refused too: reading it would show, and pruning it would follow, a file that
// is not ours.
func (r *root) resolve(rel string) (string, error) {
	full, _, err := r.lookup(rel)
	return full, err
}

// lookup is resolve that also reports whether the file's folder was found missing, so
// that nothing below it needs opening: a fresh generate opens none of its files to read.
func (r *root) lookup(rel string) (full string, folderMissing bool, err error) {
	if err := checkPath(rel); err != nil {
		return "", false, err
	}
	full = filepath.Join(r.dir, filepath.FromSlash(rel))
	if r.real == "" {
		return full, true, nil
	}
	segs := strings.Split(rel, "/")
	cur := r.dir
	for i, seg := range segs {
		cur = filepath.Join(cur, seg)
		last := i == len(segs)-1
		if !last && r.folders[cur] {
			continue
		}
		fi, err := os.Lstat(cur)
		if errors.Is(err, os.ErrNotExist) || errors.Is(err, syscall.ENAMETOOLONG) {
			return full, !last, nil // a name too long to exist is not there (checkNameLengths)
		}
		if err != nil {
			return "", false, fmt.Errorf("output path %s: %w", rel, err)
		}
		if fi.Mode()&os.ModeSymlink != 0 {
			if last {
				return "", false, fmt.Errorf("%w %q: is a symbolic link", ErrUnsafePath, rel)
			}
			target, err := filepath.EvalSymlinks(cur)
			if err != nil {
				return "", false, fmt.Errorf("output path %s: %w", rel, err)
			}
			if !within(r.real, target) {
				return "", false, fmt.Errorf("%w %q: folder %s is a symbolic link to %s, outside %s",
					ErrUnsafePath, rel, strings.Join(segs[:i+1], "/"), target, r.dir)
			}
			r.remember(cur)
			continue
		}
		if !last && !fi.IsDir() {
			return "", false, fmt.Errorf("output path %s: %s is not a folder", rel, strings.Join(segs[:i+1], "/"))
		}
		if !last {
			r.remember(cur)
		}
	}
	return full, false, nil
}

func (r *root) remember(folder string) {
	if r.folders == nil {
		r.folders = map[string]bool{}
	}
	r.folders[folder] = true
}

// within reports whether path is base or lies below it; both are cleaned, resolved paths.
func within(base, path string) bool {
	rel, err := filepath.Rel(base, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}
