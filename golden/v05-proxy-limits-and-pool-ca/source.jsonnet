// Valid edge case (notes/production.md §1, §5): proxy limits written in each accepted form,
// and the HTTPS pools' health checks verified against a zone's own CA.
// Expected:
//   - proxy uploads: body 1 MiB ('1 MiB'), request headers 16 KiB ('16KiB'), response headers
//     6 KiB ('6144B'): nginx client_max_body_size 1048576, large_client_header_buffers 1 16384,
//     proxy_buffer_size 6144; HAProxy denies 413 above 1048576 body bytes, 400 above 16384
//     header bytes, 502 above 6144 response header bytes; explain shows the limits;
//   - proxy www: the defaults (256 MiB, 32 KiB, 32 KiB); tune.bufsize 33792 (32 KiB + the
//     1 KiB rewrite reserve) in every environment's global file;
//   - lb/DZ1: HTTPS pool checked over TLS with ca-file /etc/pki/acme/zone-ca.pem, SNI and
//     verifyhost lb1.acme.example; lb/Global: the system CA bundle; the load balancer is an
//     IP literal, so its checks verify the chain only (no SNI, no verifyhost).
{
  name: 'limits',
  environments: {
    prod: {
      purpose: 'production',
      hostname: 'www.acme.example',
      servers: {
        fe1: { address: 'fe1.acme.example' },
        fe2: { address: 'fe2.acme.example' },
      },
      zones: {
        Global: { allServers: true, loadBalancer: '10.0.1.10' },
        DZ1: { servers: ['fe1', 'fe2'], loadBalancer: 'lb1.acme.example', ca: '/etc/pki/acme/zone-ca.pem', egress: '10.0.1.20' },
      },
      apps: {
        Upload: { zone: 'DZ1' },
        Portal: {},
      },
      proxies: {
        uploads: {
          host: 'uploads.acme.example',
          zones: ['DZ1'],
          limits: { body: '1 MiB', requestHeaders: '16KiB', responseHeaders: '6144B' },
        },
        www: { host: 'www.acme.example' },
      },
    },
  },
}
