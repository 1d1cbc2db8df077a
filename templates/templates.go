package templates

import (
	"bytes"
	"embed"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
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
	var overridden []string
	if overrideDir != "" {
		entries, err := os.ReadDir(overrideDir)
		if err != nil {
			return nil, fmt.Errorf("template overrides: %w", err)
		}
		for _, e := range entries {
			n := e.Name()
			if e.IsDir() || !strings.HasSuffix(n, ".tmpl") {
				continue
			}
			if _, ok := sources[n]; !ok {
				return nil, fmt.Errorf("template overrides: %s names no built-in template (have %s)",
					filepath.Join(overrideDir, n), strings.Join(names, ", "))
			}
			b, err := os.ReadFile(filepath.Join(overrideDir, n))
			if err != nil {
				return nil, fmt.Errorf("template overrides: %w", err)
			}
			sources[n] = string(b)
			overridden = append(overridden, n)
		}
	}
	sort.Strings(overridden)

	root := template.New("").Option("missingkey=error").Funcs(Funcs())
	for _, n := range names {
		if _, err := root.New(n).Parse(sources[n]); err != nil {
			return nil, fmt.Errorf("parse template %s: %w", n, err)
		}
	}
	return &Set{tpl: root, Overridden: overridden}, nil
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
