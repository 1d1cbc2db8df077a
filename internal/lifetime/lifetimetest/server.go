package lifetimetest

import (
	"crypto/tls"
	"embed"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/zonegen/zonegen/internal/lab"
	"github.com/zonegen/zonegen/topology"
)

//go:embed testdata/*.json
var fixtures embed.FS

// API is the base path every endpoint is under.
const API = "/lifetimeapi/rest/v2"

// Token is the service account token the server accepts unless a test sets another.
const Token = "zg-test-token-7f3a9c1e5b2d4680"

// Keys of the fixture environments (environments.json).
const (
	Development = "f3582e43-43c7-4bb4-8cbb-d9f6cbcbd35e"
	Production  = "849515f2-b4ff-4aca-a9d6-9407bea655f4"
	Sandbox     = "5d1c2a7e-0b8e-4f0e-9d3a-6f1e2b3c4d5e"
)

// Object is one decoded JSON object of a list, every documented field kept.
type Object = map[string]any

// Data is what the server serves.
type Data struct {
	Environments []Object
	Zones        map[string][]Object // environment key → its deployment zones
	Applications []Object
	Modules      []Object
}

// Fixture returns one fixture file, e.g. "exception-403.json" (an Exception body).
func Fixture(name string) string {
	b, err := fixtures.ReadFile("testdata/" + name)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// Fixtures returns a fresh copy of the fixture data.
func Fixtures() Data {
	d := Data{Zones: map[string][]Object{}}
	load := func(name string, into *[]Object) {
		b, err := fixtures.ReadFile("testdata/" + name)
		if err != nil {
			panic(err)
		}
		if err := json.Unmarshal(b, into); err != nil {
			panic(fmt.Sprintf("%s: %v", name, err))
		}
	}
	load("environments.json", &d.Environments)
	load("applications.json", &d.Applications)
	load("modules.json", &d.Modules)
	for _, e := range d.Environments {
		key := e["Key"].(string)
		var z []Object
		load("deploymentzones-"+key+".json", &z)
		d.Zones[key] = z
	}
	return d
}

// Server is a running fake LifeTime.
type Server struct {
	URL    string // https://127.0.0.1:PORT
	CAFile string // PEM of the CA that issued its certificate
	Token  string

	mu        sync.Mutex
	bodies    map[string][]byte // path → encoded list
	noStatus  map[string][]byte // path → the list without per-environment status
	data      Data
	overrides map[string]response
	seen      []string // Authorization headers received
	close     func()
}

type response struct {
	status int
	body   string
}

// Start serves the fixtures until the test ends.
func Start(tb testing.TB) *Server { return StartWith(tb, Fixtures()) }

// StartWith serves d until the test ends.
func StartWith(tb testing.TB, d Data) *Server {
	tb.Helper()
	s, err := Serve(d, tb.TempDir())
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(s.Close)
	return s
}

// Serve starts a server for d, writing its CA certificate into dir; Close stops it.
func Serve(d Data, dir string) (*Server, error) {
	ca, err := lab.NewCA("zonegen lifetime test CA")
	if err != nil {
		return nil, err
	}
	cert, err := ca.Issue("127.0.0.1", "localhost")
	if err != nil {
		return nil, err
	}
	caFile := filepath.Join(dir, "lifetime-ca.pem")
	if err := os.WriteFile(caFile, ca.PEM, 0o644); err != nil {
		return nil, err
	}
	s := &Server{CAFile: caFile, Token: Token, overrides: map[string]response{}}
	s.Set(d)
	hs := httptest.NewUnstartedServer(http.HandlerFunc(s.serve))
	hs.EnableHTTP2 = true
	hs.Config.ErrorLog = log.New(io.Discard, "", 0) // tests refuse its certificate on purpose
	hs.TLS = &tls.Config{Certificates: []tls.Certificate{cert.TLS}}
	hs.StartTLS()
	s.URL, s.close = hs.URL, hs.Close
	return s, nil
}

// Close stops the server.
func (s *Server) Close() { s.close() }

// Set replaces what the server serves.
func (s *Server) Set(d Data) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.data = d
	s.bodies = map[string][]byte{}
	s.noStatus = map[string][]byte{}
	enc := func(path string, list []Object, status string) {
		s.bodies[path] = mustJSON(list)
		if status != "" {
			stripped := make([]Object, len(list))
			for i, o := range list {
				c := Object{}
				for k, v := range o {
					if k != status {
						c[k] = v
					}
				}
				stripped[i] = c
			}
			s.noStatus[path] = mustJSON(stripped)
		}
	}
	enc(API+"/environments/", d.Environments, "")
	for key, z := range d.Zones {
		enc(API+"/environments/"+key+"/deploymentzones/", z, "")
	}
	enc(API+"/applications/", d.Applications, "AppStatusInEnvs")
	enc(API+"/modules/", d.Modules, "ModuleStatusInEnv")
}

