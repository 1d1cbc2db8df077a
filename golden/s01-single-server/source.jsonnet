// Scenario 1 (possible setups, "Single server"): one server, no load balancer, no proxy.
// Documented values: the Service Center hostname "must be the name of the server".
// Expected:
//   - zone Global (not declared: allServers) holds servername; its address is servername
//     (R2: the single front-end's address, the server address defaulting to its name);
//   - hostname = servername (R4: no proxy, so the default zone's address);
//   - no hosts entry on servername (R7: Global's address is a server, not a load balancer);
//   - no proxy files, no LifeTime.
{
  name: 'scenario1',
  environments: {
    dev: {
      purpose: 'development',
      servers: {
        servername: {},
      },
      apps: {
        MyApp: {},
      },
    },
  },
}
