package jsonnet

import (
	"encoding/json"
	"regexp"
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
// environments. The environments' JSON is then indented into the shape's `null`s. Since
// go-jsonnet's serializer writes a nested value exactly as a top-level one with every line
// after the first indented (3 spaces a level; strings never hold a raw newline), the merged
// bytes are the bytes of a plain evaluation.
//
// Whenever the shape does not allow it, or anything fails, evaluateParallel gives up and the
// caller evaluates plainly; errors are therefore always reported exactly as a plain
// evaluation reports them, at the price of evaluating twice when the source is broken.

// envsLine opens the environments object in the shape (one level deep).
const envsLine = `   "environments": {`

// envIndent is the indentation of an environment's lines: two levels.
const envIndent = "      "

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
	lines := strings.Split(shape, "\n")
	first, names, ok := environmentLines(lines)
	if !ok {
		return nil, false
	}
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
	envs := make(map[string]string, len(names))
	for w := range workers {
		if errs[w] != nil {
			return nil, false
		}
		for k, v := range results[w] {
			envs[k] = v
		}
	}

	var b strings.Builder
	b.Grow(len(shape) + totalLen(envs)*5/4)
	for i, line := range lines {
		if i > 0 {
			b.WriteByte('\n')
		}
		if i < first || i >= first+len(names) {
			b.WriteString(line)
			continue
		}
		env, found := envs[names[i-first]]
		if !found {
			return nil, false
		}
		comma := strings.HasSuffix(line, ",")
		b.WriteString(strings.TrimSuffix(strings.TrimSuffix(line, ","), "null"))
		b.WriteString(strings.ReplaceAll(strings.TrimSuffix(env, "\n"), "\n", "\n"+envIndent))
		if comma {
			b.WriteByte(',')
		}
	}
	return []byte(b.String()), true
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

// reserved are names a forwarded top-level argument must not take: jsonnet keywords, std
// and the prelude's own locals.
var reserved = map[string]bool{
	"assert": true, "else": true, "error": true, "false": true, "for": true, "function": true,
	"if": true, "import": true, "importstr": true, "importbin": true, "in": true, "local": true,
	"null": true, "self": true, "super": true, "tailstrict": true, "then": true, "true": true,
	"std": true,
}

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
		if !identifier.MatchString(k) || reserved[k] || strings.HasPrefix(k, "zonegen_") {
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

// environmentLines finds the environments in the shape's lines: the index of the first
// environment's line and the names in order. ok is false for any other layout.
func environmentLines(lines []string) (first int, names []string, ok bool) {
	open := -1
	for i, l := range lines {
		if l == envsLine {
			open = i
			break
		}
		if l == envsLine[:len(envsLine)-1]+"{ }" || l == envsLine[:len(envsLine)-1]+"{ }," {
			return 0, nil, true // no environments
		}
	}
	if open < 0 {
		return 0, nil, false
	}
	for i := open + 1; i < len(lines); i++ {
		l := lines[i]
		if l == "   }" || l == "   }," {
			return open + 1, names, len(names) > 0
		}
		key, isEnv := strings.CutPrefix(strings.TrimSuffix(l, ","), envIndent)
		key, isNull := strings.CutSuffix(key, ": null")
		var name string
		if !isEnv || !isNull || json.Unmarshal([]byte(key), &name) != nil {
			return 0, nil, false
		}
		names = append(names, name)
	}
	return 0, nil, false
}

func totalLen(m map[string]string) int {
	n := 0
	for _, v := range m {
		n += len(v)
	}
	return n
}