// Update changes what the server serves.
func (s *Server) Update(f func(*Data)) {
	s.mu.Lock()
	d := s.data
	s.mu.Unlock()
	f(&d)
	s.Set(d)
}

// Respond makes path (below API, e.g. "/modules/") answer status with body; status 0
// serves the data again.
func (s *Server) Respond(path string, status int, body string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if status == 0 {
		delete(s.overrides, API+path)
		return
	}
	s.overrides[API+path] = response{status, body}
}

// Seen returns the Authorization headers the server received.
func (s *Server) Seen() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.seen...)
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.seen = append(s.seen, r.Header.Get("Authorization"))
	over, overridden := s.overrides[r.URL.Path]
	body, known := s.bodies[r.URL.Path]
	if r.URL.Query().Get("IncludeEnvStatus") != "true" {
		if b, ok := s.noStatus[r.URL.Path]; ok {
			body = b
		}
	}
	token := s.Token
	s.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	switch {
	case r.Method != http.MethodGet:
		exception(w, http.StatusMethodNotAllowed, "read-only test server")
	case r.Header.Get("Authorization") != "Bearer "+token:
		exception(w, http.StatusUnauthorized, "Invalid or expired authentication token.")
	case overridden:
		w.WriteHeader(over.status)
		fmt.Fprint(w, over.body)
	case !known:
		exception(w, http.StatusNotFound, "Endpoint not found.")
	case string(body) == "[]":
		w.WriteHeader(http.StatusNoContent) // the API's answer for an empty list
	default:
		w.Write(body)
	}
}

func exception(w http.ResponseWriter, status int, msg string) {
	w.WriteHeader(status)
	w.Write(mustJSON(Object{"Errors": []string{msg}, "StatusCode": status}))
}

func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}

// find returns the object of list whose field is value.
func find(list []Object, field, value string) Object {
	for _, o := range list {
		if o[field] == value {
			return o
		}
	}
	panic(fmt.Sprintf("no object with %s %q", field, value))
}

// MoveApp deploys the app named app to the zone named zone in environment env (a key).
func (d *Data) MoveApp(env, app, zone string) {
	zkey := find(d.Zones[env], "Name", zone)["Key"]
	for _, st := range find(d.Applications, "Name", app)["AppStatusInEnvs"].([]any) {
		if st := st.(Object); st["EnvironmentKey"] == env {
			st["DeploymentZoneKey"] = zkey
			return
		}
	}
	panic("app " + app + " is not in " + env)
}

// AddModule publishes a new eSpace module named name in app, in environment env (a key).
func (d *Data) AddModule(env, app, name string) {
	akey := find(d.Applications, "Name", app)["Key"]
	d.Modules = append(d.Modules, Object{
		"Key": fmt.Sprintf("22222222-0000-4000-8000-%012d", len(d.Modules)), "Name": name, "Description": "", "Kind": "eSpace",
		"ModuleStatusInEnv": []any{Object{"ApplicationKey": akey, "EnvironmentKey": env,
			"ModuleVersionKey": fmt.Sprintf("33333333-0000-4000-8000-%012d", len(d.Modules)), "ConsistencyStatus": "", "ConsistencyStatusMessages": ""}},
	})
}

// RenameApp gives the app named app a new display name.
func (d *Data) RenameApp(app, name string) { find(d.Applications, "Name", app)["Name"] = name }

// RenameZone gives the zone named zone of environment env a new display name.
func (d *Data) RenameZone(env, zone, name string) { find(d.Zones[env], "Name", zone)["Name"] = name }

