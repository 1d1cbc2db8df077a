// Invalid (R6): apps Portal and Reports both expose a module whose path differs only in case
// (Portal_Theme, portal_theme); IIS paths are case-insensitive, so one proxy key would serve
// both.
// Must report: environments.prod.apps.Reports.modules[1]: R6: "portal_theme" equals
// "Portal_Theme" of app Portal ignoring case.
{
  name: 'acme',
  environments: {
    prod: {
      purpose: 'production',
      servers: { fe1: {} },
      apps: {
        Portal: { modules: ['Portal', 'Portal_Theme'] },
        Reports: { modules: ['Reports', 'portal_theme'] },
      },
      proxies: { www: { host: 'www.exampledomain.com' } },
    },
  },
}
