package lifetime

import (
	"context"
	"sync"
)

// Fetch reads what Map needs: the environments, then at once every environment's zones,
// the applications and the modules. The first failure in that order is returned.
func (c *Client) Fetch(ctx context.Context) (*Snapshot, error) {
	envs, err := c.Environments(ctx)
	if err != nil {
		return nil, err
	}
	s := &Snapshot{URL: c.URL(), Environments: envs, Zones: map[string][]DeploymentZone{}}
	var wg sync.WaitGroup
	var zerr, aerr, merr error
	wg.Add(3)
	go func() {
		defer wg.Done()
		for _, e := range envs {
			z, err := c.Zones(ctx, e.Key)
			if err != nil {
				zerr = err
				return
			}
			s.Zones[e.Key] = z
		}
	}()
	go func() {
		defer wg.Done()
		s.Applications, aerr = c.Applications(ctx)
	}()
	go func() {
		defer wg.Done()
		s.Modules, merr = c.Modules(ctx)
	}()
	wg.Wait()
	for _, err := range []error{zerr, aerr, merr} {
		if err != nil {
			return nil, err
		}
	}
	return s, nil
}