// RenameModule gives the module named module a new name.
func (d *Data) RenameModule(module, name string) { find(d.Modules, "Name", module)["Name"] = name }

// LargeHost is the HostName of Large's environment and the Hostname of LargePlan's.
const LargeHost = "prod.bench.example"

// LargePlan is a source for Large: environment prod with Hostname LargeHost and the zones
// Global, DZ1 and DZ2, without apps.
func LargePlan() (*topology.Plan, error) {
	src := `{"name": "bench", "environments": {"prod": {"purpose": "production", "hostname": "` + LargeHost + `",
	  "servers": {"fe1": {"address": "10.9.0.11"}, "fe2": {"address": "10.9.0.12"}, "fe3": {"address": "10.9.0.13"}},
	  "zones": {"Global": {"allServers": true, "loadBalancer": "lb0.bench.example"}, "DZ1": {"servers": ["fe1", "fe2"], "loadBalancer": "lb1.bench.example"},
	            "DZ2": {"servers": ["fe3"]}}}}}`
	plan, report := topology.Load([]byte(src), "bench.json")
	return plan, report.Err()
}

// Large is an infrastructure of apps applications with modules modules in all, spread over
// three zones of one production environment whose HostName is host.
func Large(apps, modules int, host string) Data {
	const env = "9f000000-0000-4000-8000-000000000001"
	zones := []Object{
		{"Key": "9f000000-0000-4000-8000-0000000000a0", "Name": "Global", "IsDefault": true, "DeploymentTechnology": Object{"Key": "", "Name": ""}},
		{"Key": "9f000000-0000-4000-8000-0000000000a1", "Name": "DZ1", "IsDefault": false, "DeploymentTechnology": Object{"Key": "", "Name": ""}},
		{"Key": "9f000000-0000-4000-8000-0000000000a2", "Name": "DZ2", "IsDefault": false, "DeploymentTechnology": Object{"Key": "", "Name": ""}},
	}
	d := Data{
		Environments: []Object{{"Key": env, "Name": "Production", "OSVersion": "11.0.110.0", "Order": 0, "HostName": host,
			"UseHTTPS": true, "EnvironmentType": "Production", "NumberOfFrontEnds": 3, "ApplicationServerType": ".NET",
			"ApplicationServer": "IIS", "DatabaseProvider": "SQLServer", "IsCloudEnvironment": false}},
		Zones: map[string][]Object{env: zones},
	}
	for i := range apps {
		key := fmt.Sprintf("a%07d-0000-4000-8000-000000000000", i)
		d.Applications = append(d.Applications, Object{"Key": key, "Name": fmt.Sprintf("App %d", i), "Kind": "WebResponsive",
			"Team": "", "Description": "", "URLPath": fmt.Sprintf("/App%d", i), "IsSystem": false,
			"AppStatusInEnvs": []any{Object{"EnvironmentKey": env, "BaseApplicationVersionKey": key, "IsModified": false,
				"IsModifiedReason": "", "IsModifiedMessage": "", "ConsistencyStatus": "", "ConsistencyStatusMessages": "",
				"MobileAppsStatus": []any{}, "ModuleStatusInEnvs": []any{}, "DeploymentZoneKey": zones[i%3]["Key"]}}})
	}
	for i := range modules {
		app := i % max(apps, 1)
		d.Modules = append(d.Modules, Object{"Key": fmt.Sprintf("b%07d-0000-4000-8000-000000000000", i),
			"Name": fmt.Sprintf("App%d_M%d", app, i), "Description": "", "Kind": "eSpace",
			"ModuleStatusInEnv": []any{Object{"ApplicationKey": fmt.Sprintf("a%07d-0000-4000-8000-000000000000", app),
				"EnvironmentKey": env, "ModuleVersionKey": fmt.Sprintf("c%07d-0000-4000-8000-000000000000", i),
				"ConsistencyStatus": "", "ConsistencyStatusMessages": ""}}})
	}
	return d
}

// Redacted reports whether s holds the token, for tests that prove it never leaks.
func Redacted(s string) bool { return !strings.Contains(s, Token) }
