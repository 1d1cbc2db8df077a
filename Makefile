# zonegen — see README.md. Two commands do all the set-up on a fresh Debian machine with Go:
#   make generate   render the bundled example source into generated/
#   make test       install what the tests need (make deps), then vet and run every test

GO       ?= go
SOURCE   ?= jsonnet/examples/acme.jsonnet
OUTPUT   ?= generated
BIN      := bin/zonegen
# Debian packages the tests run: the real programs that read what zonegen writes.
DEB_PKGS := nginx libnginx-mod-stream haproxy ansible graphviz openssl keepalived
DEB_BINS := nginx haproxy ansible-inventory ansible-playbook dot openssl

.PHONY: all build generate test deps golden lint bench fuzz soak check clean

all: build

# build: the zonegen binary in bin/.
build:
	$(GO) build -o $(BIN) ./cmd/zonegen

# generate: render the bundled example into $(OUTPUT)/ (skips unchanged files, prunes stale ones).
generate: build
	$(BIN) generate -f $(SOURCE) -o $(OUTPUT)

# check: fail when the committed $(OUTPUT)/ differs from what the example source generates.
check: build
	$(BIN) check -f $(SOURCE) -o $(OUTPUT)

# deps: install nginx, haproxy, ansible, graphviz, openssl (the role checks certificates
# with it) and keepalived (failover addresses) from Debian when any is missing (root).
deps:
	@missing=""; for b in $(DEB_BINS); do command -v $$b >/dev/null 2>&1 || missing="$$missing $$b"; done; \
	[ -f /usr/lib/nginx/modules/ngx_stream_module.so ] || missing="$$missing ngx_stream_module"; \
	[ -x /usr/sbin/keepalived ] || missing="$$missing keepalived"; \
	if [ -n "$$missing" ]; then \
		echo "deps: missing$$missing; installing $(DEB_PKGS)"; \
		SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
		$$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
		$$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(DEB_PKGS); \
	else echo "deps: nginx, haproxy, ansible, graphviz, openssl and keepalived are installed"; fi

# test: vet and every test, proven with the real programs, then the dogfood drift check.
test: deps
	$(GO) vet ./...
	$(GO) test -count=1 -timeout=20m ./...
	$(GO) test -race -count=1 -run '^TestRunConcurrentEqualsSequential$$' ./generators
	$(MAKE) --no-print-directory check

# golden: rewrite the golden trees that changed and list them; review every line before committing.
golden:
	$(GO) test ./golden -count=1 -update

# lint: formatting and vet.
lint:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...

# bench: stage timings per tier as ratios to the jsonnet floor, plus Go benchmarks.
bench: build
	./scripts/bench.sh

# fuzz: each fuzz target for a bounded time (FUZZTIME, default 30s each).
fuzz:
	./scripts/fuzz.sh

# soak: make test RUNS times (default 20) with a second copy of the suite beside it; prints
# the runs and failures of both.
soak:
	./scripts/soak.sh $(RUNS)

clean:
	rm -rf bin
