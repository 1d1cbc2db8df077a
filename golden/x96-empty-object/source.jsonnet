// Invalid: an empty object, so no environments.
// Must report: environments: at least one environment is required.
{}
