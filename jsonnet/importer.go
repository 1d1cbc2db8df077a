package jsonnet

import (
	_ "embed"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"

	gojsonnet "github.com/google/go-jsonnet"
)

// LibraryName is the import path of the embedded helper library.
const LibraryName = "zonegen.libsonnet"

// libraryFoundAt is where error locations and stack traces say the library lives. The angle
// brackets (like go-jsonnet's "<std>") keep it from ever naming a real file.
const libraryFoundAt = "<embedded>/" + LibraryName

//go:embed lib/zonegen.libsonnet
var library []byte

// Library returns the embedded zonegen.libsonnet, for documentation and `zonegen` users
// who want to read it.
func Library() []byte { return append([]byte(nil), library...) }

// allowedDir is a folder imports may read from.
type allowedDir struct {
	real  string // absolute, symlinks resolved: what paths are checked against
	label string // for error messages: "source folder" or "--jpath"
}

// importer resolves import, importstr and importbin for one evaluation. It reads only the
// embedded library, files inside the source's folder and files inside the --jpath folders;
// absolute paths, `..` and symlinks that lead anywhere else are refused (DESIGN.md, Safety).
//
// One importer serves every VM of an evaluation (the parallel workers too), so it is safe
// for concurrent use and every VM sees the same bytes for a file even if it changes on disk
// meanwhile. go-jsonnet requires the same Contents for the same foundAt; the cache gives it.
type importer struct {
	root    string   // the source path as the caller gave it; go-jsonnet imports it from ""
	rootDir string   // the folder relative imports from ext/tla code resolve against
	jpath   []string // search folders, as given, in precedence order (last wins, like jsonnet -J)
	allowed []allowedDir

	mu      sync.Mutex
	files   map[string]gojsonnet.Contents // foundAt → contents
	results map[importKey]importResult
	libData gojsonnet.Contents
}

type importKey struct{ from, path string }

type importResult struct {
	contents gojsonnet.Contents
	foundAt  string
	err      error
}

// newImporter builds the importer for the source at root with the given --jpath folders.
func newImporter(root string, jpath []string) (*importer, error) {
	im := &importer{
		root:    root,
		rootDir: filepath.Dir(root),
		jpath:   jpath,
		files:   map[string]gojsonnet.Contents{},
		results: map[importKey]importResult{},
		libData: gojsonnet.MakeContentsRaw(library),
	}
	dirs := append([]string{im.rootDir}, jpath...)
	for i, d := range dirs {
		label := "source folder"
		if i > 0 {
			label = "--jpath"
		}
		real, err := realPath(d)
		if err != nil {
			return nil, fmt.Errorf("import folder %s (%s): %w", d, label, err)
		}
		im.allowed = append(im.allowed, allowedDir{real: real, label: label})
	}
	return im, nil
}

// Import implements go-jsonnet's Importer.
func (im *importer) Import(importedFrom, importedPath string) (gojsonnet.Contents, string, error) {
	if importedPath == LibraryName {
		return im.libData, libraryFoundAt, nil
	}
	key := importKey{from: importedFrom, path: importedPath}
	im.mu.Lock()
	defer im.mu.Unlock()
	if r, ok := im.results[key]; ok {
		return r.contents, r.foundAt, r.err
	}
	var r importResult
	if importedFrom == "" && importedPath == im.root {
		// The source itself: the user named it, so it is read even when it is a symlink to
		// another folder; its folder (as named) is what its imports may read.
		r = im.read(importedFrom, importedPath, []string{importedPath}, false)
	} else {
		// Relative imports resolve against the importing file's folder; code with no file
		// of its own (ext-code, tla-code, the library) resolves against the source's folder.
		dir := im.rootDir
		if importedFrom != "" && !strings.HasPrefix(importedFrom, "<") {
			dir = filepath.Dir(importedFrom)
		}
		r = im.read(importedFrom, importedPath, im.candidates(dir, importedPath), true)
	}
	im.results[key] = r
	return r.contents, r.foundAt, r.err
}

// candidates lists where importedPath may be, in order: the importing folder, then the
// jpath folders from the last to the first (the right-most --jpath wins, as with jsonnet -J).
func (im *importer) candidates(dir, importedPath string) []string {
	if filepath.IsAbs(importedPath) {
		return []string{filepath.Clean(importedPath)}
	}
	out := []string{filepath.Join(dir, importedPath)}
	for i := len(im.jpath) - 1; i >= 0; i-- {
		out = append(out, filepath.Join(im.jpath[i], importedPath))
	}
	return out
}

