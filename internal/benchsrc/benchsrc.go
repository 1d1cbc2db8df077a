package benchsrc

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"

	"github.com/zonegen/zonegen/jsonnet"
)

// SourcePath is the bench source, relative to the repository root.
const SourcePath = "jsonnet/bench/bench.jsonnet"

// The peer (issue 18): the same source's network files rendered by a jsonnet program of
// its own and written with `jsonnet -S -m`, as a team without zonegen would, beside the
// bench source; it imports the helper library from LibraryDir.
const (
	PeerName   = "peer.jsonnet"
	LibraryDir = "jsonnet/lib"
)

// Tier is one size of the bench source: the ext vars its header comment documents.
type Tier struct {
	Name string
	Vars map[string]string
}

// The tiers of bench.jsonnet's header comment. jsonnet/eval_test.go keeps its own copy: the
// jsonnet package's tests cannot import a package that imports jsonnet.
var (
	S = Tier{"S", vars(4, 5, 2, 25, 2, 1)}   // 1,000 modules, 40 front-ends, 5 environments
	M = Tier{"M", vars(20, 10, 5, 25, 2, 1)} // 10,000 modules, 1,000 front-ends, 21 environments
	L = Tier{"L", vars(50, 10, 5, 50, 2, 2)} // 50,000 modules, 2,500 front-ends, 51 environments
)

// Tiers returns S, M and L in that order.
func Tiers() []Tier { return []Tier{S, M, L} }

// Lookup returns the tier called name.
func Lookup(name string) (Tier, bool) {
	for _, t := range Tiers() {
		if t.Name == name {
			return t, true
		}
	}
	return Tier{}, false
}

// Paths is a tier with one environment whose one proxy routes exactly n module paths
// (n even, n >= 2): one zone, one front-end, n/2 apps of two modules. The bench compares
// `nginx -t` and `haproxy -c` at 5,000 paths with 2 (notes/proxies.md).
func Paths(n int) Tier {
	return Tier{"paths=" + strconv.Itoa(n), vars(1, 1, 1, max(n/2, 1), 2, 1)}
}

func vars(envs, zones, frontends, apps, modules, proxies int) map[string]string {
	return map[string]string{
		"envs": strconv.Itoa(envs), "zones": strconv.Itoa(zones), "frontends": strconv.Itoa(frontends),
		"apps": strconv.Itoa(apps), "modules": strconv.Itoa(modules), "proxies": strconv.Itoa(proxies),
	}
}

// Options are the jsonnet options of the tier with the given worker count (1: the plain
// single-VM evaluation; 0: what zonegen does, GOMAXPROCS).
func (t Tier) Options(workers int) jsonnet.Options {
	return jsonnet.Options{ExtStr: t.Vars, Workers: workers}
}

// Args are the zonegen command-line flags that pass the tier's ext vars.
func (t Tier) Args() []string {
	var args []string
	for _, k := range []string{"envs", "zones", "frontends", "apps", "modules", "proxies"} {
		args = append(args, "--ext-str", k+"="+t.Vars[k])
	}
	return args
}

// Source returns the absolute path of the bench source, found from the working folder
// upwards (go test runs in the package folder, go run in the repository root).
func Source() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		p := filepath.Join(dir, filepath.FromSlash(SourcePath))
		if _, err := os.Stat(p); err == nil {
			return p, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("bench source " + SourcePath + " not found above the working folder")
		}
		dir = parent
	}
}

// PeerArgs are the jsonnet command-line arguments that run the peer at tier t into dir
// (made when missing), given the bench source's path: the files written are listed on
// stdout, one per line.
func (t Tier) PeerArgs(src, dir string) []string {
	root := filepath.Dir(filepath.Dir(filepath.Dir(src))) // src is <root>/jsonnet/bench/bench.jsonnet
	// -m prefixes each file's name with the folder as it is given: it must end in a slash.
	args := []string{"-S", "-c", "-m", dir + string(filepath.Separator), "-J", filepath.Join(root, filepath.FromSlash(LibraryDir))}
	return append(append(args, t.Args()...), filepath.Join(filepath.Dir(src), PeerName))
}

// Evaluate evaluates the bench source at tier t with the given worker count.
func Evaluate(t Tier, workers int) ([]byte, error) {
	src, err := Source()
	if err != nil {
		return nil, err
	}
	out, err := jsonnet.EvaluateFile(src, t.Options(workers))
	if err != nil {
		return nil, fmt.Errorf("evaluate bench tier %s: %w", t.Name, err)
	}
	return out, nil
}
