package generators

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/zonegen/zonegen/output"
	"github.com/zonegen/zonegen/templates"
	"github.com/zonegen/zonegen/topology"
)

func init() {
	Register(Generator{
		Kind:     "servicecenter",
		Doc:      "Service Center settings per environment: hostname and deployment zones, with reasons",
		Generate: generateServiceCenter,
	})
}

// serviceCenter is <env>/servicecenter.json. Field order is the file's key order, fixed by
// DESIGN.md "Outputs" because other tools read it.
type serviceCenter struct {
	Environment       string            `json:"environment"`
	Purpose           string            `json:"purpose"`
	Hostname          string            `json:"hostname"`
	ServiceCenterZone string            `json:"serviceCenterZone"`
	DeploymentZones   []deploymentZone  `json:"deploymentZones"`
	NetworkSecurity   networkSecurity   `json:"networkSecurity"`
	Reasons           orderedStringsMap `json:"reasons"`
}

// networkSecurity is Service Center > Administration > Security > Network Security and the
// SSL-offload platform parameter (R10; reverse-proxy-config.md §C). No tool sets them:
// checklist.md says where and how.
type networkSecurity struct {
	// HTTPToHTTPSProxyHeader is the parameter row, null when no proxy offloads TLS.
	HTTPToHTTPSProxyHeader *platformParameter `json:"httpToHttpsProxyHeader"`
	TrustedProxyAddresses  []string           `json:"trustedProxyAddresses"`
	InternalNetwork        []string           `json:"internalNetworkAddresses"`
	// Unresolved are machines of the internal network known only by name.
	Unresolved []string `json:"internalNetworkUnresolved"`
}

// platformParameter is one OSSYS_PARAMETER row.
type platformParameter struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// deploymentZone mirrors Service Center > Administration > Deployment Zones (FACTS §2).
type deploymentZone struct {
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
		sc := serviceCenter{
			Environment:       env.Name,
			Purpose:           env.Purpose,
			Hostname:          env.Hostname.Value,
			ServiceCenterZone: env.ServiceCenterZone,
			DeploymentZones:   []deploymentZone{},
		}
		for _, z := range env.Zones {
			sc.DeploymentZones = append(sc.DeploymentZones, deploymentZone{
				Name:                              z.Name,
				Address:                           z.Address.Value,
				UseHTTPSForInternalCommunications: z.HTTPSInternal,
				IncludesAllServers:                z.AllServers,
				Servers:                           nonNil(z.Servers),
				Applications:                      nonNil(z.Apps),
			})
		}
		ns := env.Network
		sc.NetworkSecurity = networkSecurity{TrustedProxyAddresses: values(ns.TrustedProxies),
			InternalNetwork: values(ns.InternalNetwork), Unresolved: values(ns.Unresolved)}
		if ns.ProxyHeader != nil {
			sc.NetworkSecurity.HTTPToHTTPSProxyHeader = &platformParameter{topology.ProxyHeaderParameter, ns.ProxyHeader.Value}
		}
		for _, d := range envDerivations(env) {
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

// envDerivations lists the derived values that are Service Center or LifeTime settings,
// keyed as in servicecenter.json's "reasons": each zone address (R2), the hostname (R4) and
// the address LifeTime registers the environment with (R8), and network security (R10).
// Hosts entries and allow lists
// are not Service Center settings; `zonegen explain` shows them.
func envDerivations(env *topology.EnvPlan) []topology.Derivation {
	var hostname, zones, network, lifetime []topology.Derivation
	for _, d := range env.Derivations() {
		switch {
		case d.Key == "hostname":
			hostname = append(hostname, d)
		case strings.HasPrefix(d.Key, "deploymentZones."):
			zones = append(zones, d)
		case strings.HasPrefix(d.Key, "networkSecurity."):
			network = append(network, d)
		case d.Key == "lifetimeAddress":
			lifetime = append(lifetime, d)
		}
	}
	return slices.Concat(hostname, zones, network, lifetime) // the order of the file
}

// reasonText is a derived value's reason as files show it: "R4: one proxy publishes ...",
// or "explicit: ..." for a value the source set.
func reasonText(d topology.Derived) string {
	if d.Rule == "" {
		return d.Reason
	}
	return string(d.Rule) + ": " + d.Reason
}

// orderedStringsMap is a JSON object of strings that keeps its insertion order, so that
// "reasons" reads in the order of the file (hostname first, then zones by name).
type orderedStringsMap [][2]string

func (m orderedStringsMap) MarshalJSON() ([]byte, error) {
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

// values are the derived values of a list, never null.
func values(ds []topology.Derived) []string {
	out := []string{}
	for _, d := range ds {
		out = append(out, d.Value)
	}
	return out
}

// nonNil makes an empty list encode as [] rather than null.
func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
