package output

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// stagingPrefix names the folders Write stages files in for validation, inside the
// output folder so that they share its filesystem; they are removed before Write returns.
const stagingPrefix = ".zonegen-staging-"

// rename is os.Rename; tests replace it to fail a write half-way.
var rename = os.Rename

// WriteOptions controls Write.
type WriteOptions struct {
	Scope      Scope
	Force      bool        // overwrite or prune foreign and hand-edited files
	Validators []Validator // run on staged files before anything is replaced
	// Logf receives notices (a stale lock taken over); nil discards them.
	Logf func(format string, args ...any)
	// Context bounds validator runs; nil is context.Background().
	Context context.Context
}

// Result is what Write did, each list sorted by path.
type Result struct {
	Comparison *Comparison
	Created    []string
	Updated    []string
	Unchanged  []string
	Pruned     []string
}

// Write makes dir hold files (zonegen generate). Under the folder's lock it compares,
// refuses conflicts (a *ConflictError) unless opts.Force, validates the changed files in
// a staging folder (a *ValidationError, nothing replaced), then replaces each changed file
// atomically, leaves files with equal bytes untouched, prunes owned stale files in scope
// and the folders that leaves empty, and writes the manifest last. If a step fails
// half-way, the manifest is still saved describing what is on disk, and the error is
// returned.
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
	res, err := write(ctx, dir, files, opts)
	if rerr := lk.release(); err == nil && rerr != nil {
		err = rerr
	}
	return res, err
}

func write(ctx context.Context, dir string, files []File, opts WriteOptions) (*Result, error) {
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

	book := newLedger(c.manifest)
	err = c.apply(res, book)
	if merr := c.saveManifest(book); err == nil {
		err = merr
	} else if merr != nil {
		err = errors.Join(err, merr)
	}
	return res, err
}

// apply replaces and prunes files, recording every completed step in book.
func (c *Comparison) apply(res *Result, book ledger) error {
	for _, ch := range c.Changes {
		entry := Entry{Path: ch.Path, Kind: ch.Kind, Env: ch.Env}
		switch ch.Action {
		case Unchanged:
			entry.SHA256 = Hash(ch.New)
			book[ch.Path] = entry
			res.Unchanged = append(res.Unchanged, ch.Path)
		case Create, Update:
			full, err := c.root.resolve(ch.Path)
			if err != nil {
				return err
			}
			if err := atomicWrite(full, ch.New); err != nil {
				return fmt.Errorf("write %s: %w", ch.Path, err)
			}
			entry.SHA256 = Hash(ch.New)
			book[ch.Path] = entry
			if ch.Action == Create {
				res.Created = append(res.Created, ch.Path)
			} else {
				res.Updated = append(res.Updated, ch.Path)
			}
		case Prune:
			full, err := c.root.resolve(ch.Path)
			if err != nil {
				return err
			}
			if err := os.Remove(full); err != nil && !errors.Is(err, fs.ErrNotExist) {
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
	}
}

// saveManifest writes the manifest from book, unless the bytes on disk already match.
func (c *Comparison) saveManifest(book ledger) error {
	data := book.manifest().Marshal()
	full := filepath.Join(c.Dir, ManifestName)
	if old, err := os.ReadFile(full); err == nil && bytes.Equal(old, data) {
		return nil
	}
	if err := atomicWrite(full, data); err != nil {
		return fmt.Errorf("write manifest: %w", err)
	}
	return nil
}

// atomicWrite replaces name with data: a temp file in the same folder, written, synced,
// renamed over name, then the folder synced so the rename survives a crash. Readers see
// the old bytes or the new ones, never a mix. An existing file's permissions are kept.
func atomicWrite(name string, data []byte) (err error) {
	dir := filepath.Dir(name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	perm := fs.FileMode(0o644)
	if fi, err := os.Stat(name); err == nil {
		perm = fi.Mode().Perm()
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(name)+".tmp-")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err := tmp.Write(data); err != nil {
		return err
	}
	if err := tmp.Chmod(perm); err != nil {
		return err
	}
	if err := tmp.Sync(); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := rename(tmp.Name(), name); err != nil {
		return err
	}
	return syncDir(dir)
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
