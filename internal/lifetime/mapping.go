package lifetime

import (
	"cmp"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/zonegen/zonegen/topology"
)

// Table is LifeTime's routing table in the source's terms: per mapped environment, each
// app's zone, modules and kind, keyed as the source would key them.
type Table struct {
	URL  string
	Envs []*EnvTable // sorted by source environment name
	// Unmapped are LifeTime environments no source environment matched: listed, skipped.
	Unmapped []Unmapped
	// Notes say what was left out and why (apps without a web module).
	Notes []string
}

// EnvTable is one LifeTime environment mapped to a source environment.
type EnvTable struct {
	Env      string // source environment name
	LifeTime string // LifeTime's name of it
	Apps     []*App // sorted by Key
}

// App is one application as the source writes it (topology.App).
type App struct {
	Key     string   // zonegen key (Key of Name)
	Name    string   // LifeTime's display name
	Zone    string   // the source's name of the zone
	Modules []string // sorted, as LifeTime spells them
	Mobile  bool
}

// Unmapped is a LifeTime environment that was skipped.
type Unmapped struct {
	Name     string `json:"name"`
	HostName string `json:"hostName"`
	Reason   string `json:"reason"`
}

// Key maps a LifeTime display name (an app or zone name, which may hold spaces and other
// characters the name rule refuses) to a zonegen key: every run of characters other than
// ASCII letters, digits, '_' and '-' becomes one '_', and '_' at either end is dropped.
// "Customer Portal" → "Customer_Portal". The result may still fail topology.CheckName
// (empty, too long, starting with a digit); Map reports that, naming the LifeTime name.
func Key(name string) string {
	var b strings.Builder
	gap := false
	for _, r := range name {
		ok := r < 0x80 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-')
		if !ok {
			gap = true
			continue
		}
		if gap && b.Len() > 0 {
			b.WriteByte('_')
		}
		gap = false
		b.WriteRune(r)
	}
	return strings.Trim(b.String(), "_")
}

// Map turns a snapshot into the source's routing table. LifeTime environments map to
// source environments by explicit (LifeTime name → source environment), else by host
// name: LifeTime's HostName against each environment's Hostname (R4), then against the
// address LifeTime registers it with (R8). System apps are left out; so are Extension
// modules, which have no URL. Every problem is reported at once, naming the LifeTime names.
func Map(s *Snapshot, plan *topology.Plan, explicit map[string]string) (*Table, error) {
	t := &Table{URL: s.URL}
	pairs, unmapped, errs := mapEnvironments(s.Environments, plan, explicit)
	t.Unmapped = unmapped
	byEnv := map[string]*topology.EnvPlan{}
	for _, e := range plan.Environments {
		byEnv[e.Name] = e
	}
	states := map[string]*envState{}
	for _, p := range pairs {
		st := &envState{
			table: &EnvTable{Env: p.env, LifeTime: p.lt.Name},
			zones: map[string]string{}, apps: map[string]*App{}, keys: map[string]Application{}, undeclared: map[string]bool{},
			where: fmt.Sprintf("LifeTime environment %+q (source %s)", p.lt.Name, p.env),
			src:   byEnv[p.env],
		}
		errs = append(errs, st.mapZones(s.Zones[p.lt.Key])...)
		states[p.lt.Key] = st
		t.Envs = append(t.Envs, st.table)
	}
	for _, a := range s.Applications {
		if a.IsSystem {
			continue // Service Center, LifeTime, ...: the source's systemModules route them
		}
		for _, as := range a.AppStatusInEnvs {
			st := states[as.EnvironmentKey]
			if st == nil {
				continue
			}
			if err := st.addApp(a, as); err != nil {
				errs = append(errs, err)
			}
		}
	}
	for _, m := range s.Modules {
		if strings.EqualFold(m.Kind, "Extension") {
			continue // extensions are .NET libraries: no URL path to route
		}
		for _, ms := range m.ModuleStatusInEnv {
			st := states[ms.EnvironmentKey]
			if st == nil {
				continue
			}
			app := st.apps[ms.ApplicationKey]
			if app == nil {
				continue // a module of a system app, or of no app
			}
			if err := topology.CheckName(m.Name); err != nil {
				errs = append(errs, fmt.Errorf("%s: app %+q: module %+q cannot be routed: %v; rename it in Service Studio "+
					"(zonegen never rewrites a module name: it is the URL path)", st.where, app.Name, m.Name, err))
				continue
			}
			if !slices.Contains(app.Modules, m.Name) {
				app.Modules = append(app.Modules, m.Name)
			}
		}
	}
	slices.SortFunc(t.Envs, func(a, b *EnvTable) int { return cmp.Compare(a.Env, b.Env) })
	for _, p := range pairs {
		st := states[p.lt.Key]
		for _, app := range st.apps {
			if len(app.Modules) == 0 {
				t.Notes = append(t.Notes, fmt.Sprintf("%s: app %+q has no web module there: nothing to route, left out", st.where, app.Name))
				continue
			}
			slices.Sort(app.Modules)
			st.table.Apps = append(st.table.Apps, app)
		}
		slices.SortFunc(st.table.Apps, func(a, b *App) int { return cmp.Compare(a.Key, b.Key) })
	}
	slices.Sort(t.Notes)
	if len(errs) > 0 {
		msgs := make([]string, len(errs))
		for i, e := range errs {
			msgs[i] = e.Error()
		}
		slices.Sort(msgs)
		msgs = slices.Compact(msgs)
		joined := make([]error, len(msgs))
		for i, m := range msgs {
			joined[i] = errors.New(m)
		}
		return t, errors.Join(joined...)
	}
	return t, nil
}

