// A mobile app whose Hostname is served by a tls: none proxy: mobile and reactive apps must be
// served over HTTPS at the environment's domain name (docs-howtos requirements.md;
// notes/production.md §4).
// Must warn: environments.dev.apps.Field.mobile: R5: mobile app Field is reached at the
// Hostname www.exampledomain.com without HTTPS.
{
  name: 'mobilehttp',
  environments: {
    dev: {
      purpose: 'development',
      servers: { fe1: { address: '10.0.1.10' } },
      apps: { Field: { mobile: true } },
      proxies: { www: { host: 'www.exampledomain.com', tls: 'none', egress: '10.0.0.31' } },
    },
  },
}
