package nginxconf

import (
	"errors"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zonegen/zonegen/internal/realprog"
	"github.com/zonegen/zonegen/internal/testfs"
	"github.com/zonegen/zonegen/output"
)

const goodInclude = "server {\n    listen 127.0.0.1:18099;\n    location / { return 404; }\n}\n"

func write(dir string, v output.Validator, pairs ...string) error {
	var files []output.File
	for i := 0; i+1 < len(pairs); i += 2 {
		segs := strings.Split(pairs[i], "/")
		files = append(files, output.File{Path: pairs[i], Data: []byte(pairs[i+1]), Env: segs[0], Kind: segs[1]})
	}
	_, err := output.Write(dir, files, output.WriteOptions{Validators: []output.Validator{v}})
	return err
}

func TestIncludeValidatorFailureReplacesNothing(t *testing.T) {
	nginx := realprog.Require(t, "nginx")
	dir := t.TempDir()
	v := Include{Program: nginx}.Validator("*/proxy/*.nginx.conf")
	if err := write(dir, v, "prod/proxy/www.nginx.conf", goodInclude, "prod/hosts/fe1.hosts", "h1"); err != nil {
		t.Fatal(err)
	}
	before := testfs.ReadTree(t, dir)

	broken := "server {\n    listen 127.0.0.1:18099;\n    bogus_directive on;\n}\n"
	err := write(dir, v, "prod/proxy/www.nginx.conf", broken, "prod/hosts/fe1.hosts", "h2")
	var ve *output.ValidationError
	if !errors.As(err, &ve) || len(ve.Failures) != 1 {
		t.Fatalf("got %v, want one validation failure", err)
	}
	msg := err.Error()
	for _, want := range []string{"nothing was written", "prod/proxy/www.nginx.conf", `unknown directive "bogus_directive"`, "prod/proxy/www.nginx.conf:3", "(http{} include)"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error does not contain %q:\n%s", want, msg)
		}
	}
	if strings.Contains(msg, ".zonegen-staging-") {
		t.Errorf("error shows the staging path instead of the generated name:\n%s", msg)
	}
	if after := testfs.ReadTree(t, dir); !maps.Equal(after, before) {
		t.Errorf("the output folder changed despite the failed validation")
	}
}

func TestIncludeValidatorStream(t *testing.T) {
	nginx := realprog.Require(t, "nginx")
	// Debian builds stream{} as a dynamic module; other builds have it compiled in.
	var modules []string
	if mod := "/usr/lib/nginx/modules/ngx_stream_module.so"; fileExists(mod) {
		modules = []string{mod}
	}
	v := Include{Program: nginx, Block: "stream", Modules: modules}.Validator("*/lb/*.nginx.conf")
	pool := "upstream dz1_443 {\n    server 127.0.0.11:443;\n}\nserver {\n    listen 127.0.0.1:18443;\n    proxy_pass dz1_443;\n}\n"
	dir := t.TempDir()
	if err := write(dir, v, "prod/lb/DZ1.nginx.conf", pool); err != nil {
		t.Fatal(err)
	}
	err := write(dir, v, "prod/lb/DZ1.nginx.conf", strings.Replace(pool, "proxy_pass dz1_443", "proxy_pass", 1))
	if err == nil || !strings.Contains(err.Error(), "prod/lb/DZ1.nginx.conf:6") {
		t.Fatalf("got %v, want nginx's complaint about prod/lb/DZ1.nginx.conf:6", err)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "prod/lb/DZ1.nginx.conf")); string(got) != pool {
		t.Error("pool replaced despite the failed validation")
	}
}

func TestIncludeValidatorRejectsUnknownBlock(t *testing.T) {
	err := Include{Block: "mail"}.Validate(t.Context(), filepath.Join(t.TempDir(), "x.conf"))
	if err == nil || !strings.Contains(err.Error(), `block "mail" is neither http nor stream`) {
		t.Errorf("got %v", err)
	}
}

func fileExists(name string) bool {
	_, err := os.Stat(name)
	return err == nil
}
