package output

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/zonegen/zonegen/internal/workers"
)

// bookkeepingPrefix starts the name of everything zonegen keeps in an output folder
// besides the generated files: the manifest, the journal, the lock, staging folders and
// temp files. No generated path has a segment that starts with it (checkPath).
const bookkeepingPrefix = ".zonegen"

const (
	// stagingPrefix names the folders Write stages files in for validation, inside the
	// output folder so that they share its filesystem; they are removed before Write
	// returns, or by the next run when a kill got in the way.
	stagingPrefix = ".zonegen-staging-"
	// tempPrefix names the temp file a file is written to before it is renamed into
	// place, in the file's folder; a killed run leaves it for the next run to remove.
	tempPrefix = ".zonegen-tmp-"
)

// Seams for fault-injection tests: a disk that fills up or refuses access half-way, a run
// that dies between two renames. In production they are createTempFile (os.CreateTemp
// without the poller, open_unix.go) and the os functions.
var (
	createTemp = createTempFile
	writeTemp  = (*os.File).Write
	rename     = os.Rename
)

// createTempFile is os.CreateTemp (pattern's last "*" replaced by a random number, mode
// 0600, never an existing file) opened with openFile.
func createTempFile(dir, pattern string) (*os.File, error) {
	prefix, suffix := pattern, ""
	if i := strings.LastIndex(pattern, "*"); i >= 0 {
		prefix, suffix = pattern[:i], pattern[i+1:]
	}
	for try := 0; ; try++ {
		name := filepath.Join(dir, prefix+strconv.FormatUint(uint64(rand.Uint32()), 10)+suffix)
		f, err := openFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
		if errors.Is(err, fs.ErrExist) && try < 10000 {
			continue
		}
		return f, err
	}
}

// WriteOptions controls Write.
type WriteOptions struct {
	Scope      Scope
	Force      bool        // overwrite or prune foreign and hand-edited files
	Validators []Validator // run on staged files before anything is replaced
	// Logf receives notices (a stale lock taken over); nil discards them.
	Logf func(format string, args ...any)
	// Context bounds validator runs; nil is context.Background().
	Context context.Context
	// Inputs, when not nil, is what the build of files read (zonegen.Build's record of it):
	// a successful write saves it in the no-op record (CacheName, UpToDate); nil removes
	// any record.
	Inputs []byte
}

// Result is what Write did, each list sorted by path.
type Result struct {
	Comparison *Comparison
	Created    []string
	Updated    []string
	Unchanged  []string
	Pruned     []string
}

// Write makes dir hold files (zonegen generate). Under the folder's lock it removes what
// killed runs left behind (temp files, staging folders), compares, refuses conflicts (a
// *ConflictError) unless opts.Force, and validates the changed files in a staging folder
// (a *ValidationError, nothing replaced). Then it settles a journal left by an earlier
// run, writes its own journal, replaces each changed file atomically, leaves files with
// equal bytes untouched, prunes owned stale files in scope and the folders that leaves
// empty, saves the manifest and removes the journal last.
//
// The folder is consistent (see the package doc) at every instant of a run, so a run
// killed anywhere, even with SIGKILL, leaves each file with its old bytes or its new ones
// and the next run proceeds without --force. If a step fails, the manifest is still saved
// describing what is on disk, the journal stays for the next run, and the error, naming
// the file, is returned.
func Write(dir string, files []File, opts WriteOptions) (*Result, error) {
	logf := opts.Logf
	if logf == nil {
		logf = func(string, ...any) {}
	}
	ctx := opts.Context
	if ctx == nil {
		ctx = context.Background()
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("create output folder: %w", err)
	}
	lk, err := acquireLock(dir, logf)
	if err != nil {
		return nil, err
	}
	res, err := write(ctx, dir, files, opts, logf)
	if rerr := lk.release(); err == nil && rerr != nil {
		err = rerr
	}
	return res, err
}

