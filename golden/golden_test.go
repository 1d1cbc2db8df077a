package golden

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"strings"
	"sync"
	"testing"

	zonegen "github.com/zonegen/zonegen"
	"github.com/zonegen/zonegen/jsonnet"
	"github.com/zonegen/zonegen/topology"
)

var update = flag.Bool("update", false, "rewrite the golden files that changed, delete stale ones, and list them")

const reviewHint = "run `go test ./golden -update` and review every changed line"

// TestGolden builds every case folder and compares the result with the stored golden files.
func TestGolden(t *testing.T) {
	cases, err := caseNames(".")
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) == 0 {
		t.Fatal("no case folders under golden/")
	}

	log := &updateLog{}
	if *update {
		// Cleanup runs after the parallel subtests, so this is the last line of the log.
		t.Cleanup(func() { t.Log(log.summary()) })
	}
	for _, name := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			runCase(t, name, log)
		})
	}
}

// updateLog collects, across the parallel cases of one -update run, the golden files
// written and deleted.
type updateLog struct {
	mu               sync.Mutex
	cases            int
	written, deleted int
}

func (l *updateLog) add(written, deleted int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.cases++
	l.written += written
	l.deleted += deleted
}

func (l *updateLog) summary() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.written+l.deleted == 0 {
		return fmt.Sprintf("golden files up to date: nothing written or deleted in %d cases", l.cases)
	}
	return fmt.Sprintf("golden files updated in %d cases: %d written, %d deleted (listed above); review them with `git diff golden/`",
		l.cases, l.written, l.deleted)
}

// caseNames lists the case folders of root, sorted; folders starting with "." or "_" are not
// cases.
func caseNames(root string) ([]string, error) {
	entries, err := os.ReadDir(root)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		if e.IsDir() && !strings.HasPrefix(e.Name(), ".") && !strings.HasPrefix(e.Name(), "_") {
			names = append(names, e.Name())
		}
	}
	return names, nil
}

// runCase checks (or, with -update, rewrites) one case, logging each file it writes or
// deletes.
func runCase(t *testing.T, name string, log *updateLog) {
	if _, err := os.Stat(filepath.Join(name, sourceFile)); err != nil {
		t.Fatalf("a case folder needs %s: %v", sourceFile, err)
	}
	stored, err := loadTree(name)
	if err != nil {
		t.Fatal(err)
	}
	if !*update {
		switch {
		case stored.valid() && stored.invalid():
			t.Fatalf("%s stores both a valid result (want/, %s) and %s; keep the one the source means and %s",
				name, explainGolden, errorsGolden, reviewHint)
		case !stored.valid() && !stored.invalid():
			t.Fatalf("%s stores no result (want/ and %s, or %s); to create it, run `go test ./golden -update -run 'TestGolden/%s$'` and review every file",
				name, explainGolden, errorsGolden, name)
		}
	}

	built, err := buildCase(name)
	if err != nil {
		t.Fatal(err)
	}
	// Output, explain text and warnings must not depend on map order or timing.
	if again, err := buildCase(name); err != nil {
		t.Fatalf("second build: %v", err)
	} else if diffs := compare(built, again); diffs != nil {
		t.Fatalf("two builds of the same source differ (nondeterministic output):\n%s", strings.Join(diffs, "\n"))
	}

	if *update {
		switch {
		case stored.valid() && stored.invalid():
			t.Logf("%s stored both kinds of result; keeping the %s one", name, kind(built))
		case stored.valid() != built.valid() && stored.invalid() != built.invalid():
			t.Logf("%s: the source is now %s (it was stored as %s)", name, kind(built), kind(stored))
		}
		written, deleted, err := writeTree(name, stored, built)
		for _, p := range written {
			t.Logf("wrote   %s/%s", name, p)
		}
		for _, p := range deleted {
			t.Logf("deleted %s/%s", name, p)
		}
		log.add(len(written), len(deleted))
		if err != nil {
			t.Fatal(err)
		}
		return
	}

	if diffs := compare(stored, built); diffs != nil {
		head := fmt.Sprintf("%s: built output differs from the golden files", name)
		if stored.valid() != built.valid() {
			head = fmt.Sprintf("%s: stored as %s, but the source is now %s", name, kind(stored), kind(built))
		}
		t.Errorf("%s\n%s\n%s", head, strings.Join(diffs, "\n"), reviewHint)
	}
}

func kind(t tree) string {
	if t.valid() {
		return "valid"
	}
	return "invalid"
}

