// Infrastructure design example 1 ("Non-productive environments"): a development environment
// for a team of 8 with a dedicated Deployment Controller (set up in advance for team growth),
// and a Quality Assurance environment.
// With a standalone Deployment Controller, "Use HTTPS for internal communications" must be on
// for the zone holding Service Center (FACTS §2); the dev front-ends hold a certificate for
// the load balancer name, so the hosts mapping still applies (R7, localCertificate).
// Expected:
//   - dev: dev-dc is a controller only: in no zone, serves no app, gets no hosts entry but is
//     in the inventory; Global = { dev-fe1, dev-fe2 }, address dev.exampledomain.local (R2);
//     hostname = dev.exampledomain.local (R4: no proxy, default zone address);
//     hosts on dev-fe1, dev-fe2: 127.0.0.1 dev.exampledomain.local (R7: HTTPS internally
//     with a local certificate);
//   - qa: one server, hostname = qa-fe1.exampledomain.local (R2, R4); no hosts entry.
{
  name: 'example1',
  environments: {
    dev: {
      purpose: 'development',
      servers: {
        'dev-dc': { address: 'dev-dc.exampledomain.local', roles: ['controller'] },
        'dev-fe1': { address: 'dev-fe1.exampledomain.local' },
        'dev-fe2': { address: 'dev-fe2.exampledomain.local', roles: ['frontend'] },
      },
      zones: {
        Global: {
          allServers: true,
          loadBalancer: 'dev.exampledomain.local',
          httpsInternal: true,
          localCertificate: true,
        },
      },
      apps: {
        Expenses: { modules: ['Expenses', 'Expenses_CS', 'Expenses_Theme'] },
        ExpensesMobile: { mobile: true },
      },
    },
    qa: {
      purpose: 'quality',
      servers: {
        'qa-fe1': { address: 'qa-fe1.exampledomain.local' },
      },
      apps: {
        Expenses: { modules: ['Expenses', 'Expenses_CS', 'Expenses_Theme'] },
        ExpensesMobile: { mobile: true },
      },
    },
  },
}
