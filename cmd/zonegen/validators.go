package main

import (
	"github.com/zonegen/zonegen/generators"
	"github.com/zonegen/zonegen/internal/nginxconf"
	"github.com/zonegen/zonegen/output"
)

// streamModule is where Debian's nginx keeps the dynamic stream module the pool includes need.
const streamModule = "/usr/lib/nginx/modules/ngx_stream_module.so"

// validators returns the validators of zonegen.yaml, or the defaults: nginx -t on proxy
// (http{}) and pool (stream{}) includes, haproxy -c on every HAProxy fragment. They check
// what the real programs would say on this machine, so run --validate where the
// certificates exist and the upstream names resolve (a proxy host, or a lab render).
func (a *app) validators() []output.Validator {
	if len(a.cfg.Validators) > 0 {
		var vs []output.Validator
		for _, v := range a.cfg.Validators {
			vs = append(vs, output.Command{Pattern: v.Files, Command: v.Command})
		}
		return vs
	}
	return []output.Validator{
		nginxconf.Include{Block: "http"}.Validator("*/proxy/*.nginx.conf"),
		nginxconf.Include{Block: "stream", Modules: []string{streamModule}}.Validator("*/lb/*.nginx.conf"),
		// Proxy fragments with their environment's global settings (tune.bufsize), which
		// alone have no listener to check; proxy names start with a letter, that file with 0.
		output.Command{Pattern: "*/proxy/[^0]*.haproxy.cfg", Command: "haproxy -c -f " + generators.HAProxyGlobalFile + " -f {}"},
		output.Command{Pattern: "*/lb/*.haproxy.cfg", Command: "haproxy -c -f {}"},
	}
}
