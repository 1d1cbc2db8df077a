// Invalid (schema): app name "My\u0430pp" (Cyrillic а, U+0430) looks like MyApp but is another
// path; names are ASCII.
// Must report: environments.prod.apps["My\u0430pp" (Cyrillic а, U+0430)]: invalid app name,
// before any template runs.
{
  name: 'acme',
  environments: {
    prod: {
      purpose: 'production',
      servers: {
        fe1: { address: '10.0.1.11' },
      },
      apps: {
        'My\u0430pp': {},
      },
      proxies: {
        www: { host: 'www.exampledomain.com' },
      },
    },
  },
}
