package generators

import (
	"fmt"
	"path"

	"github.com/zonegen/zonegen/output"
	"github.com/zonegen/zonegen/templates"
	"github.com/zonegen/zonegen/topology"
)

func init() {
	Register(Generator{
		Kind:     "lifetime",
		Doc:      "LifeTime registrations: each managed environment's address and HTTPS, and the LifeTime address it calls back (R8)",
		Generate: generateLifetime,
	})
}

// lifetimeFile is <lifetime-env>/lifetime.json (DESIGN.md "Outputs"): what to type in
// LifeTime's "register environment" wizard for each environment it manages (FACTS §3).
type lifetimeFile struct {
	Lifetime     string                `json:"lifetime"`
	Environments []lifetimeEnvironment `json:"environments"`
}

type lifetimeEnvironment struct {
	Name     string `json:"name"`
	Address  string `json:"address"`
	UseHTTPS bool   `json:"useHttps"`
	Reason   string `json:"reason"`
	// LifetimeAddress is the address the environment calls LifeTime back at (the wizard's
	// "LifeTime address", over HTTPS), with its reason.
	LifetimeAddress       string `json:"lifetimeAddress"`
	LifetimeAddressReason string `json:"lifetimeAddressReason"`
}

func generateLifetime(plan *topology.Plan, _ *templates.Set) ([]output.File, error) {
	lt := plan.Lifetime
	if lt == nil {
		return nil, nil
	}
	f := lifetimeFile{Lifetime: lt.Env, Environments: []lifetimeEnvironment{}}
	for _, t := range lt.Environments {
		f.Environments = append(f.Environments, lifetimeEnvironment{
			Name:     t.Name,
			Address:  t.Address.Value,
			UseHTTPS: t.UseHTTPS,
			Reason:   reasonText(t.Address),

			LifetimeAddress:       t.Callback.Value,
			LifetimeAddressReason: reasonText(t.Callback),
		})
	}
	data, err := marshalJSONFile(f)
	if err != nil {
		return nil, fmt.Errorf("lifetime.json of %s: %w", lt.Env, err)
	}
	return []output.File{{Path: path.Join(lt.Env, "lifetime.json"), Data: data, Env: lt.Env}}, nil
}
