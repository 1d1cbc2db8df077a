// Scenario 7 (possible setups, "LifeTime connecting to an environment with a single server"):
// DEV is one server, registered in a dedicated LifeTime environment.
// Documented values: "the environment address configured in LifeTime must be the name of the
// server".
// Expected:
//   - dev hostname = servername (R4: no proxy, default zone address = the single server);
//   - LifeTime registers dev at servername over HTTPS (R8: no offloading proxy, no load
//     balancer, so the single front-end's address; servername answers HTTPS, tls defaults true);
//   - lifetime/lifetime.json lists dev; the lifetime environment itself gets no LifeTime address.
{
  name: 'scenario7',
  environments: {
    lifetime: {
      purpose: 'lifetime',
      servers: {
        'lt-server': {},
      },
      manages: ['dev'],
    },
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
