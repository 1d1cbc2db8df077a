// Invalid (R6): an app module named servicecenter collides, ignoring case, with the platform
// path /ServiceCenter that proxy www routes (platform: true) to Service Center's zone (FACTS
// §4).
// Must report: environments.prod.apps.Tools.modules[1]: R6: "servicecenter" is a platform path.
{
  name: 'acme',
  environments: {
    lifetime: { purpose: 'lifetime', servers: { 'lt-fe1': {} }, manages: ['prod'] },
    prod: {
      purpose: 'production',
      servers: { fe1: {} },
      apps: { Tools: { modules: ['Tools', 'servicecenter'] } },
      proxies: { www: { host: 'www.exampledomain.com', platform: true } },
    },
  },
}
