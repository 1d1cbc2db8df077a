// Invalid (schema): the certificate path holds a newline followed by an nginx directive
// ("ssl_verify_client off;"); a path is written verbatim into ssl_certificate / crt.
// Must report: environments.prod.proxies.www.certificate: invalid path (control character).
{
  name: 'acme',
  environments: {
    prod: {
      purpose: 'production',
      servers: {
        fe1: { address: '10.0.1.11' },
      },
      apps: {
        App1: {},
      },
      proxies: {
        www: { host: 'www.exampledomain.com', certificate: '/etc/ssl/www.pem;\n    ssl_verify_client off' },
      },
    },
  },
}
