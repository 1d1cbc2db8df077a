package topology

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// Decode strictly decodes the evaluated JSON of a source into a Spec. Unlike
// json.Decoder.DisallowUnknownFields, which stops at the first surprise, it walks the whole
// document and reports every unknown field (with a "did you mean" hint) and every wrong type,
// each at its path in the source (caddy's StrictUnmarshalJSON, but all problems at once).
func Decode(data []byte) (*Spec, *Report) {
	report := &Report{}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var doc any
	if err := dec.Decode(&doc); err != nil {
		report.Errors = append(report.Errors, Problem{Severity: SeverityError, Path: "(source)",
			Message: "not valid JSON: " + err.Error()})
		return nil, report
	}
	if _, ok := doc.(map[string]any); !ok {
		report.Errors = append(report.Errors, Problem{Severity: SeverityError, Path: "(source)",
			Message: "the source must evaluate to an object, got " + kindOf(doc),
			Hint:    "write { name: ..., environments: { ... } }"})
		return nil, report
	}
	spec := &Spec{}
	d := decoder{report: report}
	d.value("", doc, reflect.ValueOf(spec).Elem())
	report.sort()
	return spec, report
}

type decoder struct {
	report *Report
	fields map[reflect.Type]*structFields // by struct type: a source has thousands of apps
}

// structFields are a struct's JSON field names, by name to field index and in order.
type structFields struct {
	index map[string]int
	names []string
}

func (d *decoder) fieldsOf(t reflect.Type) *structFields {
	if f := d.fields[t]; f != nil {
		return f
	}
	f := &structFields{index: map[string]int{}}
	for i := 0; i < t.NumField(); i++ {
		name := strings.Split(t.Field(i).Tag.Get("json"), ",")[0]
		f.index[name] = i
		f.names = append(f.names, name)
	}
	if d.fields == nil {
		d.fields = map[reflect.Type]*structFields{}
	}
	d.fields[t] = f
	return f
}

func (d *decoder) errorf(path, hint, format string, args ...any) {
	if path == "" {
		path = "(source)"
	}
	d.report.Errors = append(d.report.Errors, Problem{Severity: SeverityError, Path: path,
		Message: fmt.Sprintf(format, args...), Hint: hint})
}

// value decodes raw into v (addressable), recursing by v's type.
func (d *decoder) value(path string, raw any, v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer:
		if raw == nil {
			return // absent and null mean the same for optional values
		}
		elem := reflect.New(v.Type().Elem())
		d.value(path, raw, elem.Elem())
		v.Set(elem)
	case reflect.Struct:
		obj, ok := raw.(map[string]any)
		if !ok {
			d.errorf(path, "", "expected an object, got %s", kindOf(raw))
			return
		}
		d.object(path, obj, v)
	case reflect.Map:
		obj, ok := raw.(map[string]any)
		if !ok {
			d.errorf(path, "", "expected an object of named entries, got %s", kindOf(raw))
			return
		}
		m := reflect.MakeMapWithSize(v.Type(), len(obj))
		for _, k := range slices.Sorted(maps.Keys(obj)) {
			elem := reflect.New(v.Type().Elem()).Elem()
			p := joinKey(path, k)
			if obj[k] == nil {
				d.errorf(p, "remove the entry or give it a value", "expected an object, got null")
				continue
			}
			d.value(p, obj[k], elem)
			m.SetMapIndex(reflect.ValueOf(k), elem)
		}
		v.Set(m)
	case reflect.Slice:
		arr, ok := raw.([]any)
		if !ok {
			d.errorf(path, "write a list, e.g. ['a', 'b']", "expected a list, got %s", kindOf(raw))
			return
		}
		s := reflect.MakeSlice(v.Type(), len(arr), len(arr))
		for i, item := range arr {
			d.value(path+"["+strconv.Itoa(i)+"]", item, s.Index(i))
		}
		v.Set(s)
	case reflect.String:
		s, ok := raw.(string)
		if !ok {
			d.errorf(path, "", "expected a string, got %s", kindOf(raw))
			return
		}
		v.SetString(s)
	case reflect.Bool:
		b, ok := raw.(bool)
		if !ok {
			d.errorf(path, "", "expected true or false, got %s", kindOf(raw))
			return
		}
		v.SetBool(b)
	case reflect.Int:
		n, ok := raw.(json.Number)
		i, err := strconv.ParseInt(string(n), 10, 32)
		if !ok || err != nil {
			d.errorf(path, "", "expected a whole number, got %s", kindOf(raw))
			return
		}
		v.SetInt(i)
	default:
		panic("topology: cannot decode into " + v.Type().String())
	}
}

func (d *decoder) object(path string, obj map[string]any, v reflect.Value) {
	fields := d.fieldsOf(v.Type())
	for _, k := range slices.Sorted(maps.Keys(obj)) {
		p := joinKey(path, k)
		i, ok := fields.index[k]
		if !ok {
			d.errorf(p, Suggest(k, fields.names), "unknown field %s", strconv.Quote(k))
			continue
		}
		d.value(p, obj[k], v.Field(i))
	}
}

// Suggest returns a "did you mean" hint for an unknown field or key, or the list of known
// ones (zonegen.yaml keys use it too).
func Suggest(got string, known []string) string {
	best, bestDist := "", 4
	for _, k := range known {
		if strings.EqualFold(k, got) {
			return fmt.Sprintf("did you mean %q?", k)
		}
		if dist := levenshtein(strings.ToLower(got), strings.ToLower(k)); dist < bestDist {
			best, bestDist = k, dist
		}
	}
	if best != "" {
		return fmt.Sprintf("did you mean %q?", best)
	}
	sorted := append([]string(nil), known...)
	sort.Strings(sorted)
	return "known fields: " + strings.Join(sorted, ", ")
}

func levenshtein(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

func kindOf(raw any) string {
	switch x := raw.(type) {
	case nil:
		return "null"
	case bool:
		return "a boolean"
	case json.Number:
		return "the number " + string(x)
	case string:
		return "a string"
	case []any:
		return "a list"
	case map[string]any:
		return "an object"
	}
	return fmt.Sprintf("%T", raw)
}

// joinKey appends an object key to a source path: `a.b` for plain keys, `a["x y"]` for keys
// that are not identifiers (so that a hostile name cannot forge a path).
func joinKey(path, key string) string {
	if isPathIdent(key) {
		if path == "" {
			return key
		}
		return path + "." + key
	}
	return path + "[" + strconv.QuoteToASCII(key) + "]"
}

func isPathIdent(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r == '_':
		case i > 0 && (r >= '0' && r <= '9' || r == '-'):
		default:
			return false
		}
	}
	return true
}
