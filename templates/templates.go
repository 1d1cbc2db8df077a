package templates

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"text/template"

	"github.com/Masterminds/sprig/v3"
)

// builtin holds the default templates. Every *.tmpl file is one output kind's template;
// _*.tmpl files hold shared {{define}} blocks available to all of them.
//
//go:embed *.tmpl
var builtin embed.FS

// Set is a parsed collection of templates: the built-in ones, each optionally replaced by a
// file of the same name from an override folder (--templates DIR).
type Set struct {
	tpl *template.Template
	// Overridden lists the template names taken from the override folder, sorted.
	Overridden []string
	// Digest is the sha256 of the overrides as read (OverridesDigest), "" without a folder.
	Digest string
}

// New parses the built-in templates, replacing any that overrideDir ("" for none) holds
// under the same name. An override folder file that names no built-in template is an error,
// so that a typo does not silently keep the default.
func New(overrideDir string) (*Set, error) {
	sources := map[string]string{}
	names, err := fs.Glob(builtin, "*.tmpl")
	if err != nil {
		return nil, err
	}
	for _, n := range names {
		b, err := builtin.ReadFile(n)
		if err != nil {
			return nil, err
		}
		sources[n] = string(b)
	}
	overrides, err := readOverrides(overrideDir)
	if err != nil {
		return nil, err
	}
	overridden := slices.Sorted(maps.Keys(overrides))
	for _, n := range overridden {
		if _, ok := sources[n]; !ok {
			return nil, fmt.Errorf("template overrides: %s names no built-in template (have %s)",
				filepath.Join(overrideDir, n), strings.Join(names, ", "))
		}
		sources[n] = string(overrides[n])
	}

	root := template.New("").Option("missingkey=error").Funcs(Funcs())
	for _, n := range names {
		if _, err := root.New(n).Parse(sources[n]); err != nil {
			return nil, fmt.Errorf("parse template %s: %w", n, err)
		}
	}
	return &Set{tpl: root, Overridden: overridden, Digest: digest(overrideDir, overrides)}, nil
}

// readOverrides reads the *.tmpl files of the override folder, by name; nil for "".
func readOverrides(dir string) (map[string][]byte, error) {
	if dir == "" {
		return nil, nil
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("template overrides: %w", err)
	}
	out := map[string][]byte{}
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() || !strings.HasSuffix(n, ".tmpl") {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, n))
		if err != nil {
			return nil, fmt.Errorf("template overrides: %w", err)
		}
		out[n] = b
	}
	return out, nil
}

// OverridesDigest is the sha256 of what New reads from the override folder dir (the name and
// bytes of every *.tmpl file in it), so that the no-op record can tell the folder changed
// without parsing a template; "" for no folder. An unreadable folder is an error.
func OverridesDigest(dir string) (string, error) {
	overrides, err := readOverrides(dir)
	if err != nil {
		return "", err
	}
	return digest(dir, overrides), nil
}

func digest(dir string, overrides map[string][]byte) string {
	if dir == "" {
		return ""
	}
	h := sha256.New()
	for _, n := range slices.Sorted(maps.Keys(overrides)) {
		sum := sha256.Sum256(overrides[n])
		fmt.Fprintf(h, "%s\x00%x\n", n, sum)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// MustDefault returns the built-in set; it panics only if a built-in template is broken,
// which the tests catch.
func MustDefault() *Set {
	s, err := New("")
	if err != nil {
		panic(err)
	}
	return s
}

// Render executes the named template (e.g. "nginx-proxy.conf.tmpl") with data.
func (s *Set) Render(name string, data any) ([]byte, error) {
	buf := buffers.Get().(*bytes.Buffer)
	defer putBuffer(buf)
	buf.Reset()
	if err := s.tpl.ExecuteTemplate(buf, name, data); err != nil {
		return nil, fmt.Errorf("render template %s: %w", name, err)
	}
	return bytes.Clone(buf.Bytes()), nil
}

// buffers recycles render buffers: a template writes in small pieces, and a fresh buffer
// regrows (and copies) its way up to every file's size, which was a third of the bytes
// allocated while rendering the M bench tier (README.md, "Performance"). Each file then
// costs one exact-size copy.
var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// putBuffer returns buf to the pool unless it grew unusually large, so that one huge file
// does not pin its buffer for the rest of the run.
func putBuffer(buf *bytes.Buffer) {
	if buf.Cap() <= 4<<20 {
		buffers.Put(buf)
	}
}

// Funcs is the function map of every template: sprig's hermetic functions (no clock, no
// randomness, no environment), so that output depends on the Plan alone.
func Funcs() template.FuncMap { return sprig.HermeticTxtFuncMap() }
