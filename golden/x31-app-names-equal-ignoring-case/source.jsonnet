// Invalid (R9/R6): apps Portal and PORTAL differ only in case; their default modules /Portal
// and /PORTAL are the same IIS path.
// Must report: environments.prod.apps.PORTAL: R9: name equals "Portal" ignoring case.
{
  name: 'acme',
  environments: {
    prod: {
      purpose: 'production',
      servers: { fe1: {} },
      apps: { Portal: {}, PORTAL: {} },
    },
  },
}
