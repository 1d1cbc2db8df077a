package jsonnet

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

// evalLib evaluates expr with zg bound to the embedded library.
func evalLib(t *testing.T, expr string) (any, error) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "main.jsonnet")
	writeFile(t, path, "local zg = import 'zonegen.libsonnet';\n"+expr+"\n")
	out, err := EvaluateFile(path, Options{})
	if err != nil {
		return nil, err
	}
	var v any
	if err := json.Unmarshal(out, &v); err != nil {
		t.Fatalf("%s: %v", expr, err)
	}
	return v, nil
}

func TestLibraryHelpers(t *testing.T) {
	for _, tc := range []struct{ expr, want string }{
		{`zg.ipv4Add('10.0.2.11', 2)`, `"10.0.2.13"`},
		{`zg.ipv4Add('10.0.2.255', 1)`, `"10.0.3.0"`},
		{`zg.ipv4Add('10.255.255.255', 1)`, `"11.0.0.0"`},
		{`zg.ipv4ToNumber('10.0.2.11')`, `167772683`},
		{`zg.servers('fe', 2, '10.0.2.254')`,
			`{"fe1": {"address": "10.0.2.254"}, "fe2": {"address": "10.0.2.255"}}`},
		{`zg.servers('prod-fe', 2)`, `{"prod-fe1": {}, "prod-fe2": {}}`},
		{`zg.servers('fe', 0, '10.0.0.1')`, `{}`},
		{`zg.servers('fe', 1, '10.0.0.1', { tls: false })`, `{"fe1": {"address": "10.0.0.1", "tls": false}}`},
		{`zg.controller('10.0.3.5')`, `{"roles": ["controller"], "address": "10.0.3.5"}`},
		{`zg.controller()`, `{"roles": ["controller"]}`},
		{`zg.names(zg.servers('fe', 2))`, `["fe1", "fe2"]`},
		{`zg.names(['b', 'a'])`, `["b", "a"]`},
		{`zg.merge([{ a: 1 }, { b: 2 }, {}])`, `{"a": 1, "b": 2}`},
		{`zg.farm(zg.servers('fe', 2, '10.0.0.1'), 'lb1.corp.local')`,
			`{"servers": ["fe1", "fe2"], "loadBalancer": "lb1.corp.local"}`},
		{`zg.farm(['fe3'])`, `{"servers": ["fe3"]}`},
		{`zg.farm(['fe1'], null, { httpsInternal: true })`, `{"servers": ["fe1"], "httpsInternal": true}`},
		{`zg.allServers()`, `{"allServers": true}`},
		{`zg.allServers('lb0', { localCertificate: true })`,
			`{"allServers": true, "loadBalancer": "lb0", "localCertificate": true}`},
		{`zg.app()`, `{}`},
		{`zg.app('DZ2', ['App2', 'App2_Theme'], true)`,
			`{"zone": "DZ2", "modules": ["App2", "App2_Theme"], "mobile": true}`},
		{`zg.app(mobile=true)`, `{"mobile": true}`},
		{`zg.apps('DZ1', ['Orders', 'Billing'])`, `{"Orders": {"zone": "DZ1"}, "Billing": {"zone": "DZ1"}}`},
		{`zg.apps(null, ['Orders'])`, `{"Orders": {}}`},
		{`zg.proxy('www.example.com')`, `{"host": "www.example.com"}`},
		{`zg.proxy('www.example.com', ['DZ1'], { tls: 'none' })`,
			`{"host": "www.example.com", "zones": ["DZ1"], "tls": "none"}`},
		// Helpers are hidden fields: the library itself manifests as an empty object.
		{`zg`, `{}`},
	} {
		got, err := evalLib(t, tc.expr)
		if err != nil {
			t.Errorf("%s: %v", tc.expr, err)
			continue
		}
		var want any
		if err := json.Unmarshal([]byte(tc.want), &want); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s\n got %v\nwant %v", tc.expr, got, want)
		}
	}
}

func TestLibraryErrors(t *testing.T) {
	for _, tc := range []struct{ expr, want string }{
		{`zg.servers('fe', 1, '10.0.0')`, "zg.ipv4ToNumber: 10.0.0 is not an IPv4 address"},
		{`zg.servers('fe', 1, '10.0.0.256')`, "is not an IPv4 address"},
		{`zg.ipv4Add('fe1.corp.local', 1)`, "is not an IPv4 address"},
		{`zg.ipv4Add('255.255.255.255', 1)`, "is outside the IPv4 address space"},
		{`zg.servers('fe', -1)`, "count must be a number >= 0"},
		{`zg.merge([zg.servers('fe', 1), zg.servers('fe', 2)])`, "Duplicate field name"},
		{`zg.names('fe1')`, "want an object of servers or an array of names"},
	} {
		_, err := evalLib(t, tc.expr)
		if err == nil {
			t.Errorf("%s: no error", tc.expr)
			continue
		}
		if ee := asEvalError(t, err); !strings.Contains(ee.Msg, tc.want) {
			t.Errorf("%s: want %q in:\n%s", tc.expr, tc.want, ee.Msg)
		}
	}
}

// TestNoStdFormat enforces notes/performance.md: go-jsonnet's std.format (and `%` on
// strings) is ~70x slower than concatenation, so neither the library nor the bench source
// may use it. Comments may mention them.
func TestNoStdFormat(t *testing.T) {
	comment := regexp.MustCompile(`(?m)//.*$`)
	for _, path := range []string{"lib/zonegen.libsonnet", "bench/bench.jsonnet", "examples/acme.jsonnet"} {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		code := comment.ReplaceAllString(string(data), "")
		if strings.Contains(code, "std.format") || strings.Contains(code, "%") {
			t.Errorf("%s uses std.format or %%", path)
		}
	}
}
