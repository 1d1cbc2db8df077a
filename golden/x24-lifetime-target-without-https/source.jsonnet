// Invalid (R8): LifeTime manages dev, whose LifeTime address is its single server (scenario 7),
// but that server does not answer HTTPS (tls: false) and no offloading proxy is in front;
// "LifeTime requires HTTPS connections to the environments" (scenario 8).
// Must report: environments.dev: R8: LifeTime address servername does not answer HTTPS.
{
  name: 'acme',
  environments: {
    lifetime: { purpose: 'lifetime', servers: { 'lt-fe1': {} }, manages: ['dev'] },
    dev: {
      purpose: 'development',
      servers: { servername: { tls: false } },
      apps: { App1: {} },
    },
  },
}
