package jsonnet

import (
	"bytes"
	"encoding/json"
	"errors"
	"io/fs"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// benchTiers are the ext vars of jsonnet/bench/bench.jsonnet's tiers (see its header).
var benchTiers = map[string]map[string]string{
	"S": {"envs": "4", "zones": "5", "frontends": "2", "apps": "25", "modules": "2", "proxies": "1"},
	"M": {"envs": "20", "zones": "10", "frontends": "5", "apps": "25", "modules": "2", "proxies": "1"},
	"L": {"envs": "50", "zones": "10", "frontends": "5", "apps": "50", "modules": "2", "proxies": "2"},
}

const benchSource = "bench/bench.jsonnet"

// evalError asserts that err is an *EvalError and returns it.
func asEvalError(t *testing.T, err error) *EvalError {
	t.Helper()
	var ee *EvalError
	if !errors.As(err, &ee) {
		t.Fatalf("want an *EvalError, got %T: %v", err, err)
	}
	return ee
}

func decode(t *testing.T, data []byte) map[string]any {
	t.Helper()
	var v map[string]any
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatalf("output is not a JSON object: %v\n%s", err, data)
	}
	return v
}

func TestExtAndTLA(t *testing.T) {
	opts := Options{
		TLAStr:  map[string]string{"company": "acme"},
		TLACode: map[string]string{"replicas": "1 + 1"},
		ExtStr:  map[string]string{"region": "eu-west"},
		ExtCode: map[string]string{"size": "{ fe: 3 }"},
	}
	for _, workers := range []int{1, 2} {
		opts.Workers = workers
		out, err := EvaluateFile("testdata/eval/args.jsonnet", opts)
		if err != nil {
			t.Fatalf("workers=%d: %v", workers, err)
		}
		v := decode(t, out)
		if v["name"] != "acme" {
			t.Errorf("workers=%d: name = %v, want the tla-str acme", workers, v["name"])
		}
		envs := v["environments"].(map[string]any)
		if len(envs) != 2 || envs["acme-1"] == nil || envs["acme-2"] == nil {
			t.Errorf("workers=%d: environments = %v, want acme-1 and acme-2 (tla-code replicas=2)", workers, envs)
		}
		env := envs["acme-2"].(map[string]any)
		if env["region"] != "eu-west" {
			t.Errorf("workers=%d: region = %v, want the ext-str", workers, env["region"])
		}
		if size, _ := env["size"].(map[string]any); size["fe"] != 3.0 {
			t.Errorf("workers=%d: size = %v, want the ext-code object", workers, env["size"])
		}
	}
}

func TestMissingTLAIsEvalError(t *testing.T) {
	for _, workers := range []int{1, 2} {
		_, err := EvaluateFile("testdata/eval/args.jsonnet", Options{Workers: workers, ExtStr: map[string]string{"region": "x"}})
		ee := asEvalError(t, err)
		if !strings.Contains(ee.Msg, "company") {
			t.Errorf("workers=%d: error does not name the missing argument: %s", workers, ee.Msg)
		}
	}
}

func TestStackOverflow(t *testing.T) {
	for _, tc := range []struct {
		limit int
		want  string
	}{
		{0, "(500 frames; infinite recursion?)"},
		{50, "(50 frames; infinite recursion?)"},
	} {
		_, err := EvaluateFile("testdata/eval/recursion.jsonnet", Options{MaxStack: tc.limit})
		ee := asEvalError(t, err)
		if !ee.StackOverflow {
			t.Errorf("MaxStack=%d: StackOverflow not set: %s", tc.limit, ee.Msg)
		}
		if !strings.HasPrefix(ee.Msg, "RUNTIME ERROR: max stack frames exceeded "+tc.want) {
			t.Errorf("MaxStack=%d: message = %q, want it to start with the limit and the hint %q", tc.limit, firstLine(ee.Msg), tc.want)
		}
		// go-jsonnet's trace still points at the recursing function.
		if !strings.Contains(ee.Msg, "testdata/eval/recursion.jsonnet:1:") {
			t.Errorf("MaxStack=%d: the trace lost the location:\n%s", tc.limit, ee.Msg)
		}
	}
}

func TestSyntaxErrorKeepsLocation(t *testing.T) {
	for _, workers := range []int{1, 2} {
		_, err := EvaluateFile("testdata/eval/syntax.jsonnet", Options{Workers: workers})
		ee := asEvalError(t, err)
		if !regexp.MustCompile(`^testdata/eval/syntax\.jsonnet:4:36`).MatchString(ee.Msg) {
			t.Errorf("workers=%d: want file:line:col of the stray comma, got:\n%s", workers, ee.Msg)
		}
		if strings.HasSuffix(ee.Error(), "\n") {
			t.Errorf("Error() ends with a newline: %q", ee.Error())
		}
	}
}

