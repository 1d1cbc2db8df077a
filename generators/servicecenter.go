package generators

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path"

	"github.com/zonegen/zonegen/output"
	"github.com/zonegen/zonegen/templates"
	"github.com/zonegen/zonegen/topology"
)

// ServiceCenterFile is <env>/servicecenter.json, written here and read back by
// generators/review. Field order is the file's key order, fixed by DESIGN.md "Outputs"
// because other tools read it.
type ServiceCenterFile struct {
	Environment       string           `json:"environment"`
	Purpose           string           `json:"purpose"`
	Hostname          string           `json:"hostname"`
	ServiceCenterZone string           `json:"serviceCenterZone"`
	DeploymentZones   []DeploymentZone `json:"deploymentZones"`
	Reasons           Reasons          `json:"reasons"`
}

// DeploymentZone mirrors Service Center > Administration > Deployment Zones (FACTS §2).
type DeploymentZone struct {
	Name                              string   `json:"name"`
	Address                           string   `json:"address"`
	UseHTTPSForInternalCommunications bool     `json:"useHttpsForInternalCommunications"`
	IncludesAllServers                bool     `json:"includesAllServers"`
	Servers                           []string `json:"servers"`
	Applications                      []string `json:"applications"`
}

func generateServiceCenter(plan *topology.Plan, _ *templates.Set) ([]output.File, error) {
	var files []output.File
	for _, env := range plan.Environments {
		sc := ServiceCenterFile{
			Environment:       env.Name,
			Purpose:           env.Purpose,
			Hostname:          env.Hostname.Value,
			ServiceCenterZone: env.ServiceCenterZone,
			DeploymentZones:   []DeploymentZone{},
		}
		for _, z := range env.Zones {
			sc.DeploymentZones = append(sc.DeploymentZones, DeploymentZone{
				Name:                              z.Name,
				Address:                           z.Address.Value,
				UseHTTPSForInternalCommunications: z.HTTPSInternal,
				IncludesAllServers:                z.AllServers,
				Servers:                           nonNil(z.Servers),
				Applications:                      nonNil(z.Apps),
			})
		}
		for _, d := range env.Settings() {
			sc.Reasons = append(sc.Reasons, [2]string{d.Key, reasonText(d.Derived)})
		}
		data, err := marshalJSONFile(sc)
		if err != nil {
			return nil, fmt.Errorf("servicecenter.json of %s: %w", env.Name, err)
		}
		files = append(files, output.File{Path: path.Join(env.Name, "servicecenter.json"), Data: data, Env: env.Name})
	}
	return files, nil
}

// reasonText is a derived value's reason as files show it: "R4: one proxy publishes ...",
// or "explicit: ..." for a value the source set.
func reasonText(d topology.Derived) string {
	if d.Rule == "" {
		return d.Reason
	}
	return string(d.Rule) + ": " + d.Reason
}

// Reasons is a JSON object of strings that keeps its order, so that "reasons" reads in the
// order of the file (hostname first, then zones by name, then the LifeTime address).
type Reasons [][2]string

// MarshalJSON writes the pairs as one object, in order.
func (m Reasons) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, kv := range m {
		if i > 0 {
			b.WriteByte(',')
		}
		for j, s := range kv {
			v, err := json.Marshal(s)
			if err != nil {
				return nil, err
			}
			b.Write(v)
			if j == 0 {
				b.WriteByte(':')
			}
		}
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// UnmarshalJSON reads the object back, keeping its order.
func (m *Reasons) UnmarshalJSON(data []byte) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return fmt.Errorf("reasons: want an object")
	}
	*m = nil
	for dec.More() {
		key, err := dec.Token()
		if err != nil {
			return fmt.Errorf("reasons: %w", err)
		}
		var value string
		if err := dec.Decode(&value); err != nil {
			return fmt.Errorf("reasons: %w", err)
		}
		*m = append(*m, [2]string{key.(string), value})
	}
	_, err := dec.Token()
	return err
}

// marshalJSONFile encodes v as a settings file: two-space indent, no HTML escaping, a final
// line break.
func marshalJSONFile(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// nonNil makes an empty list encode as [] rather than null.
func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
