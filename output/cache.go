package output

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// CacheName is the no-op record's name inside the output folder. It is local to one checkout
// (inodes and change times mean nothing on another machine) and should be ignored by version
// control; deleting it only costs the next run a build.
const CacheName = ".zonegen-cache"

const (
	cacheHeader  = "# zonegen no-op record: lets a run whose inputs did not change skip the build. Safe to delete; do not commit.\n"
	cacheVersion = "record 1"
)

// The no-op record.
//
// A successful Write given WriteOptions.Inputs (what the build read, opaque here: zonegen.Build
// makes it) saves, after the manifest, a record of those inputs, the run's scope, the
// manifest's sha256 and stamp, and the stamp of every owned file in scope. UpToDate later
// answers "this folder is exactly what that build made" from stat(2) alone: the record is a
// statement "inputs I made the folder F", and it holds as long as the inputs are I (the caller
// checks) and the folder is still F (every stamp equal). A record that survives a later run,
// killed or not, is therefore never wrong: any file that run replaced or pruned, and the
// manifest it saved, no longer match their stamps. Nothing in it needs to be durable: a torn
// record fails its checksum and is ignored.
//
// A stamp vouches for a file only once the filesystem's clock has moved past the file's last
// change (Stamp.racy); the record's own temp file, created before the files are stamped,
// tells where that clock was. A racy file, or an unchanged one whose stamp moved since Compare
// read it (an edit during the run), is recorded without a stamp; UpToDate re-hashes it, and
// any file whose stamp moved, against the manifest. The manifest itself must match its stamp
// and its sha256. Inodes and change times also make a record committed to a repository
// useless anywhere else: no clone recreates them, so a forged record cannot make check pass.

// record is a parsed CacheName.
type record struct {
	scope          Scope
	manifestSHA256 string
	manifestStamp  Stamp
	inputs         []byte
	files          []recordFile // the owned files in scope, sorted by path
}

type recordFile struct {
	path  string
	stamp Stamp // zero: racy, compare bytes
}

// saveRecord writes the no-op record of a completed run (inputs non-nil) or removes a record
// left by an earlier one. A record is an optimisation, so a failure to save it is not the
// run's failure: it is reported through logf and the record removed.
func (c *Comparison) saveRecord(book ledger, inputs []byte, logf func(string, ...any)) {
	name := filepath.Join(c.Dir, CacheName)
	if inputs == nil {
		if err := os.Remove(name); err != nil && !errors.Is(err, fs.ErrNotExist) {
			logf("zonegen: remove %s: %v", name, err)
		}
		return
	}
	if err := c.writeRecord(name, book, inputs); err != nil {
		os.Remove(name)
		logf("zonegen: no-op record not saved (the next run builds): %v", err)
	}
}