// buildCase runs the pipeline on case folder name as the CLI would and returns the golden
// tree it should store. The source path is relative to golden/, so messages name
// "<case>/source.jsonnet". The error is a harness error: a crash, or a failure that is
// neither an *topology.InvalidError nor a jsonnet evaluation error (a template or generator
// bug must never become a golden file).
func buildCase(name string) (tree, error) {
	in := zonegen.Input{Source: filepath.Join(name, sourceFile)}
	res, err := safeBuild(in)
	if err == nil {
		return validTree(res)
	}

	var invalid *topology.InvalidError
	if errors.As(err, &invalid) {
		if res != nil && len(res.Files) > 0 {
			return nil, fmt.Errorf("invalid source, yet %d files were generated", len(res.Files))
		}
		var warnings []topology.Problem
		if res != nil && res.Report != nil {
			warnings = res.Report.Warnings
		}
		return tree{errorsGolden: problemLines(invalid.Problems, warnings)}, nil
	}

	// Anything else must be an evaluation failure: prove it by evaluating on its own.
	if _, evalErr := jsonnet.EvaluateFile(in.Source, in.Jsonnet); evalErr == nil {
		return nil, fmt.Errorf("the source evaluates, but the build failed with something other than *topology.InvalidError: %w", err)
	}
	if res != nil {
		return nil, fmt.Errorf("jsonnet error with a non-nil pipeline result: %w", err)
	}
	msg, err := scrubPaths(err.Error(), name)
	if err != nil {
		return nil, err
	}
	return tree{errorsGolden: []byte(ensureNewline(msg))}, nil
}

// safeBuild is zonegen.Build with a panic turned into an error naming it.
func safeBuild(in zonegen.Input) (res *zonegen.Result, err error) {
	defer func() {
		if r := recover(); r != nil {
			res, err = nil, fmt.Errorf("pipeline panicked: %v\n%s", r, debug.Stack())
		}
	}()
	return zonegen.Build(in)
}

// validTree turns a valid build into want/ plus explain.golden.
func validTree(res *zonegen.Result) (tree, error) {
	if res == nil || res.Plan == nil || res.Report == nil {
		return nil, errors.New("valid build without a Plan and a Report")
	}
	explain, err := topology.Explain(res.Plan, "")
	if err != nil {
		return nil, fmt.Errorf("explain: %w", err)
	}
	var b bytes.Buffer
	if explain != "" {
		b.WriteString(ensureNewline(explain))
		b.WriteString("\n")
	}
	// Warnings are part of the stored result, so a changed warning shows in review.
	fmt.Fprintf(&b, "# warnings: %d\n", len(res.Report.Warnings))
	b.Write(problemLines(nil, res.Report.Warnings))

	// Every shared identifier a file declares must be one the Plan lists, so that the
	// injectivity Resolve checks over ConfigNames covers what the templates really write.
	declared := map[string]bool{}
	for _, n := range res.Plan.ConfigNames() {
		declared[n.Name] = true
	}
	for _, f := range res.Files {
		for _, id := range zgName.FindAllString(string(f.Data), -1) {
			if !declared[id] {
				return nil, fmt.Errorf("%s declares %s, which topology.Plan.ConfigNames does not list (add its suffix in topology/ids.go)", f.Path, id)
			}
		}
	}

	t := tree{explainGolden: b.Bytes()}
	for _, f := range res.Files {
		p := wantDir + "/" + f.Path
		if !owned(p) {
			return nil, fmt.Errorf("generated path %q is not a clean relative path", f.Path)
		}
		if _, dup := t[p]; dup {
			return nil, fmt.Errorf("generated path %q twice", f.Path)
		}
		t[p] = f.Data
	}
	return t, nil
}

// zgName matches the identifiers generated files share in one nginx or HAProxy.
var zgName = regexp.MustCompile(`\bzg_[a-z0-9_]*[a-z0-9]`)

// problemLines renders problems as the CLI reports them: errors, then warnings, one a line.
func problemLines(errs, warnings []topology.Problem) []byte {
	var b bytes.Buffer
	for _, p := range errs {
		fmt.Fprintf(&b, "error: %s\n", p)
	}
	for _, p := range warnings {
		fmt.Fprintf(&b, "warning: %s\n", p)
	}
	return b.Bytes()
}

// scrubPaths writes the case folder in msg as <case> and the absolute golden/ folder as
// <golden>, so that a message is the same on every checkout and under any case name.
func scrubPaths(msg, name string) (string, error) {
	golden, err := filepath.Abs(".")
	if err != nil {
		return "", err
	}
	msg = strings.ReplaceAll(msg, filepath.Join(golden, name), "<case>")
	msg = strings.ReplaceAll(msg, golden, "<golden>")
	return strings.ReplaceAll(msg, name+string(filepath.Separator), "<case>/"), nil
}

func ensureNewline(s string) string {
	if s == "" || strings.HasSuffix(s, "\n") {
		return s
	}
	return s + "\n"
}
