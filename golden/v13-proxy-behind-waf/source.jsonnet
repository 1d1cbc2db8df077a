// Valid: a proxy behind a WAF or CDN (notes/production.md §6: without it, X-Forwarded-For
// is replaced and every user has the WAF's address, which brute-force protection locks out
// and the allow list cannot tell apart). realIpFrom lists the WAF's addresses: from them
// only, the client is the last address of X-Forwarded-For, in nginx (set_real_ip_from,
// real_ip_recursive off) and HAProxy (set-src hdr_ip(X-Forwarded-For,-1)) alike.
// Expected:
//   - nginx: set_real_ip_from 10.0.5.0/28 and 2001:db8:5::/64, real_ip_header
//     X-Forwarded-For; HAProxy: an acl on src with both, then set-src before any other rule
//     that reads the client;
//   - the allow list (10.0.9.0/24) and the X-Forwarded-For sent to the front-ends use the
//     client so found; from any other peer the header is replaced as before;
//   - R10 unchanged: IIS still sees the proxy (balance servers) as its TCP peer.
{
  name: 'waf',
  environments: {
    prod: {
      purpose: 'production',
      servers: {
        fe1: { address: '10.0.1.11' },
        fe2: { address: '10.0.1.12' },
      },
      zones: { Global: { allServers: true, loadBalancer: 'lb.acme.local', egress: '10.0.1.2' } },
      apps: { Portal: {} },
      proxies: {
        www: {
          host: 'www.acme.example',
          balance: 'servers',
          platform: true,
          allow: ['10.0.9.0/24'],
          realIpFrom: ['10.0.5.0/28', '2001:db8:5::/64'],
          egress: '10.0.8.10',
        },
      },
    },
  },
}