func (c *Comparison) writeRecord(name string, book ledger, inputs []byte) (err error) {
	tmp, err := createTemp(c.Dir, tempPrefix+CacheName+".*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	fi, err := tmp.Stat()
	if err != nil {
		return err
	}
	probe := stampOf(fi)
	if !probe.usable() {
		return errors.New("this platform gives no inode and change time to stamp files with")
	}
	mstamp, err := lstatStamp(filepath.Join(c.Dir, ManifestName))
	if err != nil {
		return err
	}
	m := book.manifest()
	var b bytes.Buffer
	b.Grow(64 * (len(m.Entries) + 8))
	b.WriteString(cacheHeader)
	b.WriteString(cacheVersion + "\n")
	fmt.Fprintf(&b, "scope %s %s\n", dash(strings.Join(c.Scope.Kinds, ",")), dash(c.Scope.Env))
	fmt.Fprintf(&b, "manifest %s %s\n", Hash(m.Marshal()), mstamp)
	fmt.Fprintf(&b, "inputs %s\n", strconv.Quote(string(inputs)))
	for _, e := range m.Entries {
		if !c.Scope.Contains(e.Kind, e.Env) {
			continue
		}
		st, err := lstatStamp(filepath.Join(c.Dir, filepath.FromSlash(e.Path)))
		if err != nil {
			return err
		}
		if read, ok := c.readStamp(e.Path); st.racy(probe.Ctime) || ok && read != st {
			b.WriteString("file - " + e.Path + "\n")
			continue
		}
		b.WriteString("file " + st.String() + " " + e.Path + "\n")
	}
	b.WriteString("sum " + Hash(b.Bytes()) + "\n")
	if _, err := writeTemp(tmp, b.Bytes()); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return rename(tmp.Name(), name)
}

// readStamp returns the stamp Compare saw when it read an unchanged file; ok is false for any
// other path (a file this run wrote was stamped after its rename, by writeRecord).
func (c *Comparison) readStamp(rel string) (Stamp, bool) {
	i, found := slices.BinarySearchFunc(c.Changes, rel, func(ch Change, p string) int { return strings.Compare(ch.Path, p) })
	if !found || c.Changes[i].Action != Unchanged {
		return Stamp{}, false
	}
	return c.Changes[i].stamp, true
}

// parseRecord parses a record; ok is false for anything but a complete one of this version.
func parseRecord(data []byte) (*record, bool) {
	body, sumLine, ok := cutLastLine(data)
	if !ok || sumLine != "sum "+Hash(body) {
		return nil, false
	}
	r := &record{}
	lines := strings.Split(strings.TrimSuffix(string(body), "\n"), "\n")
	if len(lines) < 5 || lines[0]+"\n" != cacheHeader || lines[1] != cacheVersion {
		return nil, false
	}
	f := strings.Fields(lines[2])
	if len(f) != 3 || f[0] != "scope" {
		return nil, false
	}
	if k := unDash(f[1]); k != "" {
		r.scope.Kinds = strings.Split(k, ",")
	}
	r.scope.Env = unDash(f[2])
	f = strings.Fields(lines[3])
	if len(f) != 7 || f[0] != "manifest" {
		return nil, false
	}
	r.manifestSHA256 = f[1]
	if r.manifestStamp, ok = parseStamp(f[2:]); !ok {
		return nil, false
	}
	q, ok := strings.CutPrefix(lines[4], "inputs ")
	if !ok {
		return nil, false
	}
	in, err := strconv.Unquote(q)
	if err != nil {
		return nil, false
	}
	r.inputs = []byte(in)
	r.files = make([]recordFile, 0, len(lines)-5)
	for _, l := range lines[5:] {
		f := strings.Fields(l)
		var rf recordFile
		switch {
		case len(f) == 3 && f[0] == "file" && f[1] == "-":
			rf.path = f[2]
		case len(f) == 7 && f[0] == "file":
			if rf.stamp, ok = parseStamp(f[1:6]); !ok {
				return nil, false
			}
			rf.path = f[6]
		default:
			return nil, false
		}
		r.files = append(r.files, rf)
	}
	return r, true
}

// cutLastLine splits data before its last line, which must end the data with a line break.
func cutLastLine(data []byte) (body []byte, last string, ok bool) {
	if len(data) == 0 || data[len(data)-1] != '\n' {
		return nil, "", false
	}
	i := bytes.LastIndexByte(data[:len(data)-1], '\n')
	if i < 0 {
		return nil, "", false
	}
	return data[:i+1], string(data[i+1 : len(data)-1]), true
}

// UpToDate reports, from the no-op record and stat(2), whether dir is exactly what the
// recorded build made of it, with that build's scope; inputsMatch judges the recorded inputs
// (zonegen checks every file the build read). It returns the Comparison a build would give
// then: every owned file in scope Unchanged, the bytes left unread (Old and New are nil).
// Any doubt is false: no record, another or an interrupted run (a lock, a journal, or what
// a killed run leaves for the next write to sweep: a temp file, a staging folder, a lock
// neighbour), a manifest or file that changed, a scope that differs. It only reads.
func UpToDate(dir string, scope Scope, inputsMatch func(inputs []byte) bool) (*Comparison, bool) {
	if interrupted(dir) {
		return nil, false
	}
	data, err := readBookkeeping(filepath.Join(dir, CacheName), maxBookkeeping)
	if err != nil {
		return nil, false
	}
	rec, ok := parseRecord(data)
	if !ok || rec.scope.Env != scope.Env || !slices.Equal(rec.scope.Kinds, scope.Kinds) {
		return nil, false
	}
	mname := filepath.Join(dir, ManifestName)
	mdata, err := readBookkeeping(mname, maxBookkeeping)
	if err != nil {
		return nil, false
	}
	if st, err := lstatStamp(mname); err != nil || st != rec.manifestStamp || Hash(mdata) != rec.manifestSHA256 {
		return nil, false
	}
	m, err := ParseManifest(mdata, mname)
	if err != nil {
		return nil, false
	}
	r, err := openRoot(dir)
	if err != nil {
		return nil, false
	}
	c := &Comparison{Dir: dir, Scope: scope, manifest: m, root: r}
	for _, e := range m.Entries {
		if !scope.Contains(e.Kind, e.Env) {
			continue
		}
		i := len(c.Changes)
		if i >= len(rec.files) || rec.files[i].path != e.Path || !c.unchangedSince(rec.files[i], e) {
			return nil, false
		}
		c.Changes = append(c.Changes, Change{Path: e.Path, Action: Unchanged, Kind: e.Kind, Env: e.Env})
	}
	if len(c.Changes) != len(rec.files) || !inputsMatch(rec.inputs) {
		return nil, false
	}
	return c, true
}

// unchangedSince reports whether the owned file still holds the bytes the manifest lists:
// by its stamp, or, when the record holds none or the stamp moved (a checkout that rewrote
// the same bytes, a touch), by hashing it.
func (c *Comparison) unchangedSince(f recordFile, e Entry) bool {
	if f.stamp.usable() {
		if st, err := lstatStamp(filepath.Join(c.Dir, filepath.FromSlash(f.path))); err == nil && st == f.stamp {
			return true
		}
	}
	data, _, err := c.read(f.path)
	return err == nil && data != nil && Hash(data) == e.SHA256
}

// interrupted reports whether dir's top level holds the lock, the journal, or anything a run
// killed half-way leaves behind (sweep removes those). The no-op must not answer then: it
// would leave them, and only a write sweeps. Temp files in subfolders exist only with a
// journal. An unreadable folder counts as interrupted.
func interrupted(dir string) bool {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return true
	}
	for _, e := range entries {
		switch n := e.Name(); {
		case n == LockName, n == JournalName, strings.HasPrefix(n, LockName+"."),
			strings.HasPrefix(n, tempPrefix), strings.HasPrefix(n, stagingPrefix):
			return true
		}
	}
	return false
}
