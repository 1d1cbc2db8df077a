package jsonnet

import (
	"fmt"
	"runtime"
)

// Options are what a user passes into an evaluation.
type Options struct {
	JPath   []string          // extra import folders (--jpath); the last one wins
	ExtStr  map[string]string // --ext-str name=value
	ExtCode map[string]string // --ext-code name=jsonnet
	TLAStr  map[string]string // --tla-str
	TLACode map[string]string // --tla-code
	// MaxStack bounds recursion depth; 0 means the package default.
	MaxStack int
	// Workers bounds how many environments are evaluated at once; 0 means GOMAXPROCS and 1
	// evaluates the source in one piece. The output is the same either way.
	Workers int
}

// EvaluateFile evaluates the source at path and returns its JSON, formatted as go-jsonnet
// formats it. Errors jsonnet reports are *EvalError; a source that cannot be read, or a
// --jpath folder that does not exist, is a plain error.
//
// When the source is an object with an `environments` object, its environments are
// evaluated in parallel, one VM per worker, and merged into the bytes a plain evaluation
// gives (see parallel.go).
func EvaluateFile(path string, opts Options) ([]byte, error) {
	out, _, err := Evaluate(path, opts)
	return out, err
}

// Evaluate is EvaluateFile that also returns every file the evaluation read (Unchanged
// tells later whether it would read the same).
func Evaluate(path string, opts Options) ([]byte, []Read, error) {
	im, err := newImporter(path, opts.JPath)
	if err != nil {
		return nil, nil, err
	}
	out, err := evaluate(im, path, opts)
	if err != nil {
		return nil, nil, err
	}
	return out, im.reads(), nil
}

func evaluate(im *importer, path string, opts Options) ([]byte, error) {
	// Read the source first so that a missing file is an ordinary error rather than
	// go-jsonnet's "INTERNAL ERROR".
	if _, _, err := im.Import("", path); err != nil {
		return nil, fmt.Errorf("read source: %w", err)
	}
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	if workers > 1 {
		if out, ok := evaluateParallel(im, path, opts, workers); ok {
			return out, nil
		}
	}
	return evaluatePlain(im, path, opts)
}

// evaluatePlain evaluates the whole source in one VM, exactly like `jsonnet path`.
func evaluatePlain(im *importer, path string, opts Options) ([]byte, error) {
	vm := newVM(im, opts)
	node, _, err := vm.ImportAST("", path)
	if err != nil {
		return nil, evalError(vm, err)
	}
	out, err := vm.Evaluate(node)
	if err != nil {
		return nil, evalError(vm, err)
	}
	return []byte(out), nil
}
