package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"

	"github.com/zonegen/zonegen/jsonnet"
)

// Evaluation in a child process, under an address-space limit only. The watchdog (bounds.go)
// sees an allocation once it is made, but one allocation larger than all the address space
// left (`std.range(1, 1e9)` asks for 8 GB at once; under `ulimit -v 4194304` the quarter
// bound cannot help) fails inside the Go runtime, which ends the process with "fatal error:
// out of memory" and a goroutine dump that nothing in the process can stop. So where
// RLIMIT_AS is set, the CLI evaluates in a copy of itself: the child runs the same watchdog
// and writes the JSON back; the parent reads the child's stderr when it fails and turns the
// runtime's death into one message (exit 2, nothing written). Elsewhere the evaluation stays
// in the process: the child costs a fresh generate of the M bench tier about 130 ms, and
// under a cgroup limit, where one allocation larger than what is left of it still ends in the
// kernel's silent OOM kill, every container would pay that for a case that rare
// (SECURITY.md, "Evaluation bounds").

// childEnv marks the process as the evaluation child (main and TestMain look for it).
const childEnv = "ZONEGEN_EVALUATION_CHILD"

// childRequest is what the parent writes to the child's stdin: the source and its options
// (external variables included, so they never appear in an argument list or environment).
type childRequest struct {
	Source       string
	Options      jsonnet.Options
	MaxMemoryMiB int
}

// childReply is the first line the child writes to stdout; the evaluated JSON follows it.
type childReply struct {
	Reads []jsonnet.Read
	// Err is the evaluation's error; EvalError and StackOverflow say it was jsonnet's own.
	Err           string
	EvalError     bool
	StackOverflow bool
}

// childEvaluator returns the evaluation Build runs for the CLI: nil (in this process)
// unless an address-space limit is set.
func (a *app) childEvaluator() func(string, jsonnet.Options) ([]byte, []jsonnet.Read, error) {
	limit := addressSpaceLimit()
	if limit <= 0 {
		return nil
	}
	return func(source string, opts jsonnet.Options) ([]byte, []jsonnet.Read, error) {
		return a.evaluateInChild(source, opts, limit)
	}
}

// outOfMemory is the Go runtime's line when an allocation fails.
var outOfMemory = regexp.MustCompile(`runtime: out of memory: cannot allocate (\d+)-byte block`)

func (a *app) evaluateInChild(source string, opts jsonnet.Options, limit int64) ([]byte, []jsonnet.Read, error) {
	self, err := os.Executable()
	if err != nil {
		return nil, nil, fmt.Errorf("evaluate in a child process: %w", err)
	}
	req, err := json.Marshal(childRequest{Source: source, Options: opts, MaxMemoryMiB: a.cfg.MaxMemoryMiB})
	if err != nil {
		return nil, nil, err
	}
	cmd := exec.Command(self)
	cmd.Env = append(os.Environ(), childEnv+"=1")
	cmd.Stdin = bytes.NewReader(req)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	dieWithParent(cmd) // the parent's --timeout ends it with the parent
	runErr := cmd.Run()
	if runErr == nil {
		return readReply(&stdout)
	}
	var exit *exec.ExitError
	if !errors.As(runErr, &exit) {
		return nil, nil, fmt.Errorf("evaluate in a child process: %w", runErr)
	}
	text := stderr.String()
	if strings.Contains(text, "fatal error: out of memory") || strings.Contains(text, "cannot allocate memory") {
		why := fmt.Sprintf("evaluating %s ran out of the %d MiB address-space limit (ulimit -v)", source, limit>>20)
		if m := outOfMemory.FindStringSubmatch(text); m != nil {
			n, _ := strconv.ParseInt(m[1], 10, 64)
			why = fmt.Sprintf("evaluating %s needs one block of %d MiB at once, more than is left of the %d MiB address-space limit (ulimit -v)", source, n>>20, limit>>20)
		}
		printBound(a.stderr, why)
		return nil, nil, &exitError{code: exitInvalid, err: errors.New(why), silent: true}
	}
	if exit.ExitCode() == exitInvalid && bytes.HasPrefix(stderr.Bytes(), []byte("zonegen: ")) {
		// The child's watchdog: its message is already written for the user.
		io.WriteString(a.stderr, text)
		return nil, nil, &exitError{code: exitInvalid, err: errors.New(text), silent: true}
	}
	return nil, nil, fmt.Errorf("the evaluation's child process failed (%v): %s", runErr, text)
}

func readReply(r *bytes.Buffer) ([]byte, []jsonnet.Read, error) {
	line, err := r.ReadBytes('\n')
	if err != nil {
		return nil, nil, fmt.Errorf("evaluate in a child process: a reply without its first line")
	}
	var rep childReply
	if err := json.Unmarshal(line, &rep); err != nil {
		return nil, nil, fmt.Errorf("evaluate in a child process: %w", err)
	}
	switch {
	case rep.EvalError:
		return nil, rep.Reads, &jsonnet.EvalError{Msg: rep.Err, StackOverflow: rep.StackOverflow}
	case rep.Err != "":
		return nil, rep.Reads, errors.New(rep.Err)
	}
	return r.Bytes(), rep.Reads, nil
}

// evaluationChild is the child's whole run: read the request, evaluate under the same memory
// bound, write the reply. Its exit status is 0 when it replied, the watchdog's 2 otherwise.
func evaluationChild(stdin io.Reader, stdout, stderr io.Writer) int {
	var req childRequest
	if err := json.NewDecoder(stdin).Decode(&req); err != nil {
		fmt.Fprintln(stderr, "evaluation child: read the request:", err)
		return 70
	}
	type result struct {
		data  []byte
		reads []jsonnet.Read
	}
	res, err := bounded(&Config{Source: req.Source, MaxMemoryMiB: req.MaxMemoryMiB}, stderr, func() (result, error) {
		data, reads, err := jsonnet.Evaluate(req.Source, req.Options)
		return result{data, reads}, err
	})
	rep := childReply{Reads: res.reads}
	var ee *jsonnet.EvalError
	if errors.As(err, &ee) {
		rep.Err, rep.EvalError, rep.StackOverflow = ee.Msg, true, ee.StackOverflow
	} else if err != nil {
		rep.Err = err.Error()
	}
	line, err := json.Marshal(rep)
	if err != nil {
		fmt.Fprintln(stderr, "evaluation child:", err)
		return 70
	}
	w := bufio.NewWriter(stdout)
	w.Write(line)
	w.WriteByte('\n')
	w.Write(res.data)
	if err := w.Flush(); err != nil {
		fmt.Fprintln(stderr, "evaluation child: write the reply:", err)
		return 70
	}
	return 0
}
