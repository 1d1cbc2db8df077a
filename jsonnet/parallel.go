package jsonnet

import (
	"bytes"
	"encoding/json"
	"maps"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
)

// Parallel evaluation.
//
// jsonnet is lazy: evaluating `(import 'src').environments.prod` evaluates only prod
// (notes/performance.md). So when a source is an object with an `environments` object, a
// "shape" evaluation manifests the source with every environment replaced by null (cheap:
// the environments are never forced), and workers, each with its own VM, manifest the
// environments, each to a JSON value of its own. The document is then put together as JSON
// values, not as text: the shape's other fields and each environment's value under its name,
// keys in jsonnet's (sorted) order. The whitespace differs from a plain evaluation's; the
// JSON value is the same (TestParallelMatchesPlain).
//
// Whenever the shape does not allow it, or anything fails, evaluateParallel gives up and the
// caller evaluates plainly; errors are therefore always reported exactly as a plain
// evaluation reports them, at the price of evaluating twice when the source is broken.

// evaluateParallel evaluates the environments of the source at path on up to workers VMs.
// ok is false when the caller must evaluate plainly instead.
func evaluateParallel(im *importer, path string, opts Options, workers int) (out []byte, ok bool) {
	prelude, ok := preludeFor(path, opts)
	if !ok {
		return nil, false
	}
	vm0 := newVM(im, opts)
	shape, err := vm0.EvaluateAnonymousSnippet("<zonegen:shape>", prelude+shapeBody)
	if err != nil {
		return nil, false
	}
	var top map[string]json.RawMessage
	var envs map[string]json.RawMessage
	if json.Unmarshal([]byte(shape), &top) != nil || top == nil || json.Unmarshal(top["environments"], &envs) != nil {
		return nil, false // not an object with an environments object: the shape is null
	}
	names := slices.Sorted(maps.Keys(envs))
	if len(names) == 0 {
		return []byte(shape), true // nothing left out: the shape is the plain output
	}

	workers = min(workers, len(names))
	chunks := make([][]string, workers)
	for i, n := range names {
		chunks[i%workers] = append(chunks[i%workers], n)
	}
	results := make([]map[string]string, workers)
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		vm := vm0 // the shape VM has the source parsed already
		if w > 0 {
			vm = newVM(im, opts)
		}
		wg.Go(func() {
			results[w], errs[w] = vm.EvaluateAnonymousSnippetMulti("<zonegen:environments>",
				prelude+chunkBody(chunks[w]))
		})
	}
	wg.Wait()
	size := len(shape)
	for w := range workers {
		if errs[w] != nil {
			return nil, false
		}
		for k, v := range results[w] {
			envs[k] = json.RawMessage(v)
			size += len(v)
		}
	}
	top["environments"] = nil // written below, from envs
	var b bytes.Buffer
	b.Grow(size + 64)
	if !writeObject(&b, top, func(k string, v json.RawMessage) bool {
		if k == "environments" {
			return writeObject(&b, envs, nil)
		}
		b.Write(v)
		return true
	}) {
		return nil, false
	}
	b.WriteByte('\n')
	return b.Bytes(), true
}

// writeObject writes m as a JSON object, keys sorted as jsonnet sorts them (by code point,
// which for valid UTF-8 is byte order), each value by value (nil: as it is).
func writeObject(b *bytes.Buffer, m map[string]json.RawMessage, value func(string, json.RawMessage) bool) bool {
	b.WriteByte('{')
	for i, k := range slices.Sorted(maps.Keys(m)) {
		if i > 0 {
			b.WriteByte(',')
		}
		enc := json.NewEncoder(b) // as jsonnet writes keys: no HTML escaping
		enc.SetEscapeHTML(false)
		if enc.Encode(k) != nil {
			return false
		}
		b.Truncate(b.Len() - 1) // Encode's line break
		b.WriteByte(':')
		if value == nil {
			b.Write(m[k])
		} else if !value(k, m[k]) {
			return false
		}
	}
	b.WriteByte('}')
	return true
}

// shapeBody is the source with every environment replaced by null, or null when the source
// is not an object with an environments object.
const shapeBody = `
if std.isObject(zonegen_top) && std.objectHas(zonegen_top, 'environments')
   && std.isObject(zonegen_top.environments) then {
  [k]: if k == 'environments' then { [e]: null for e in std.objectFields(zonegen_top.environments) }
       else zonegen_top[k]
  for k in std.objectFields(zonegen_top)
} else null
`

// chunkBody is one worker's environments, each a top-level field for EvaluateMulti.
func chunkBody(names []string) string {
	quoted, _ := json.Marshal(names) // a JSON array of strings is jsonnet too
	return "{ [e]: zonegen_top.environments[e] for e in " + string(quoted) + " }\n"
}

// identifier is a jsonnet identifier a top-level argument can be forwarded under.
var identifier = regexp.MustCompile(`^[_A-Za-z][_A-Za-z0-9]*$`)

// preludeFor binds zonegen_top to the value a plain evaluation manifests: the source, or,
// when it is a function, the source called with the top-level arguments by name (as
// go-jsonnet's evaluateAux does). The snippet takes the arguments as its own parameters, so
// the VM passes them in unevaluated and tla-code keeps its laziness and error locations.
func preludeFor(path string, opts Options) (string, bool) {
	var tlas []string
	for k := range opts.TLAStr {
		tlas = append(tlas, k)
	}
	for k := range opts.TLACode {
		if _, dup := opts.TLAStr[k]; !dup {
			tlas = append(tlas, k)
		}
	}
	sort.Strings(tlas)
	args := make([]string, len(tlas))
	for i, k := range tlas {
		// A jsonnet keyword fails to parse as a parameter, and the caller evaluates plainly;
		// std and the prelude's own locals would parse but be shadowed.
		if !identifier.MatchString(k) || k == "std" || strings.HasPrefix(k, "zonegen_") {
			return "", false
		}
		args[i] = k + "=" + k
	}
	src, err := json.Marshal(path)
	if err != nil {
		return "", false
	}
	var b strings.Builder
	if len(tlas) > 0 {
		b.WriteString("function(" + strings.Join(tlas, ", ") + ")\n")
	}
	b.WriteString("local zonegen_src = import " + string(src) + ";\n")
	b.WriteString("local zonegen_top = if std.isFunction(zonegen_src) then zonegen_src(" +
		strings.Join(args, ", ") + ") else zonegen_src;\n")
	return b.String(), true
}