// envPair is one LifeTime environment and the source environment it maps to.
type envPair struct {
	lt  Environment
	env string
}

func mapEnvironments(envs []Environment, plan *topology.Plan, explicit map[string]string) ([]envPair, []Unmapped, []error) {
	var errs []error
	source := map[string]*topology.EnvPlan{}
	var apps []*topology.EnvPlan // environments that can hold apps
	for _, e := range plan.Environments {
		source[e.Name] = e
		if e.Purpose != "lifetime" {
			apps = append(apps, e)
		}
	}
	ltNames := map[string]bool{}
	for _, e := range envs {
		ltNames[e.Name] = true
	}
	for _, name := range slices.Sorted(maps.Keys(explicit)) {
		env := explicit[name]
		if !ltNames[name] {
			errs = append(errs, fmt.Errorf("--map %+q: LifeTime has no environment of that name (it has %s)", name+"="+env, quoteList(slices.Sorted(maps.Keys(ltNames)))))
		}
		if e := source[env]; e == nil {
			errs = append(errs, fmt.Errorf("--map %+q: the source has no environment %+q", name+"="+env, env))
		} else if e.Purpose == "lifetime" {
			errs = append(errs, fmt.Errorf("--map %+q: %s is the LifeTime environment, which runs no apps (R1)", name+"="+env, env))
		}
	}
	var pairs []envPair
	var unmapped []Unmapped
	claimed := map[string]string{} // source env → LifeTime name
	for _, lt := range envs {
		env, ok := explicit[lt.Name]
		if !ok {
			env = matchHost(lt.HostName, apps, func(e *topology.EnvPlan) string { return e.Hostname.Value })
			if env == "" {
				env = matchHost(lt.HostName, apps, func(e *topology.EnvPlan) string {
					if e.LifetimeAddress == nil {
						return ""
					}
					return e.LifetimeAddress.Value
				})
			}
			if env == "" {
				unmapped = append(unmapped, Unmapped{Name: lt.Name, HostName: lt.HostName,
					Reason: fmt.Sprintf("no source environment has Hostname %+q; to include it pass --map '%s=ENV'", lt.HostName, lt.Name)})
				continue
			}
		}
		if e := source[env]; e == nil || e.Purpose == "lifetime" {
			continue // reported above
		}
		if prev, dup := claimed[env]; dup {
			errs = append(errs, fmt.Errorf("LifeTime environments %+q and %+q both map to source environment %s; tell them apart with --map", prev, lt.Name, env))
			continue
		}
		claimed[env] = lt.Name
		pairs = append(pairs, envPair{lt: lt, env: env})
	}
	slices.SortFunc(unmapped, func(a, b Unmapped) int { return cmp.Compare(a.Name, b.Name) })
	return pairs, unmapped, errs
}

