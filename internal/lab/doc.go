// Package lab runs generated proxy and load-balancer configs for real, on loopback: stub
// OutSystems front-ends that echo what reached them, a throw-away test CA, nginx and
// HAProxy started from wrapper configs in a temporary folder, and an HTTP probe that can
// choose its source address. It serves the package tests, the golden end-to-end tests and
// `zonegen verify`, so nothing in it needs a testing.T: everything returns errors and a
// way to stop what it started.
//
// A typical run, as `zonegen verify` or an end-to-end test does it:
//
//	l, err := lab.New(plan, dir)              // a loopback copy of the plan: 127.B.x.y, free ports, test certificates
//	defer l.Close()
//	files, err := generators.Run(l.Plan, tpl, nil)
//	err = l.Check(files)                      // nginx -t, haproxy -c; warnings fail
//	err = l.Start(files, lab.Options{})       // stub front-ends and the zones' pools
//	stop, err := l.StartProxies(lab.Nginx)    // or lab.HAProxy
//	err = l.VerifyProxies(ctx)                // every route in any case; 404, 400, 403, headers
//	err = l.VerifyPools(ctx)                  // round robin reaches every front-end of each zone, every RabbitMQ node
//	stop()
//
// VerifyProxies and VerifyPools are the error form of ProbeProxies and ProbePools, which
// return one Probe per request (or per round of pool requests): what the plan expects, what
// answered, and the verdict. `zonegen verify` prints them as its table.
//
// Deploy puts the generated Ansible in the engines' place (`zonegen verify --ansible`, the
// deployment tests): one nginx or HAProxy per Linux machine of the plan, started from a
// prefix shaped like Debian's packages, an inventory pointing every machine at localhost, and
// Play to run site.yml; HAProxy restarts go through a service manager of the Deployment's own.
//
// All traffic stays on 127.0.0.0/8, each process on a /16 of its own (block.go). Every
// program runs in a process group with a guard that kills the group when the caller ends,
// however it ends (group.go); Stop kills the group and reaps it.
package lab
