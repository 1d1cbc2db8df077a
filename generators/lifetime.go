package generators

import (
	"fmt"
	"path"

	"github.com/zonegen/zonegen/output"
	"github.com/zonegen/zonegen/templates"
	"github.com/zonegen/zonegen/topology"
)

// LifetimeFile is <lifetime-env>/lifetime.json (DESIGN.md "Outputs"), written here and read
// back by generators/review: what to type in LifeTime's "register environment" wizard for
// each environment it manages (FACTS §3).
type LifetimeFile struct {
	Lifetime     string                `json:"lifetime"`
	Environments []LifetimeEnvironment `json:"environments"`
}

// LifetimeEnvironment is one environment LifeTime registers.
type LifetimeEnvironment struct {
	Name     string `json:"name"`
	Address  string `json:"address"`
	UseHTTPS bool   `json:"useHttps"`
	Reason   string `json:"reason"`
}

func generateLifetime(plan *topology.Plan, _ *templates.Set) ([]output.File, error) {
	lt := plan.Lifetime
	if lt == nil {
		return nil, nil
	}
	f := LifetimeFile{Lifetime: lt.Env, Environments: []LifetimeEnvironment{}}
	for _, t := range lt.Environments {
		f.Environments = append(f.Environments, LifetimeEnvironment{
			Name:     t.Name,
			Address:  t.Address.Value,
			UseHTTPS: t.UseHTTPS,
			Reason:   reasonText(t.Address),
		})
	}
	data, err := marshalJSONFile(f)
	if err != nil {
		return nil, fmt.Errorf("lifetime.json of %s: %w", lt.Env, err)
	}
	return []output.File{{Path: path.Join(lt.Env, "lifetime.json"), Data: data, Env: lt.Env}}, nil
}
