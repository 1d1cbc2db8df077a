package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// JournalName is the journal a write keeps in the output folder while it replaces files.
// It has the manifest's format (ParseManifest reads it) and lists, for every file the run
// is about to create or update, the entry the manifest will hold once the run is done.
//
// The journal is what keeps a run killed half-way from turning into a false "hand-edited"
// refusal: a file renamed into place before the kill no longer hashes to the manifest, but
// it hashes to the journal. It is written before the first file is replaced and removed
// after the final manifest is saved, and only by a run that completed; a failed or killed
// run leaves it for the next run to settle.
const JournalName = ManifestName + ".pending"

// journalHeader opens every journal.
const journalHeader = "# zonegen run in progress: the files it is replacing and their new sha256. A later run settles it. Do not edit.\n" +
	"# sha256 kind env path (\"-\": none)\n"

// readJournal returns dir's journal, nil when there is none.
func readJournal(dir string) (*Manifest, error) {
	name := filepath.Join(dir, JournalName)
	data, err := readBookkeeping(name, maxBookkeeping)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read journal: %w", err)
	}
	return ParseManifest(data, name)
}

// adoptPending returns the manifest as the disk shows it: m, with each journal entry
// taking the place of m's where the file already holds the journal's bytes (the run
// that wrote the journal renamed it into place). An entry whose file still has other
// bytes is ignored: that rename never happened, or the file was edited since, and m
// says which.
//
// Only paths m already owns are adopted: a run lists the files it creates in the
// manifest before it writes them (Write), so a journal never needs to vouch for a file
// the manifest does not know. A forged journal holding the hash of a foreign file would
// otherwise make zonegen adopt it and overwrite it without --force (issue 12).
func adoptPending(m, journal *Manifest, read func(rel string) ([]byte, error)) (*Manifest, error) {
	if journal == nil {
		return m, nil
	}
	book := newLedger(m)
	for _, e := range journal.Entries {
		if _, owned := book[e.Path]; !owned {
			continue
		}
		data, err := read(e.Path)
		if err != nil {
			return nil, err
		}
		if data != nil && Hash(data) == e.SHA256 {
			book[e.Path] = e
		}
	}
	return book.manifest(), nil
}

// settleJournal records a journal left by a failed or killed run: the manifest is saved
// with the entries adopted from it, so that the journal can be replaced or removed
// without losing track of a file. The journal itself stays until this run completes.
func (c *Comparison) settleJournal() error {
	if c.journal == nil {
		return nil
	}
	return c.saveManifest(newLedger(c.manifest))
}

// writeJournal records the new hash of every file this run creates or updates, before
// the first of them is replaced. A run that only prunes needs none: a manifest entry
// whose file is gone is harmless (Compare calls it Missing).
func (c *Comparison) writeJournal() error {
	pending := &Manifest{}
	for _, ch := range c.Changes {
		if ch.Action == Create || ch.Action == Update {
			pending.Entries = append(pending.Entries, Entry{Path: ch.Path, SHA256: ch.newSum(), Kind: ch.Kind, Env: ch.Env})
		}
	}
	if len(pending.Entries) == 0 {
		return nil
	}
	if err := atomicWrite(filepath.Join(c.Dir, JournalName), pending.marshal(journalHeader)); err != nil {
		return fmt.Errorf("write journal %s: %w", JournalName, err)
	}
	return nil
}

// removeJournal removes the journal once the manifest it fed is saved.
func (c *Comparison) removeJournal() error {
	err := os.Remove(filepath.Join(c.Dir, JournalName))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("remove journal: %w", err)
	}
	return nil
}
