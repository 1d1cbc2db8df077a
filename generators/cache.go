package generators

import (
	"fmt"

	"github.com/zonegen/zonegen/output"
	"github.com/zonegen/zonegen/templates"
	"github.com/zonegen/zonegen/topology"
)

// The cache-invalidation pool (topology/cacheinvalidation.go): a TCP pool in front of the
// RabbitMQ cluster, the way OutSystems' high-availability guide builds it with nginx
// (cache-invalidation/high-availability.md: proxy_timeout 120s, proxy_connect_timeout 5s),
// round robin over the nodes, beside the zones' pools under the name
// topology.CachePoolName, so that the lb part of the Ansible role deploys it like one.

type cacheView struct {
	Plan *topology.Plan
	Env  *topology.EnvPlan
	Pool *topology.CachePool
	// Prefix starts every name: topology.PoolPrefix of CachePoolName.
	Prefix string
	// Bind is the listen address and port, as each engine writes it.
	Bind *listenView
}

// generateCache renders each environment's cache-invalidation pool with tmpl, to files
// with extension ext (LBFile).
func generateCache(plan *topology.Plan, tpl *templates.Set, tmpl, ext string) ([]output.File, error) {
	var files []output.File
	for _, env := range plan.Environments {
		c := env.CacheInvalidation
		if c == nil {
			continue
		}
		v := cacheView{Plan: plan, Env: env, Pool: c, Prefix: topology.PoolPrefix(env.Name, topology.CachePoolName),
			Bind: listenOn(c.BindAddress, c.Port)}
		data, err := tpl.Render(tmpl, v)
		if err != nil {
			return nil, fmt.Errorf("environment %s: cache-invalidation pool: %w", env.Name, err)
		}
		files = append(files, output.File{Path: LBFile(env.Name, topology.CachePoolName, ext), Data: data, Env: env.Name})
	}
	return files, nil
}

// generatePools renders the zones' pools with zoneTmpl and the cache-invalidation pools with
// cacheTmpl: one kind, one engine, one lb folder.
func generatePools(plan *topology.Plan, tpl *templates.Set, zoneTmpl, cacheTmpl, ext string) ([]output.File, error) {
	zones, err := generateLB(plan, tpl, zoneTmpl, ext)
	if err != nil {
		return nil, err
	}
	cache, err := generateCache(plan, tpl, cacheTmpl, ext)
	return append(zones, cache...), err
}