func TestRuntimeErrorKeepsTrace(t *testing.T) {
	var msgs []string
	for _, workers := range []int{1, 2} {
		_, err := EvaluateFile("testdata/eval/runtime.jsonnet", Options{Workers: workers})
		ee := asEvalError(t, err)
		if !strings.HasPrefix(ee.Msg, "RUNTIME ERROR: no purpose for dev") ||
			!strings.Contains(ee.Msg, "testdata/eval/runtime.jsonnet:4:") {
			t.Errorf("workers=%d: want the message and its location, got:\n%s", workers, ee.Msg)
		}
		msgs = append(msgs, ee.Msg)
	}
	// A failure in the parallel path is reported exactly as a plain evaluation reports it.
	if msgs[0] != msgs[1] {
		t.Errorf("plain and parallel errors differ:\n%s\n---\n%s", msgs[0], msgs[1])
	}
}

func TestMissingSource(t *testing.T) {
	_, err := EvaluateFile("testdata/eval/nonexistent.jsonnet", Options{})
	if !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("want a not-exist error, got %v", err)
	}
	var ee *EvalError
	if errors.As(err, &ee) {
		t.Errorf("a missing source is not a jsonnet error: %v", err)
	}
}

// TestParallelMatchesPlain checks that the merge is the plain evaluation's JSON value, byte
// for byte once the whitespace between tokens is dropped, and that the parallel path was
// taken rather than silently falling back.
func TestParallelMatchesPlain(t *testing.T) {
	cases := []struct {
		name, path string
		opts       Options
	}{
		{"example", "examples/acme.jsonnet", Options{}},
		{"bench S", benchSource, Options{ExtStr: benchTiers["S"]}},
		{"escaping and late binding", "testdata/eval/shapes.jsonnet", Options{}},
		{"top-level function", "testdata/eval/args.jsonnet", Options{
			TLAStr:  map[string]string{"company": "acme"},
			TLACode: map[string]string{"replicas": "3"},
			ExtStr:  map[string]string{"region": "eu"},
			ExtCode: map[string]string{"size": "[1, 2]"},
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			opts := tc.opts
			opts.Workers = 1
			plain, err := EvaluateFile(tc.path, opts)
			if err != nil {
				t.Fatal(err)
			}
			for _, workers := range []int{2, 3, 64} {
				im, err := newImporter(tc.path, opts.JPath)
				if err != nil {
					t.Fatal(err)
				}
				par, ok := evaluateParallel(im, tc.path, opts, workers)
				if !ok {
					t.Fatalf("workers=%d: the parallel path fell back", workers)
				}
				var a, b bytes.Buffer
				if err := json.Compact(&a, plain); err != nil {
					t.Fatal(err)
				}
				if err := json.Compact(&b, par); err != nil {
					t.Fatalf("workers=%d: parallel output is not JSON: %v", workers, err)
				}
				if a.String() != b.String() {
					t.Fatalf("workers=%d: parallel output differs from plain:\n%s", workers, firstDiff(a.String(), b.String()))
				}
			}
		})
	}
}

func TestParallelFallsBack(t *testing.T) {
	for name, src := range map[string]string{
		"array":                   `[1, 2]`,
		"no environments":         `{ name: 'x' }`,
		"environments not object": `{ name: 'x', environments: ['dev'] }`,
		"hidden environments":     `{ name: 'x', environments:: { dev: {} } }`,
		"string":                  `'just a string'`,
	} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "src.jsonnet")
			writeFile(t, path, src)
			im, err := newImporter(path, nil)
			if err != nil {
				t.Fatal(err)
			}
			if _, ok := evaluateParallel(im, path, Options{}, 2); ok {
				t.Errorf("the parallel path accepted a source without an environments object")
			}
			plain, err := EvaluateFile(path, Options{Workers: 1})
			if err != nil {
				t.Fatal(err)
			}
			auto, err := EvaluateFile(path, Options{Workers: 2})
			if err != nil || string(auto) != string(plain) {
				t.Errorf("fallback output %q (%v), want %q", auto, err, plain)
			}
		})
	}
}

func TestParallelEmptyEnvironments(t *testing.T) {
	path := filepath.Join(t.TempDir(), "src.jsonnet")
	writeFile(t, path, `{ name: 'x', environments: {}, z: [] }`)
	out, err := EvaluateFile(path, Options{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	want := "{\n   \"environments\": { },\n   \"name\": \"x\",\n   \"z\": [ ]\n}\n"
	if string(out) != want {
		t.Errorf("got %q, want %q", out, want)
	}
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

// firstDiff shows the first differing line of two texts.
func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(al) && i < len(bl); i++ {
		if al[i] != bl[i] {
			return "line " + strconv.Itoa(i+1) + ":\n- " + al[i] + "\n+ " + bl[i]
		}
	}
	return "lengths differ: " + strconv.Itoa(len(al)) + " vs " + strconv.Itoa(len(bl)) + " lines"
}