// read returns the first candidate that exists. When confine is set, candidates outside the
// allowed folders (after resolving symlinks) are never read; when nothing was found and
// something was refused, the refusal is the error, so `..` and absolute paths say why.
func (im *importer) read(importedFrom, importedPath string, candidates []string, confine bool) importResult {
	var refused string
	for _, c := range candidates {
		// One Contents per foundAt, whatever happens on disk later: go-jsonnet's contract.
		if contents, ok := im.files[c]; ok {
			return importResult{contents: contents, foundAt: c}
		}
		abs, err := filepath.Abs(c)
		if err != nil {
			return importResult{err: im.errorf(importedFrom, importedPath, "%w", err)}
		}
		real, err := filepath.EvalSymlinks(abs)
		switch {
		case os.IsNotExist(err) && confine:
			if refused == "" && !im.inside(abs) {
				refused = abs
			}
			continue
		case err != nil:
			return importResult{err: im.errorf(importedFrom, importedPath, "%w", err)}
		case confine && !im.inside(real):
			if refused == "" {
				refused = real
			}
			continue
		}
		data, err := readRegular(real)
		if err != nil {
			return importResult{err: im.errorf(importedFrom, importedPath, "%w", err)}
		}
		// foundAt keeps the path as the user would write it (relative stays relative), like
		// go-jsonnet's FileImporter, so error locations read naturally. It is also what
		// nested relative imports resolve against; the real path is what was checked and read.
		contents := gojsonnet.MakeContentsRaw(data)
		im.files[c] = contents
		return importResult{contents: contents, foundAt: c}
	}
	if refused != "" {
		return importResult{err: im.errorf(importedFrom, importedPath,
			"%s is outside the allowed folders: %s", refused, im.allowedList())}
	}
	return importResult{err: im.errorf(importedFrom, importedPath,
		"not found in %s", im.allowedList())}
}

// inside reports whether the absolute path p is one of the allowed folders or below one.
func (im *importer) inside(p string) bool {
	for _, a := range im.allowed {
		rel, err := filepath.Rel(a.real, p)
		if err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel) {
			return true
		}
	}
	return false
}

func (im *importer) allowedList() string {
	parts := make([]string, 0, len(im.allowed)+1)
	for _, a := range im.allowed {
		parts = append(parts, a.real+" ("+a.label+")")
	}
	parts = append(parts, "the embedded "+LibraryName)
	return strings.Join(parts, ", ")
}

func (im *importer) errorf(importedFrom, importedPath, format string, args ...any) error {
	from := importedFrom
	if from == "" {
		from = "the command line"
	}
	return fmt.Errorf("import %q from %s: "+format, append([]any{importedPath, from}, args...)...)
}

// MaxFileSize bounds every file an evaluation reads (the source, each import): far more
// than any infrastructure needs, and a bound on what a hostile file can make zonegen hold.
const MaxFileSize = 64 << 20

// readRegular reads a file an evaluation imports. It must be a regular file: `-f /dev/zero`
// or a FIFO would be read forever or block (issue 12). The open is non-blocking, so a FIFO
// that replaced the file after the check cannot hang it either.
func readRegular(name string) ([]byte, error) {
	f, err := os.OpenFile(name, os.O_RDONLY|syscallNonblock, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		what := "not a regular file"
		switch t := fi.Mode().Type(); {
		case t&fs.ModeDevice != 0:
			what = "a device"
		case t&fs.ModeNamedPipe != 0:
			what = "a named pipe (FIFO)"
		case t&fs.ModeDir != 0:
			what = "a folder"
		case t&fs.ModeSocket != 0:
			what = "a socket"
		}
		return nil, fmt.Errorf("%s is %s, not a regular file; give a jsonnet file", name, what)
	}
	if fi.Size() > MaxFileSize {
		return nil, fmt.Errorf("%s is %d bytes, more than the %d an evaluation reads", name, fi.Size(), MaxFileSize)
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err == nil && len(data) > MaxFileSize {
		err = fmt.Errorf("%s grew past %d bytes while being read", name, MaxFileSize)
	}
	return data, err
}

// realPath is the absolute, symlink-free path of an existing folder.
func realPath(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	real, err := filepath.EvalSymlinks(abs)
	if err != nil {
		return "", err
	}
	fi, err := os.Stat(real)
	if err != nil {
		return "", err
	}
	if !fi.IsDir() {
		return "", fmt.Errorf("%s is not a folder", dir)
	}
	return real, nil
}
