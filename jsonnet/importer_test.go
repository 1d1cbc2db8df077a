package jsonnet

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/zonegen/zonegen/internal/testfs"
)

var writeFile = testfs.WriteFile

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
}

func TestImportsAllowed(t *testing.T) {
	for _, tc := range []struct {
		jpath      []string
		wantShared string
	}{
		// The right-most --jpath wins, as with jsonnet -J.
		{[]string{"testdata/imports/jpath1", "testdata/imports/jpath2"}, "jpath2"},
		{[]string{"testdata/imports/jpath2", "testdata/imports/jpath1"}, "jpath1"},
	} {
		out, err := EvaluateFile("testdata/imports/src/main.jsonnet", Options{JPath: tc.jpath})
		if err != nil {
			t.Fatalf("jpath %v: %v", tc.jpath, err)
		}
		got := decode(t, out)
		want := map[string]any{
			"sibling": "sibling",
			"nested":  "nested+sibling",
			"shared":  tc.wantShared,
			"text":    "hi\n",
			"bytes":   []any{104.0, 105.0, 10.0},
			"lib":     "10.0.0.2",
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("jpath %v:\n got %v\nwant %v", tc.jpath, got, want)
		}
	}
}

func TestImportWithoutJPathIsNotFound(t *testing.T) {
	_, err := EvaluateFile("testdata/imports/src/main.jsonnet", Options{})
	ee := asEvalError(t, err)
	if !strings.Contains(ee.Msg, `import "shared.libsonnet" from testdata/imports/src/main.jsonnet: not found in `) {
		t.Errorf("want a not-found error naming the import and the importing file, got:\n%s", ee.Msg)
	}
}

// TestImportsRefused covers every way out of the allowed folders. Each error must name the
// import, the file that imported it and the allowed folders.
func TestImportsRefused(t *testing.T) {
	secretAbs, err := filepath.Abs("testdata/imports/secret.libsonnet")
	if err != nil {
		t.Fatal(err)
	}
	// Sources built at run time: an absolute import and symlinks out of the folder.
	tmp := t.TempDir()
	outside := filepath.Join(tmp, "outside")
	writeFile(t, filepath.Join(outside, "secret.libsonnet"), "{ secret: 'outside' }")
	src := filepath.Join(tmp, "src")
	writeFile(t, filepath.Join(src, "absolute.jsonnet"), "(import '"+secretAbs+"').secret")
	symlink(t, filepath.Join(outside, "secret.libsonnet"), filepath.Join(src, "link.libsonnet"))
	writeFile(t, filepath.Join(src, "filelink.jsonnet"), "(import 'link.libsonnet').secret")
	symlink(t, outside, filepath.Join(src, "dirlink"))
	writeFile(t, filepath.Join(src, "dirlink.jsonnet"), "(import 'dirlink/secret.libsonnet').secret")
	symlink(t, "/etc/passwd", filepath.Join(src, "passwd.txt"))
	writeFile(t, filepath.Join(src, "passwdlink.jsonnet"), "importstr 'passwd.txt'")

	for _, tc := range []struct {
		name, source, imported string
	}{
		{"dot-dot", "testdata/imports/src/dotdot.jsonnet", "../secret.libsonnet"},
		{"dot-dot one import deep", "testdata/imports/src/nested_dotdot.jsonnet", "../../secret.libsonnet"},
		{"importstr /etc/passwd", "testdata/imports/src/passwd.jsonnet", "/etc/passwd"},
		{"absolute path", filepath.Join(src, "absolute.jsonnet"), secretAbs},
		{"symlinked file", filepath.Join(src, "filelink.jsonnet"), "link.libsonnet"},
		{"symlinked folder", filepath.Join(src, "dirlink.jsonnet"), "dirlink/secret.libsonnet"},
		{"symlink to /etc/passwd", filepath.Join(src, "passwdlink.jsonnet"), "passwd.txt"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, err := EvaluateFile(tc.source, Options{JPath: []string{"testdata/imports/jpath1"}})
			if err == nil {
				t.Fatalf("the import was allowed; output:\n%s", out)
			}
			ee := asEvalError(t, err)
			srcDir, _ := realPath(filepath.Dir(tc.source))
			jpathDir, _ := realPath("testdata/imports/jpath1")
			for _, want := range []string{
				`import "` + tc.imported + `"`,
				"outside the allowed folders",
				srcDir + " (source folder)",
				jpathDir + " (--jpath)",
				"the embedded zonegen.libsonnet",
			} {
				if !strings.Contains(ee.Msg, want) {
					t.Errorf("error lacks %q:\n%s", want, ee.Msg)
				}
			}
			if strings.Contains(ee.Msg, "outside'") || strings.Contains(ee.Msg, "root:") {
				t.Errorf("the error leaks the refused file's content:\n%s", ee.Msg)
			}
		})
	}
}

