package topology

import (
	"encoding/json"
	"fmt"
	"maps"
	"net/netip"
	"os"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// The fuzz targets below check the promise of DESIGN.md "Safety": hostile or broken input
// gets a located problem, never a panic, and nothing that could inject configuration
// (notes/proxies.md §6.4) reaches a Plan. Their seed corpora under testdata/fuzz run as
// ordinary tests; scripts/fuzz.sh fuzzes them for a bounded time.

// unsafeBytes may appear in no string of an accepted Plan that reaches a config file: each
// ends a token, starts a comment or expands a variable in nginx, HAProxy, YAML, DOT or a
// hosts file (notes/proxies.md §6.4).
const unsafeBytes = ";{}#\"'$\\ \n\r\t`"

// freeText lists Plan fields that are prose for people (explain, JSON "reasons", comments),
// rendered through encoders or ASCII folding, never as configuration tokens.
var freeText = map[string]bool{"Reason": true, "AllowReason": true, "Needs": true}

var configIDRE = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

// nameRE is isName's rule as a pattern, the oracle FuzzName checks it against.
var nameRE = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_-]{0,62}$`)

// FuzzDecodeResolve loads arbitrary bytes. Its corpus holds the golden sources, evaluated
// to JSON, valid and invalid.
func FuzzDecodeResolve(f *testing.F) {
	design, err := os.ReadFile("testdata/design.json")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(design)
	f.Add([]byte(`{"name":"x","environments":{"p":{"purpose":"production","servers":{"fe1":{}}}}}`))
	f.Add([]byte(`{"name":"x","environments":{"p":{"purpose":"production","servers":{"fe1":{}},` +
		`"apps":{"x dz2; Admin dz1;":{}}}}}`))
	f.Add([]byte(`{"name":"x","environments":{"p\n":{"purpose":"production","servers":{"fe 1":{"address":"a#b"}}}}}`))
	f.Add([]byte(`[]`))
	f.Add([]byte(`{"environments":{"p":null}}`))
	f.Add([]byte(`{"name":"x","environments":{"p":{"purpose":"production","servers":{"fe1":{"ports":{"http":1e99}}}}}}`))

	f.Fuzz(func(t *testing.T, data []byte) {
		plan, report := Load(data, "fuzz.jsonnet")
		if report == nil {
			t.Fatal("Load returned no report")
		}
		for _, list := range [][]Problem{report.Errors, report.Warnings} {
			for _, p := range list {
				checkProblem(t, p)
			}
		}
		if !report.OK() {
			if plan != nil {
				t.Fatalf("a Plan came with errors: %v", report.Err())
			}
			if report.Err() == nil {
				t.Fatal("errors but Err() is nil")
			}
			return
		}
		if plan == nil {
			t.Fatal("no errors and no Plan")
		}
		checkPlan(t, plan)

		// Same input, same Plan: output must be byte-for-byte deterministic (DESIGN.md).
		again, _ := Load(data, "fuzz.jsonnet")
		if !reflect.DeepEqual(plan, again) {
			t.Fatal("two loads of the same source differ")
		}
		for _, e := range plan.Environments {
			if _, err := Explain(plan, e.Name); err != nil {
				t.Fatalf("explain %s: %v", e.Name, err)
			}
			for _, px := range e.Proxies {
				for _, rt := range px.Routes {
					// No client address is in an allow list: platform paths answer 403.
					want := 200
					if rt.Platform {
						want = 403
					}
					res := e.RouteVia(px, "/"+strings.ToUpper(rt.Path)+"/x", netip.Addr{})
					if res.Status != want {
						t.Fatalf("route /%s via %s: status %d, want %d (%s)", rt.Path, px.Name, res.Status, want, res.Reason)
					}
				}
			}
		}
	})
}

// FuzzConfigIDs draws two environments (one when both names are equal), each with a
// proxy and a zone that has a load balancer and an app, from fuzzed names: an accepted
// source never gives two owners one shared identifier (issue 12, hole 2). The seeds are the
// collisions of golden x134 and their near misses.
func FuzzConfigIDs(f *testing.F) {
	f.Add("a_b", "c", "z", "a", "b_c", "b-z")
	f.Add("a", "b", "c_zone_d", "a", "b_zone_c", "d")
	f.Add("lb", "a_global", "x", "a", "p", "Global")
	f.Add("prod", "www", "DZ1", "qa", "www", "DZ1")
	f.Add("A-b", "c", "z", "a_B", "c", "z")
	f.Fuzz(func(t *testing.T, e1, p1, z1, e2, p2, z2 string) {
		envs := map[string]any{}
		add := func(i int, e, p, z string) {
			env, _ := envs[e].(map[string]any)
			if env == nil {
				env = map[string]any{"purpose": "production", "servers": map[string]any{}, "zones": map[string]any{},
					"apps": map[string]any{}, "proxies": map[string]any{}, "hostname": fmt.Sprintf("h%d.example.com", i)}
				envs[e] = env
			}
			fe := fmt.Sprintf("fe%d", i)
			env["servers"].(map[string]any)[fe] = map[string]any{}
			zones := env["zones"].(map[string]any)
			if zones[z] == nil {
				zones[z] = map[string]any{"servers": []string{fe}, "loadBalancer": fmt.Sprintf("lb%d.example.local", i)}
			}
			env["apps"].(map[string]any)[fmt.Sprintf("App%d", i)] = map[string]any{"zone": z}
			env["proxies"].(map[string]any)[p] = map[string]any{"host": fmt.Sprintf("p%d.example.com", i), "zones": []string{z}}
		}
		add(1, e1, p1, z1)
		add(2, e2, p2, z2)
		i := 0
		for _, en := range slices.Sorted(maps.Keys(envs)) {
			zones := envs[en].(map[string]any)["zones"].(map[string]any)
			if zones[DefaultZone] == nil {
				i++
				zones[DefaultZone] = map[string]any{"allServers": true, "loadBalancer": fmt.Sprintf("global%d.example.local", i)}
			}
		}
		data, err := json.Marshal(map[string]any{"name": "x", "environments": envs})
		if err != nil {
			t.Skip()
		}
		plan, report := Load(data, "fuzz.jsonnet")
		if !report.OK() {
			return
		}
		// Recomputed here, not with ConfigNames: each (env, proxy) and (env, zone) has its own
		// ID, and no proxy name is a pool name or another proxy's upstream.
		owner := map[string]string{}
		claim := func(id, who string) {
			if prev, dup := owner[id]; dup && prev != who {
				t.Fatalf("accepted source gives %s to both %s and %s", id, prev, who)
			}
			owner[id] = who
		}
		for _, e := range plan.Environments {
			for _, z := range e.Zones {
				claim("zone:"+strings.ToLower(strings.ReplaceAll(e.Name+"_"+z.Name, "-", "_")), e.Name+"/zone "+z.Name)
				if z.LoadBalancer != "" {
					claim(strings.ToLower(strings.ReplaceAll("zg_lb_"+e.Name+"_"+z.Name, "-", "_")), e.Name+"/zone "+z.Name)
				}
			}
			for _, px := range e.Proxies {
				pre := strings.ToLower(strings.ReplaceAll("zg_"+e.Name+"_"+px.Name, "-", "_"))
				claim(pre, e.Name+"/proxy "+px.Name)
				for _, u := range px.Upstreams {
					claim(pre+"_zone_"+strings.ToLower(strings.ReplaceAll(u.Zone, "-", "_")), e.Name+"/proxy "+px.Name)
				}
			}
		}
	})
}

// checkProblem asserts that a problem says where and what, in a path that cannot forge
// output lines: printable ASCII only.
func checkProblem(t *testing.T, p Problem) {
	t.Helper()
	if p.Path == "" || p.Message == "" {
		t.Fatalf("problem without path or message: %#v", p)
	}
	for i := 0; i < len(p.Path); i++ {
		if c := p.Path[i]; c < 0x20 || c > 0x7e {
			t.Fatalf("problem path %q has byte %#x", p.Path, c)
		}
	}
	for _, s := range []string{p.Message, p.Hint} {
		if strings.ContainsAny(s, "\n\r\x00") {
			t.Fatalf("problem text %q holds a line break or NUL: it could forge output lines", s)
		}
	}
}

// checkPlan asserts that every name of an accepted Plan matches its rule and that no string
// of it (but prose) holds an unsafe byte.
func checkPlan(t *testing.T, plan *Plan) {
	t.Helper()
	walkStrings(reflect.ValueOf(plan), "plan", func(where, s string) {
		if s == ProxyHeaderValue && strings.HasSuffix(where, ".ProxyHeader.Value") {
			return // R10's constant parameter value, never from the source
		}
		if i := strings.IndexAny(s, unsafeBytes); i >= 0 {
			t.Fatalf("%s = %q: byte %q could inject configuration", where, s, s[i])
		}
		for i := 0; i < len(s); i++ {
			if s[i] < 0x20 || s[i] > 0x7e {
				t.Fatalf("%s = %q: byte %#x is not printable ASCII", where, s, s[i])
			}
		}
	})
	name := func(what, s string) {
		t.Helper()
		if !isName(s) {
			t.Fatalf("%s name %q breaks the name rule", what, s)
		}
	}
	host := func(what, s string) {
		t.Helper()
		if _, msg := checkHost(s); msg != "" || strings.EqualFold(s, "localhost") {
			t.Fatalf("%s %q breaks the host rule: %s", what, s, msg)
		}
	}
	name("infrastructure", plan.Name)
	for _, e := range plan.Environments {
		name("environment", e.Name)
		name("service center zone", e.ServiceCenterZone)
		host("hostname", e.Hostname.Value)
		if e.LifetimeAddress != nil {
			host("lifetime address", e.LifetimeAddress.Value)
		}
		for _, s := range e.Servers {
			host("server", s.Name)
			host("server address", s.Address)
			for _, h := range s.Hosts {
				host("hosts entry", h.Name)
			}
		}
		for _, z := range e.Zones {
			name("zone", z.Name)
			host("zone address", z.Address.Value)
			if z.LoadBalancer != "" {
				host("load balancer", z.LoadBalancer)
			}
		}
		for _, a := range e.Apps {
			name("app", a.Name)
			for _, m := range a.Modules {
				name("module", m)
			}
		}
		for _, px := range e.Proxies {
			name("proxy", px.Name)
			host("proxy host", px.Host)
			if !configIDRE.MatchString(px.ID) {
				t.Fatalf("proxy ID %q is not config-safe", px.ID)
			}
			for _, a := range px.Allow {
				if _, err := netip.ParsePrefix(a); err != nil {
					t.Fatalf("allow %q: %v", a, err)
				}
			}
			ids := map[string]bool{}
			for _, u := range px.Upstreams {
				if !configIDRE.MatchString(u.ID) {
					t.Fatalf("upstream ID %q is not config-safe", u.ID)
				}
				ids[u.ID] = true
				for _, tg := range u.Targets {
					host("target", tg.Host)
					if tg.Port < 1 || tg.Port > 65535 {
						t.Fatalf("target %s port %d", tg.Name, tg.Port)
					}
				}
			}
			for i, rt := range px.Routes {
				if rt.Key != strings.ToLower(rt.Path) || !ids[rt.Upstream] {
					t.Fatalf("route %+v: bad key or unknown upstream", rt)
				}
				if i > 0 && px.Routes[i-1].Key >= rt.Key {
					t.Fatalf("routes not sorted by unique key at %q", rt.Key)
				}
			}
		}
	}
}

// walkStrings calls fn for every string reachable from v, skipping freeText fields.
func walkStrings(v reflect.Value, where string, fn func(where, s string)) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			walkStrings(v.Elem(), where, fn)
		}
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			f := v.Type().Field(i)
			if !freeText[f.Name] {
				walkStrings(v.Field(i), where+"."+f.Name, fn)
			}
		}
	case reflect.Slice, reflect.Array:
		for i := 0; i < v.Len(); i++ {
			walkStrings(v.Index(i), where+"[]", fn)
		}
	case reflect.Map:
		for _, k := range v.MapKeys() {
			walkStrings(k, where+"{key}", fn)
			walkStrings(v.MapIndex(k), where+"{}", fn)
		}
	case reflect.String:
		fn(where, v.String())
	}
}

// FuzzCheckHost: an accepted host is an IP literal or an RFC 1123 name, nothing else. The
// corpus holds the hostile hosts of the golden x-cases (scheme, port, path, brackets...).
func FuzzCheckHost(f *testing.F) {
	f.Fuzz(func(t *testing.T, s string) {
		kind, msg := checkHost(s)
		checkMessage(t, msg)
		if msg != "" {
			return
		}
		if s == "" || len(s) > 253 {
			t.Fatalf("accepted host of length %d", len(s))
		}
		for i := 0; i < len(s); i++ {
			c := s[i]
			if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-' || c == ':') {
				t.Fatalf("accepted host %q holds %q", s, c)
			}
		}
		ip, err := netip.ParseAddr(s)
		switch kind {
		case hostIPv4:
			if err != nil || !ip.Is4() {
				t.Fatalf("%q accepted as IPv4", s)
			}
		case hostIPv6:
			if err != nil || ip.Is4() || ip.Is4In6() || ip.Zone() != "" {
				t.Fatalf("%q accepted as IPv6", s)
			}
		case hostName:
			if err == nil || strings.Contains(s, ":") || strings.HasPrefix(s, ".") || strings.HasSuffix(s, ".") || strings.Contains(s, "..") {
				t.Fatalf("%q accepted as a host name", s)
			}
			if inetAton(s) {
				t.Fatalf("%q accepted as a host name, but inet_aton reads it as an IPv4 address", s)
			}
			for _, l := range strings.Split(s, ".") {
				if len(l) > 63 || strings.HasPrefix(l, "-") || strings.HasSuffix(l, "-") {
					t.Fatalf("%q accepted with label %q", s, l)
				}
			}
		default:
			t.Fatalf("unknown kind %d", kind)
		}
	})
}

// inetAton reports whether glibc's inet_aton (and Windows, curl) would read s as an IPv4
// address: one to four parts, each decimal, octal (leading 0) or hex (0x, digits optional).
func inetAton(s string) bool {
	parts := strings.Split(s, ".")
	if len(parts) > 4 {
		return false
	}
	for _, p := range parts {
		digits := "0123456789"
		if len(p) >= 2 && p[0] == '0' && (p[1] == 'x' || p[1] == 'X') {
			p, digits = p[2:], "0123456789abcdefABCDEF"
		} else if p == "" {
			return false
		}
		if strings.Trim(p, digits) != "" {
			return false
		}
	}
	return true
}

// FuzzName: an accepted name holds letters, digits, '_' and '-' only. The corpus holds the
// injections of notes/proxies.md §6.4.
func FuzzName(f *testing.F) {
	f.Fuzz(func(t *testing.T, s string) {
		msg, ok := checkName(s)
		checkMessage(t, msg)
		if ok != nameRE.MatchString(s) {
			t.Fatalf("%q: accepted %v, but the pattern %s says %v", s, ok, nameRE, !ok)
		}
		if !ok {
			if msg == "" {
				t.Fatalf("%q refused without a reason", s)
			}
			return
		}
		if msg != "" || s == "" || len(s) > 63 {
			t.Fatalf("%q accepted (message %q)", s, msg)
		}
		if !(s[0] >= 'A' && s[0] <= 'Z' || s[0] >= 'a' && s[0] <= 'z') {
			t.Fatalf("accepted name %q does not start with a letter", s)
		}
		for i := 0; i < len(s); i++ {
			c := s[i]
			if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-') {
				t.Fatalf("accepted name %q holds %q", s, c)
			}
		}
	})
}

// checkMessage asserts that a message quoting hostile input stays one line of printable
// ASCII (quote escapes everything else).
func checkMessage(t *testing.T, msg string) {
	t.Helper()
	for i := 0; i < len(msg); i++ {
		if c := msg[i]; c < 0x20 || c > 0x7e {
			t.Fatalf("message %q has byte %#x", msg, c)
		}
	}
}
