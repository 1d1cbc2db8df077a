package review

import (
	"encoding/json"
	"fmt"

	"github.com/zonegen/zonegen/generators"
)

type registration struct {
	address string
	https   bool
}

func parseLifetime(data []byte) (map[string]registration, error) {
	if data == nil {
		return map[string]registration{}, nil
	}
	var f generators.LifetimeFile
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, err
	}
	m := map[string]registration{}
	for _, e := range f.Environments {
		m[e.Name] = registration{e.Address, e.UseHTTPS}
	}
	return m, nil
}

// lifetime compares the environments LifeTime registers and their addresses (R8).
func lifetime(oldData, newData []byte) []string {
	o, oerr := parseLifetime(oldData)
	n, nerr := parseLifetime(newData)
	if !parsed(oldData, newData, oerr, nerr) {
		return nil
	}
	var out []string
	add := func(format string, args ...any) { out = append(out, fmt.Sprintf(format, args...)) }
	gone, added := setDiff(o, n)
	for _, env := range common(o, n) {
		a, b := o[env], n[env]
		if a.address != b.address {
			add("lifetime: %s address %s", env, arrow(a.address, b.address))
		}
		if a.https != b.https {
			add("lifetime: %s HTTPS %s", env, arrow(onOff(a.https), onOff(b.https)))
		}
	}
	for _, env := range added {
		add("lifetime: + %s at %s", env, n[env].address)
	}
	for _, env := range gone {
		add("lifetime: - %s (was at %s)", env, o[env].address)
	}
	return out
}
