// Package review writes the semantic summary a reviewer reads before the diff: which
// apps moved zone, which routes and hosts entries appeared or went, and which Service
// Center and LifeTime settings changed. It reads the generated files whose shapes other
// tools depend on (DESIGN.md, Outputs): <env>/servicecenter.json, <lt-env>/lifetime.json,
// <env>/hosts/<server>.hosts and <env>/proxy/<proxy>.haproxy.map, comparing the bytes on
// disk with the generated ones. A file it cannot parse is skipped: the diff still shows it.
package review
