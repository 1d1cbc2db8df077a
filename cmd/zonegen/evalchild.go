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

// Evaluation in a child process, under a memory limit of the machine's. The watchdog
// (bounds.go) sees an allocation once it is made, but one allocation larger than all the
// memory left cannot be caught in the process that makes it: under an address-space limit
// (`std.range(1, 1e9)` asks for 8 GB at once; under `ulimit -v 4194304` the quarter bound
// cannot help) it fails inside the Go runtime, which ends the process with "fatal error: out
// of memory" and a goroutine dump nothing can stop; under a cgroup memory limit (a
// memory-capped container) the kernel kills the process without a word. So where either
// limit is set, the CLI evaluates in a copy of itself: the child runs the same watchdog,
// makes itself the out-of-memory killer's first choice and writes the JSON back; the parent
// turns the child's death into one message (exit 2, nothing written). Without a limit the
// evaluation stays in the process, where the child would cost a fresh generate of the M
// bench tier about a fifth; a no-op answered by its record evaluates nothing either way.

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
// unless an address-space or cgroup memory limit is set.
func (a *app) childEvaluator() func(string, jsonnet.Options) ([]byte, []jsonnet.Read, error) {
	lim := childLimits{addressSpace: addressSpaceLimit()}
	lim.cgroup, _ = cgroupLimit()
	if lim.addressSpace <= 0 && lim.cgroup <= 0 {
		return nil
	}
	return func(source string, opts jsonnet.Options) ([]byte, []jsonnet.Read, error) {
		return a.evaluateInChild(source, opts, lim)
	}
}

// childLimits are the machine's memory limits that put the evaluation in a child, in bytes
// (0: none).
type childLimits struct{ addressSpace, cgroup int64 }

// outOfMemory is the Go runtime's line when an allocation fails.
var outOfMemory = regexp.MustCompile(`runtime: out of memory: cannot allocate (\d+)-byte block`)

func (a *app) evaluateInChild(source string, opts jsonnet.Options, lim childLimits) ([]byte, []jsonnet.Read, error) {
	self, err := os.Executable()
	if err != nil {
		// No way to start one (no /proc, say): evaluate here, under the watchdog alone.
		return jsonnet.Evaluate(source, opts)
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
	if err := cmd.Start(); err != nil {
		return jsonnet.Evaluate(source, opts) // as above: a container that forbids it
	}
	runErr := cmd.Wait()
	if runErr == nil {
		return readReply(&stdout)
	}
	var exit *exec.ExitError
	if !errors.As(runErr, &exit) {
		return nil, nil, fmt.Errorf("evaluate in a child process: %w", runErr)
	}
	text := stderr.String()
	var why string
	switch {
	case lim.addressSpace > 0 && (strings.Contains(text, "fatal error: out of memory") || strings.Contains(text, "cannot allocate memory")):
		why = fmt.Sprintf("evaluating %s ran out of the %d MiB address-space limit (ulimit -v)", source, lim.addressSpace>>20)
		if m := outOfMemory.FindStringSubmatch(text); m != nil {
			n, _ := strconv.ParseInt(m[1], 10, 64)
			why = fmt.Sprintf("evaluating %s needs one block of %d MiB at once, more than is left of the %d MiB address-space limit (ulimit -v)", source, n>>20, lim.addressSpace>>20)
		}
	case lim.cgroup > 0 && killedBySIGKILL(exit.ProcessState):
		// zonegen sends its child no SIGKILL: under a cgroup limit, the kernel's OOM killer.
		why = fmt.Sprintf("evaluating %s was ended by the kernel's out-of-memory killer: it needed more memory at once than was left of the %d MiB cgroup memory limit", source, lim.cgroup>>20)
	}
	if why != "" {
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
	firstToKill()
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
