package lifetime

// The shapes below are the fields zonegen reads of the LifeTime Deployment API v2
// structures (lifetime-deployment-api-v2.md, "Structures"); encoding/json ignores the rest.

// Environment is one environment registered in LifeTime (structure Environment).
type Environment struct {
	Key      string `json:"Key"`
	Name     string `json:"Name"`
	HostName string `json:"HostName"`
	// EnvironmentType is Development, Test or Production.
	EnvironmentType string `json:"EnvironmentType"`
}

// DeploymentZone is one deployment zone of an environment (structure DeploymentZone_v2).
// The API gives no address: zone addresses stay in the source.
type DeploymentZone struct {
	Key       string `json:"Key"`
	Name      string `json:"Name"`
	IsDefault bool   `json:"IsDefault"`
}

// Application is one application of the infrastructure (structure Application).
type Application struct {
	Key  string `json:"Key"`
	Name string `json:"Name"`
	// Kind is Mobile or WebResponsive.
	Kind string `json:"Kind"`
	// IsSystem marks a built-in component (Service Center, LifeTime, ...).
	IsSystem        bool          `json:"IsSystem"`
	AppStatusInEnvs []AppStatusIn `json:"AppStatusInEnvs"`
}

// AppStatusIn is an application's status in one environment (structure AppStatusInEnv_v2).
type AppStatusIn struct {
	EnvironmentKey string `json:"EnvironmentKey"`
	// DeploymentZoneKey is "" for the environment's default zone in the reference's own
	// example (api-deploy-app.md, step 2).
	DeploymentZoneKey string `json:"DeploymentZoneKey"`
}

// Module is one module of the infrastructure (structure Module).
type Module struct {
	Key  string `json:"Key"`
	Name string `json:"Name"`
	// Kind is eSpace or Extension; only eSpaces are published under /<Module>.
	Kind              string           `json:"Kind"`
	ModuleStatusInEnv []ModuleStatusIn `json:"ModuleStatusInEnv"`
}

// ModuleStatusIn is a module's status in one environment (structure ModuleStatusInEnv).
type ModuleStatusIn struct {
	ApplicationKey string `json:"ApplicationKey"`
	EnvironmentKey string `json:"EnvironmentKey"`
}

// apiException is LifeTime's error body (structure Exception).
type apiException struct {
	Errors     []string `json:"Errors"`
	StatusCode int      `json:"StatusCode"`
}

// Snapshot is what one pull read from LifeTime.
type Snapshot struct {
	URL          string // the LifeTime address, for headers and messages
	Environments []Environment
	// Zones holds the deployment zones of each environment read, by environment key.
	Zones        map[string][]DeploymentZone
	Applications []Application
	Modules      []Module
}