func TestImportErrorNamesImportingFile(t *testing.T) {
	_, err := EvaluateFile("testdata/imports/src/nested_dotdot.jsonnet", Options{})
	ee := asEvalError(t, err)
	// The refused import is in sub/escape.libsonnet, not in the source itself.
	if !strings.Contains(ee.Msg, `import "../../secret.libsonnet" from testdata/imports/src/sub/escape.libsonnet:`) {
		t.Errorf("error does not name the importing file:\n%s", ee.Msg)
	}
}

func TestSymlinkInsideIsAllowed(t *testing.T) {
	src := t.TempDir()
	writeFile(t, filepath.Join(src, "real", "data.libsonnet"), "{ ok: true }")
	symlink(t, filepath.Join(src, "real", "data.libsonnet"), filepath.Join(src, "alias.libsonnet"))
	writeFile(t, filepath.Join(src, "main.jsonnet"), "(import 'alias.libsonnet').ok")
	out, err := EvaluateFile(filepath.Join(src, "main.jsonnet"), Options{})
	if err != nil || strings.TrimSpace(string(out)) != "true" {
		t.Fatalf("got %q, %v", out, err)
	}
}

func TestSourceSymlinkKeepsItsFolder(t *testing.T) {
	// The source itself may be a symlink the user named; its imports still resolve in the
	// folder the user named, not in the link target's.
	tmp := t.TempDir()
	writeFile(t, filepath.Join(tmp, "elsewhere", "infra.jsonnet"), "(import 'local.libsonnet').where")
	writeFile(t, filepath.Join(tmp, "elsewhere", "local.libsonnet"), "{ where: 'target folder' }")
	writeFile(t, filepath.Join(tmp, "repo", "local.libsonnet"), "{ where: 'named folder' }")
	symlink(t, filepath.Join(tmp, "elsewhere", "infra.jsonnet"), filepath.Join(tmp, "repo", "infra.jsonnet"))
	out, err := EvaluateFile(filepath.Join(tmp, "repo", "infra.jsonnet"), Options{})
	if err != nil || strings.TrimSpace(string(out)) != `"named folder"` {
		t.Fatalf("got %q, %v", out, err)
	}
}

func TestMissingJPath(t *testing.T) {
	_, err := EvaluateFile("testdata/imports/src/main.jsonnet", Options{JPath: []string{"testdata/nope"}})
	if err == nil || !errors.Is(err, os.ErrNotExist) || !strings.Contains(err.Error(), "testdata/nope (--jpath)") {
		t.Fatalf("want an error naming the missing --jpath folder, got %v", err)
	}
}

// TestImporterCache checks go-jsonnet's importer contract: the same Contents for the same
// foundAt, and within one evaluation a file is read once even if it changes on disk.
func TestImporterCache(t *testing.T) {
	src := t.TempDir()
	main := filepath.Join(src, "main.jsonnet")
	writeFile(t, main, "{}")
	writeFile(t, filepath.Join(src, "a.libsonnet"), "1")
	im, err := newImporter(main, nil)
	if err != nil {
		t.Fatal(err)
	}
	c1, at1, err := im.Import(main, "a.libsonnet")
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(src, "a.libsonnet"), "2")
	// A different importing file in the same folder reaches the same file.
	c2, at2, err := im.Import(filepath.Join(src, "other.jsonnet"), "a.libsonnet")
	if err != nil {
		t.Fatal(err)
	}
	if at1 != at2 || &c1.Data()[0] != &c2.Data()[0] || c2.String() != "1" {
		t.Errorf("want one cached read: %q %q, %q %q", at1, c1, at2, c2)
	}
	lib1, at, err := im.Import(main, LibraryName)
	lib2, _, _ := im.Import("", LibraryName)
	if err != nil || at != libraryFoundAt || lib1 != lib2 || lib1.String() != string(Library()) {
		t.Errorf("library import: %q, %v", at, err)
	}
}