func write(ctx context.Context, dir string, files []File, opts WriteOptions, logf func(string, ...any)) (*Result, error) {
	sweep(dir)
	c, err := Compare(dir, files, opts.Scope)
	if err != nil {
		return nil, err
	}
	res := &Result{Comparison: c}
	if cerr := c.ConflictErr(); cerr != nil && !opts.Force {
		return res, cerr
	}
	if err := c.validate(ctx, opts.Validators); err != nil {
		return res, err
	}

	c.hashNew()
	// The order is what keeps the folder consistent if the run dies at any point.
	if err := c.settleJournal(); err != nil {
		return res, err
	}
	if err := c.writeJournal(); err != nil {
		return res, err
	}
	book := newLedger(c.manifest)
	if err := c.claimCreated(book); err != nil {
		return res, err
	}
	err = c.apply(res, book)
	if merr := c.saveManifest(book); err == nil {
		err = merr
	} else if merr != nil {
		err = errors.Join(err, merr)
	}
	if err != nil {
		return res, err // the journal stays: it may know of a file the manifest does not
	}
	if err := c.removeJournal(); err != nil {
		return res, err
	}
	c.saveRecord(book, opts.Inputs, logf)
	return res, nil
}

// apply replaces and prunes files, recording every completed step in book. Changed files
// are replaced in three passes (stageAll, then one sync, then the renames), so a run pays
// one flush of the filesystem instead of two fsyncs per file.
func (c *Comparison) apply(res *Result, book ledger) error {
	staged, err := c.stageAll()
	if err != nil {
		return err
	}
	if err := syncStaged(c.Dir, staged); err != nil {
		discard(staged)
		return err
	}
	folders := map[string]bool{}
	for i, st := range staged {
		if err := rename(st.tmp, st.full); err != nil {
			discard(staged[i:])
			return fmt.Errorf("write %s: %w", st.change.Path, err)
		}
		folders[filepath.Dir(st.full)] = true
		book[st.change.Path] = Entry{Path: st.change.Path, Kind: st.change.Kind, Env: st.change.Env, SHA256: st.change.newSum()}
		if st.change.Action == Create {
			res.Created = append(res.Created, st.change.Path)
		} else {
			res.Updated = append(res.Updated, st.change.Path)
		}
	}
	if err := syncRenames(c.Dir, slices.Sorted(maps.Keys(folders))); err != nil {
		return err
	}
	for _, ch := range c.Changes {
		switch ch.Action {
		case Unchanged:
			book[ch.Path] = Entry{Path: ch.Path, Kind: ch.Kind, Env: ch.Env, SHA256: ch.newSum()}
			res.Unchanged = append(res.Unchanged, ch.Path)
		case Prune:
			full, err := c.root.resolve(ch.Path)
			if err != nil {
				return err
			}
			// A missing file (a name too long to exist among them) has nothing to remove.
			if err := os.Remove(full); !ch.Missing && err != nil && !errors.Is(err, fs.ErrNotExist) {
				return fmt.Errorf("prune %s: %w", ch.Path, err)
			}
			delete(book, ch.Path)
			if !ch.Missing {
				res.Pruned = append(res.Pruned, ch.Path)
			}
			c.removeEmptyParents(ch.Path)
		}
	}
	return nil
}

// hashNew hashes every generated file's new bytes once, on every core: the journal, the
// claim of created files and the ledger each record them, three passes over the tree
// otherwise.
func (c *Comparison) hashNew() {
	workers.Each(len(c.Changes), func(i int) {
		if ch := &c.Changes[i]; ch.Action != Prune {
			ch.sum = Hash(ch.New)
		}
	})
}

// claimCreated lists every file the run creates in the manifest, with its new hash, before
// any of them exists: the journal may adopt only files the manifest owns (adoptPending),
// and a created file that a kill leaves unwritten is merely missing. It saves the
// manifest only when there is something to claim.
func (c *Comparison) claimCreated(book ledger) error {
	claimed := false
	for _, ch := range c.Changes {
		if ch.Action != Create {
			continue
		}
		if _, owned := book[ch.Path]; !owned {
			book[ch.Path] = Entry{Path: ch.Path, Kind: ch.Kind, Env: ch.Env, SHA256: ch.newSum()}
			claimed = true
		}
	}
	if !claimed {
		return nil
	}
	return c.saveManifest(book)
}

// stagedFile is a changed file's new bytes in a temp file beside its final name.
type stagedFile struct {
	change    Change
	tmp, full string
}