// matchHost returns the one environment whose host (by get) is host, ignoring case as DNS
// does; "" when none is, or more than one (then only --map can tell).
func matchHost(host string, envs []*topology.EnvPlan, get func(*topology.EnvPlan) string) string {
	found := ""
	for _, e := range envs {
		if h := get(e); h != "" && strings.EqualFold(h, host) {
			if found != "" {
				return ""
			}
			found = e.Name
		}
	}
	return found
}

// envState is one mapped environment while Map builds its table.
type envState struct {
	table *EnvTable
	src   *topology.EnvPlan
	where string                 // how messages name the environment
	zones map[string]string      // LifeTime zone key → source zone name
	def   string                 // source name of LifeTime's default zone; "" when it has none
	apps  map[string]*App        // LifeTime application key → app
	keys  map[string]Application // lower-case zonegen key → the LifeTime app that has it
	// undeclared are LifeTime zone keys the source lacks, already reported.
	undeclared map[string]bool
}

// mapZones maps an environment's LifeTime zones to the zones the source declares. Zone
// names match ignoring case, as the source's own zone names must be unique (R9).
func (st *envState) mapZones(zones []DeploymentZone) []error {
	var errs []error
	declared := map[string]string{} // lower case → source name
	var names []string
	for _, z := range st.src.Zones {
		declared[strings.ToLower(z.Name)] = z.Name
		names = append(names, z.Name)
	}
	seen := map[string]string{} // source zone → LifeTime name
	for _, z := range zones {
		key := Key(z.Name)
		src, ok := declared[strings.ToLower(key)]
		if !ok {
			errs = append(errs, fmt.Errorf("%s: deployment zone %+q (key %s) is not declared under environments.%s.zones (it declares %s); "+
				"declare it with its servers, or remove the zone in Service Center", st.where, z.Name, keyOrEmpty(key), st.src.Name, strings.Join(names, ", ")))
			st.undeclared[z.Key] = true
			continue
		}
		if prev, dup := seen[src]; dup {
			errs = append(errs, fmt.Errorf("%s: deployment zones %+q and %+q both map to zone %s; rename one in Service Center", st.where, prev, z.Name, src))
			continue
		}
		seen[src] = z.Name
		st.zones[z.Key] = src
		if z.IsDefault {
			st.def = src
		}
	}
	return errs
}

// addApp records one application's status in the environment.
func (st *envState) addApp(a Application, as AppStatusIn) error {
	key := Key(a.Name)
	if err := topology.CheckName(key); err != nil {
		return fmt.Errorf("%s: app %+q maps to key %s, which is not a valid app name: %v; rename the app in LifeTime",
			st.where, a.Name, keyOrEmpty(key), err)
	}
	if prev, dup := st.keys[strings.ToLower(key)]; dup && prev.Key != a.Key {
		return fmt.Errorf("%s: apps %+q and %+q both map to key %s (names are compared ignoring case, spaces and punctuation); rename one in LifeTime",
			st.where, min(prev.Name, a.Name), max(prev.Name, a.Name), key)
	}
	var zone string
	if as.DeploymentZoneKey == "" {
		// The reference's own example leaves the key empty for the default zone.
		if zone = st.def; zone == "" {
			return fmt.Errorf("%s: app %+q has no deployment zone and LifeTime lists no default zone", st.where, a.Name)
		}
	} else if st.undeclared[as.DeploymentZoneKey] {
		return nil // its zone is reported
	} else if zone = st.zones[as.DeploymentZoneKey]; zone == "" {
		return fmt.Errorf("%s: app %+q is in deployment zone %+q, which LifeTime does not list for the environment", st.where, a.Name, as.DeploymentZoneKey)
	}
	st.keys[strings.ToLower(key)] = a
	st.apps[a.Key] = &App{Key: key, Name: a.Name, Zone: zone, Mobile: strings.EqualFold(a.Kind, "Mobile")}
	return nil
}

func keyOrEmpty(key string) string {
	if key == "" {
		return `""`
	}
	return key
}

func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = fmt.Sprintf("%+q", n)
	}
	return strings.Join(q, ", ")
}
