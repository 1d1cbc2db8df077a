package jsonnet

import (
	"errors"
	"strconv"
	"strings"

	gojsonnet "github.com/google/go-jsonnet"
)

// DefaultMaxStack is the default recursion limit in jsonnet frames (go-jsonnet's default).
const DefaultMaxStack = 500

// overflowMsg is go-jsonnet's message when MaxStack is reached (interpreter.go).
const overflowMsg = "max stack frames exceeded."

// newVM is the one place a VM is built (like tanka's goimpl/vm.go MakeRawVM): the sandboxed
// importer, external variables, top-level arguments and the stack limit. Every evaluation,
// plain or parallel, goes through it, so they cannot drift apart.
func newVM(im *importer, opts Options) *gojsonnet.VM {
	vm := gojsonnet.MakeVM()
	vm.Importer(im)
	vm.MaxStack = maxStack(opts)
	for k, v := range opts.ExtStr {
		vm.ExtVar(k, v)
	}
	for k, v := range opts.ExtCode {
		vm.ExtCode(k, v)
	}
	for k, v := range opts.TLAStr {
		vm.TLAVar(k, v)
	}
	for k, v := range opts.TLACode {
		vm.TLACode(k, v)
	}
	return vm
}

func maxStack(opts Options) int {
	if opts.MaxStack > 0 {
		return opts.MaxStack
	}
	return DefaultMaxStack
}

// EvalError is an error jsonnet reported: a syntax error, a runtime error (error, assert,
// a refused import) or a stack overflow. Msg is go-jsonnet's own text, with its
// file:line:col locations and stack trace, so editors and people can jump to the cause.
type EvalError struct {
	Msg string
	// StackOverflow is set when the stack limit was reached (Options.MaxStack).
	StackOverflow bool
}

func (e *EvalError) Error() string { return strings.TrimRight(e.Msg, "\n") }

// evalError turns an error of vm.ImportAST or vm.Evaluate into an *EvalError formatted by
// go-jsonnet. The stack overflow message gains the limit and the likely cause; the trace
// that follows it still points at the recursing code.
func evalError(vm *gojsonnet.VM, err error) *EvalError {
	var rt gojsonnet.RuntimeError
	if errors.As(err, &rt) && rt.Msg == overflowMsg {
		rt.Msg = "max stack frames exceeded (" + strconv.Itoa(vm.MaxStack) +
			" frames; infinite recursion?)"
		return &EvalError{Msg: vm.ErrorFormatter.Format(rt), StackOverflow: true}
	}
	return &EvalError{Msg: vm.ErrorFormatter.Format(err)}
}