// stageAll writes every created or updated file to a temp file in its own folder (same
// filesystem, so the rename is atomic), unsynced. On error it removes what it wrote.
//
// Paths are resolved and folders made first, one at a time and each folder once; the
// files are then written by GOMAXPROCS workers, which on the M bench tier's 2,895 files
// takes the write stage from the largest part of a fresh generate beyond jsonnet to less
// than the disk's own price (README.md, "Performance").
func (c *Comparison) stageAll() ([]stagedFile, error) {
	var staged []stagedFile
	made := map[string]bool{}
	for _, ch := range c.Changes {
		if ch.Action != Create && ch.Action != Update {
			continue
		}
		full, err := c.root.resolve(ch.Path)
		if dir := filepath.Dir(full); err == nil && !made[dir] {
			err = os.MkdirAll(dir, 0o755)
			made[dir] = true
		}
		if err != nil {
			return nil, fmt.Errorf("write %s: %w", ch.Path, err)
		}
		staged = append(staged, stagedFile{change: ch, full: full})
	}
	errs := make([]error, len(staged))
	workers.Each(len(staged), func(i int) {
		st := &staged[i]
		// A created file has no bytes on disk (Old is nil) and so no mode to keep.
		st.tmp, errs[i] = writeTempIn(st.full, st.change.New, st.change.Old != nil)
	})
	for i, err := range errs {
		if err != nil {
			discard(staged)
			return nil, fmt.Errorf("write %s: %w", staged[i].change.Path, err)
		}
	}
	return staged, nil
}

// discard removes staged temp files that were not renamed.
func discard(staged []stagedFile) {
	for _, st := range staged {
		if st.tmp != "" {
			os.Remove(st.tmp)
		}
	}
}

// removeEmptyParents removes the folders above a pruned file that it left empty, up to
// (not including) the output folder. os.Remove refuses a folder that is not empty, so a
// folder holding anything else, ours or not, stays; so does a symlinked folder (removing
// it would remove the link, not a folder we made).
func (c *Comparison) removeEmptyParents(rel string) {
	for d := filepath.Dir(filepath.FromSlash(rel)); d != "." && d != string(filepath.Separator); d = filepath.Dir(d) {
		full := filepath.Join(c.Dir, d)
		if fi, err := os.Lstat(full); err != nil || !fi.IsDir() {
			return
		}
		if err := os.Remove(full); err != nil {
			return
		}
		delete(c.root.folders, full)
	}
}

// saveManifest writes the manifest from book, unless the bytes on disk already match.
func (c *Comparison) saveManifest(book ledger) error {
	if _, err := WriteFileAtomic(filepath.Join(c.Dir, ManifestName), book.manifest().Marshal()); err != nil {
		return fmt.Errorf("write manifest: %w", err)
	}
	return nil
}

// WriteFileAtomic replaces name with data (atomicWrite) unless it already holds exactly
// data, so that an unchanged file keeps its mtime; it reports whether it wrote. It serves
// the manifest and files zonegen writes outside an output folder (zonegen lifetime pull).
func WriteFileAtomic(name string, data []byte) (bool, error) {
	if old, err := os.ReadFile(name); err == nil && bytes.Equal(old, data) {
		return false, nil
	}
	if err := atomicWrite(name, data); err != nil {
		return false, err
	}
	return true, nil
}

// atomicWrite replaces name with data: a temp file in the same folder, written, synced,
// renamed over name, then the folder synced so the rename survives a crash. Readers see
// the old bytes or the new ones, never a mix. It serves the manifest and the journal;
// generated files go through apply, which syncs once for all of them.
func atomicWrite(name string, data []byte) error {
	tmp, err := writeTempFile(name, data)
	if err != nil {
		return err
	}
	if err := syncFile(tmp); err != nil {
		os.Remove(tmp)
		return err
	}
	if err := rename(tmp, name); err != nil {
		os.Remove(tmp)
		return err
	}
	return syncDir(filepath.Dir(name))
}

// writeTempFile writes data to a new temp file beside name (creating the folder), with
// name's permissions when it exists, and returns the temp file's path. It does not sync.
func writeTempFile(name string, data []byte) (string, error) {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return "", err
	}
	return writeTempIn(name, data, true)
}

