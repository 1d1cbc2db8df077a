package lifetime

import (
	"fmt"
	"io"
	"strings"

	"github.com/zonegen/zonegen/internal/terminal"
	"github.com/zonegen/zonegen/topology"
)

// Report is how the source's routing table differs from LifeTime's (zonegen lifetime check).
type Report struct {
	URL          string      `json:"url"`
	InSync       bool        `json:"inSync"`
	Environments []EnvReport `json:"environments"`
	Unmapped     []Unmapped  `json:"unmapped"`
	Notes        []string    `json:"notes"`
}

// EnvReport is one compared environment.
type EnvReport struct {
	Env      string  `json:"environment"`
	LifeTime string  `json:"lifetimeEnvironment"`
	Apps     int     `json:"apps"` // apps LifeTime deploys there (with a web module)
	Drift    []Drift `json:"drift"`
}

// Drift kinds.
const (
	DriftZone          = "zone"           // the app is in another zone
	DriftMobile        = "mobile"         // LifeTime and the source disagree on mobile
	DriftModuleMissing = "module-missing" // LifeTime deploys a module the source does not route
	DriftModuleExtra   = "module-extra"   // the source routes a module LifeTime does not deploy
	DriftAppMissing    = "app-missing"    // LifeTime deploys an app the source does not have
	DriftAppExtra      = "app-extra"      // the source has an app LifeTime does not deploy
)

// Drift is one difference, with a sentence a reviewer can read.
type Drift struct {
	App      string `json:"app"`
	Kind     string `json:"kind"`
	LifeTime string `json:"lifetime,omitempty"`
	Source   string `json:"source,omitempty"`
	Message  string `json:"message"`
}

// Compare reports, per mapped environment, how the plan's apps differ from LifeTime's.
// Apps and modules match ignoring case, like the paths they become (R6).
func Compare(t *Table, plan *topology.Plan) *Report {
	r := &Report{URL: t.URL, InSync: true, Unmapped: t.Unmapped, Notes: t.Notes}
	if r.Unmapped == nil {
		r.Unmapped = []Unmapped{}
	}
	if r.Notes == nil {
		r.Notes = []string{}
	}
	envs := map[string]*topology.EnvPlan{}
	for _, e := range plan.Environments {
		envs[e.Name] = e
	}
	for _, et := range t.Envs {
		er := EnvReport{Env: et.Env, LifeTime: et.LifeTime, Apps: len(et.Apps), Drift: []Drift{}}
		src := map[string]*topology.AppPlan{}
		for _, a := range envs[et.Env].Apps {
			src[strings.ToLower(a.Name)] = a
		}
		seen := map[string]bool{}
		add := func(d Drift) { er.Drift = append(er.Drift, d) }
		for _, lt := range et.Apps {
			k := strings.ToLower(lt.Key)
			seen[k] = true
			sa := src[k]
			if sa == nil {
				add(Drift{App: lt.Key, Kind: DriftAppMissing, LifeTime: lt.Zone,
					Message: fmt.Sprintf("app %s: LifeTime deploys it to zone %s (modules %s), the source does not have it", lt.Key, lt.Zone, strings.Join(lt.Modules, ", "))})
				continue
			}
			if sa.Zone != lt.Zone {
				add(Drift{App: sa.Name, Kind: DriftZone, LifeTime: lt.Zone, Source: sa.Zone,
					Message: fmt.Sprintf("app %s: LifeTime has zone %s, the source %s", sa.Name, lt.Zone, sa.Zone)})
			}
			if sa.Mobile != lt.Mobile {
				add(Drift{App: sa.Name, Kind: DriftMobile, LifeTime: kind(lt.Mobile), Source: kind(sa.Mobile),
					Message: fmt.Sprintf("app %s: LifeTime has a %s app, the source a %s app", sa.Name, kind(lt.Mobile), kind(sa.Mobile))})
			}
			routed := lowerSet(sa.Modules)
			deployed := lowerSet(lt.Modules)
			for _, m := range lt.Modules {
				if !routed[strings.ToLower(m)] {
					add(Drift{App: sa.Name, Kind: DriftModuleMissing, LifeTime: m,
						Message: fmt.Sprintf("app %s: LifeTime deploys module %s, the source does not route it", sa.Name, m)})
				}
			}
			for _, m := range sa.Modules {
				if !deployed[strings.ToLower(m)] {
					add(Drift{App: sa.Name, Kind: DriftModuleExtra, Source: m,
						Message: fmt.Sprintf("app %s: the source routes module %s, LifeTime does not deploy it", sa.Name, m)})
				}
			}
		}
		for _, sa := range envs[et.Env].Apps {
			if !seen[strings.ToLower(sa.Name)] {
				add(Drift{App: sa.Name, Kind: DriftAppExtra, Source: sa.Zone,
					Message: fmt.Sprintf("app %s: the source has it in zone %s, LifeTime does not deploy it there", sa.Name, sa.Zone)})
			}
		}
		if len(er.Drift) > 0 {
			r.InSync = false
		}
		r.Environments = append(r.Environments, er)
	}
	if r.Environments == nil {
		r.Environments = []EnvReport{}
	}
	return r
}

// WriteText prints the report for a reviewer: per environment its differences, then what
// was not compared.
func (r *Report) WriteText(w io.Writer, source string) error {
	var b strings.Builder
	fmt.Fprintf(&b, "LifeTime %s compared with %s\n", r.URL, source)
	n := 0
	for _, e := range r.Environments {
		if len(e.Drift) == 0 {
			fmt.Fprintf(&b, "%s (LifeTime %+q): in sync, %d apps\n", e.Env, e.LifeTime, e.Apps)
			continue
		}
		n += len(e.Drift)
		fmt.Fprintf(&b, "%s (LifeTime %+q): %d difference%s\n", e.Env, e.LifeTime, len(e.Drift), plural(len(e.Drift)))
		for _, d := range e.Drift {
			fmt.Fprintf(&b, "  %s\n", d.Message)
		}
	}
	for _, u := range r.Unmapped {
		fmt.Fprintf(&b, "not compared: LifeTime environment %+q: %s\n", u.Name, u.Reason)
	}
	for _, note := range r.Notes {
		fmt.Fprintf(&b, "note: %s\n", note)
	}
	if n == 0 {
		b.WriteString("in sync\n")
	} else {
		fmt.Fprintf(&b, "drift: %d difference%s; run `zonegen lifetime pull` and review the change\n", n, plural(n))
	}
	_, err := io.WriteString(w, terminal.Escape(b.String()))
	return err
}

func kind(mobile bool) string {
	if mobile {
		return "mobile"
	}
	return "web"
}

func lowerSet(names []string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[strings.ToLower(n)] = true
	}
	return m
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
