// Valid: monitoring endpoints on three Linux machines (machines.M.monitoring).
// Expected:
//   - prod's edge (nginx, runs proxy www): prod/proxy/00-zonegen-monitor-edge.nginx.conf on
//     10.0.3.100:8404, open to prod's internalNetwork (the default allow list): /healthz,
//     /stub_status, 403 from anywhere else;
//   - prod's pool (HAProxy, runs both pools): prod/proxy/00-zonegen-monitor-pool.haproxy.cfg
//     on 10.0.5.101:9100 (a management address), open to 10.0.50.0/24 only: /healthz, the
//     Prometheus exporter at /metrics, the stats page at /stats;
//   - qa's qa-lb (nginx, runs only qa's pool): its endpoint and qa's http{}-wide settings,
//     which the monitoring endpoint is included after, though qa has no proxy;
//   - an Ansible group zonegen_monitor_<machine> per machine, deployed with the proxies;
//   - firewall.md: the monitoring system to each endpoint;
//   - the lab's probes answer from the allow list and refuse outsiders; no warning.
{
  name: 'acme',
  environments: {
    prod: {
      purpose: 'production',
      servers: {
        fe1: { address: '10.0.3.11', roles: ['frontend', 'controller'] },
        fe2: { address: '10.0.3.12' },
      },
      machines: {
        edge: { address: '10.0.3.100', engine: 'nginx', monitoring: {} },
        pool: { address: '10.0.3.101', engine: 'haproxy', monitoring: { address: '10.0.5.101', port: 9100, allow: ['10.0.50.0/24'] } },
      },
      internalNetwork: ['10.0.0.0/16'],
      zones: {
        Global: { allServers: true, loadBalancer: 'lb0.acme.test', listen: { address: '10.0.3.2' }, lbMachines: ['pool'], localCertificate: true },
        DZ1: { servers: ['fe2'], loadBalancer: 'lb1.acme.test', listen: { address: '10.0.3.3' }, lbMachines: ['pool'], localCertificate: true },
      },
      apps: { Orders: {}, Sales: { zone: 'DZ1' } },
      proxies: { www: { host: 'www.acme.test', machines: ['edge'] } },
    },
    qa: {
      purpose: 'quality',
      hostname: 'qa.acme.test',
      servers: {
        q1: { address: '10.0.2.11', roles: ['frontend', 'controller'] },
        q2: { address: '10.0.2.12' },
      },
      machines: {
        'qa-lb': { address: '10.0.2.100', engine: 'nginx', monitoring: {} },
      },
      internalNetwork: ['10.0.0.0/16'],
      zones: {
        Global: { allServers: true, loadBalancer: 'qa.acme.test', listen: { address: '10.0.2.2' }, lbMachines: ['qa-lb'], localCertificate: true },
      },
      apps: { Orders: {} },
    },
  },
}