// writeTempIn is writeTempFile in a folder that exists; keepMode false skips looking
// for name's permissions (a file known not to exist gets 0644).
func writeTempIn(name string, data []byte, keepMode bool) (_ string, err error) {
	perm := fs.FileMode(0o644)
	if keepMode {
		if fi, err := os.Stat(name); err == nil {
			perm = fi.Mode().Perm()
		}
	}
	base := filepath.Base(name)
	if len(base) > maxTempBase {
		base = base[:maxTempBase] // the random suffix keeps it unique
	}
	tmp, err := createTemp(filepath.Dir(name), tempPrefix+base+".*")
	if err != nil {
		return "", err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err := writeTemp(tmp, data); err != nil {
		return "", err
	}
	if err := tmp.Chmod(perm); err != nil {
		return "", err
	}
	return tmp.Name(), tmp.Close()
}

// syncFile flushes one file's data to disk.
func syncFile(name string) error {
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}

// sweep removes what killed runs leave in dir: temp files, staging folders and the files
// of dead processes next to the lock (lock.go). It runs under the lock, so no live run owns
// a temp file or staging folder; the lock's neighbours are made outside it, hence the pid
// check. Only the output folder itself is read unless a journal is there: temp files of
// generated files are made after the journal is written and gone before it is removed, so
// without a journal none can be left in the subfolders, and an unchanged run stays cheap.
// Errors are ignored: a leftover is untidy, never mistaken for output (checkPath reserves
// the names).
func sweep(dir string) {
	real, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return
	}
	entries, err := os.ReadDir(real)
	if err != nil {
		return
	}
	journal := false
	for _, e := range entries {
		name, p := e.Name(), filepath.Join(real, e.Name())
		switch {
		case name == JournalName:
			journal = true
		case e.IsDir() && strings.HasPrefix(name, stagingPrefix):
			os.RemoveAll(p)
		case e.Type().IsRegular() && (strings.HasPrefix(name, tempPrefix) || deadLockNeighbour(name)):
			os.Remove(p)
		}
	}
	if !journal {
		return
	}
	_ = filepath.WalkDir(real, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() && strings.HasPrefix(d.Name(), tempPrefix) {
			os.Remove(p)
		}
		return nil
	})
}

// deadLockNeighbour reports whether name is a file made next to the lock by a process
// that is no longer running.
func deadLockNeighbour(name string) bool {
	for _, prefix := range []string{newLockPrefix, staleLockPrefix} {
		if rest, ok := strings.CutPrefix(name, prefix); ok {
			pid, err := strconv.Atoi(rest)
			return err == nil && pid != os.Getpid() && !processAlive(pid)
		}
	}
	return false
}

// syncDir flushes a folder's entries (a rename) to disk.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, errors.ErrUnsupported) {
		return fmt.Errorf("sync folder %s: %w", dir, err)
	}
	return nil
}

// validate stages every generated file under a staging folder that mirrors the output
// folder (so that validators see referenced files too) and runs each validator on the
// created and updated files it applies to. Every failure is reported, not just the first.
func (c *Comparison) validate(ctx context.Context, validators []Validator) error {
	if len(validators) == 0 {
		return nil
	}
	type job struct {
		rel, staged string
		v           Validator
	}
	var jobs []job
	for _, ch := range c.Changes {
		if ch.Action != Create && ch.Action != Update {
			continue
		}
		for _, v := range validators {
			if v.Applies(ch.Path) {
				jobs = append(jobs, job{rel: ch.Path, v: v})
			}
		}
	}
	if len(jobs) == 0 {
		return nil
	}
	stage, err := os.MkdirTemp(c.Dir, stagingPrefix)
	if err != nil {
		return fmt.Errorf("staging for validation: %w", err)
	}
	defer os.RemoveAll(stage)
	// Validators run in the staged file's folder, so the path they get must not be
	// relative to ours (an output folder given as "generated").
	if stage, err = filepath.Abs(stage); err != nil {
		return fmt.Errorf("staging for validation: %w", err)
	}
	for _, f := range c.files {
		name := filepath.Join(stage, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			return fmt.Errorf("staging for validation: %w", err)
		}
		if err := os.WriteFile(name, f.Data, 0o644); err != nil {
			return fmt.Errorf("staging for validation: %w", err)
		}
	}
	var failures []ValidationFailure
	for _, j := range jobs {
		staged := filepath.Join(stage, filepath.FromSlash(j.rel))
		if err := j.v.Validate(ctx, staged); err != nil {
			// Point messages such as nginx's "in /…/staging/prod/proxy/www.nginx.conf:12"
			// at the generated name.
			msg := strings.ReplaceAll(err.Error(), staged, j.rel)
			msg = strings.ReplaceAll(msg, stage+string(filepath.Separator), "")
			failures = append(failures, ValidationFailure{Path: j.rel, Validator: j.v.String(), Err: errors.New(msg)})
		}
	}
	if len(failures) > 0 {
		return &ValidationError{Failures: failures}
	}
	return nil
}
