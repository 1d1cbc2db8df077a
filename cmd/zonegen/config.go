package main

import (
	"errors"
	"fmt"
	"maps"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/zonegen/zonegen/generators"
	"github.com/zonegen/zonegen/output"
	"github.com/zonegen/zonegen/topology"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"github.com/spf13/viper"
)

// Config is everything a command needs, resolved from flags, ZONEGEN_* variables and
// zonegen.yaml, in that order of precedence. Only this package knows where it came from.
type Config struct {
	Source    string
	Output    string
	Templates string
	JPath     []string
	ExtStr    map[string]string
	ExtCode   map[string]string
	TLAStr    map[string]string
	TLACode   map[string]string
	Only      []string
	Env       string
	Force     bool
	// NoCache turns the no-op record off (--no-cache): every run builds, and none is saved.
	NoCache bool
	// MaxMemoryMiB and Timeout bound a build (bounds.go); 0 means no bound (the machine's
	// memory limits still bound it: memlimit.go).
	MaxMemoryMiB int
	Timeout      time.Duration
	Validators   []ValidatorConfig
}

// ValidatorConfig is one `validators:` entry of zonegen.yaml: a command with a {}
// placeholder run on the staged files whose path matches the glob.
type ValidatorConfig struct {
	Files   string `mapstructure:"files"`
	Command string `mapstructure:"command"`
}

// addSourceFlags declares the flags every command shares (tanka cmd/tk/flags.go).
func addSourceFlags(fs *pflag.FlagSet) {
	fs.StringP("file", "f", "infra.jsonnet", "jsonnet source of truth")
	fs.StringP("output", "o", "generated", "output folder")
	fs.String("templates", "", "folder of templates overriding the built-in ones by name")
	fs.StringSliceP("jpath", "J", nil, "extra jsonnet import folder (repeatable)")
	fs.StringArray("ext-str", nil, "jsonnet external variable name=value (repeatable)")
	fs.StringArray("ext-code", nil, "jsonnet external variable name=<jsonnet code> (repeatable)")
	fs.StringArray("tla-str", nil, "jsonnet top-level argument name=value (repeatable)")
	fs.StringArray("tla-code", nil, "jsonnet top-level argument name=<jsonnet code> (repeatable)")
	fs.String("config", "", "configuration file (default zonegen.yaml when present)")
	fs.Int("max-memory", 4096, "MiB of memory the evaluation may use before zonegen stops it (0: no bound of its own; a quarter of ulimit -v and half of a cgroup memory limit still apply)")
	fs.Duration("timeout", 5*time.Minute, "time the evaluation may take before zonegen stops it (0: no bound)")
}

// addScopeFlags declares --only and --env for commands that write or compare the tree.
func addScopeFlags(fs *pflag.FlagSet) {
	fs.StringSlice("only", nil, "only these output kinds, comma-separated: "+strings.Join(generators.Kinds(), ", "))
	fs.String("env", "", "only this environment")
	fs.Bool("no-cache", false, "always build: neither trust nor save the output folder's no-op record ("+output.CacheName+")")
}

// configOnlyKeys are zonegen.yaml keys that are no flag.
var configOnlyKeys = []string{"validators"}

// flagOnlyKeys are flags zonegen.yaml and ZONEGEN_* may not set: `force: true` in a
// committed file would silently discard every hand edit of every run (issue 12).
var flagOnlyKeys = []string{"force", "config", "help"}

// checkConfigKeys refuses keys of zonegen.yaml that no command knows (`validatorz:` was
// ignored) and flag-only keys, every one at once, with a hint. The known keys are the
// flags every command declares, so a flag added to any command is a key at once.
func checkConfigKeys(file string, root *cobra.Command) error {
	raw := viper.New()
	raw.SetConfigFile(file)
	raw.SetConfigType("yaml")
	if err := raw.ReadInConfig(); err != nil {
		return invalidf("config file %s: %v", file, err)
	}
	known := map[string]bool{}
	for _, k := range configOnlyKeys {
		known[k] = true
	}
	var walk func(*cobra.Command)
	walk = func(c *cobra.Command) {
		add := func(f *pflag.Flag) { known[configKey(f)] = true }
		c.Flags().VisitAll(add)
		c.PersistentFlags().VisitAll(add)
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
	for _, k := range flagOnlyKeys {
		delete(known, k)
	}
	var problems []string
	seen := map[string]bool{}
	for _, k := range raw.AllKeys() {
		top, _, _ := strings.Cut(k, ".")
		if seen[top] || known[top] {
			continue
		}
		seen[top] = true
		if slices.Contains(flagOnlyKeys, top) {
			problems = append(problems, fmt.Sprintf("%s: %q is a command-line flag only; pass --%s where you mean it", file, top, top))
			continue
		}
		problems = append(problems, fmt.Sprintf("%s: unknown key %q (%s)", file, top, topology.Suggest(top, slices.Sorted(maps.Keys(known)))))
	}
	if len(problems) > 0 {
		slices.Sort(problems)
		return invalidf("%s", strings.Join(problems, "\n"))
	}
	return nil
}

// configKeyAnnotation marks a flag whose zonegen.yaml / ZONEGEN_* key is not its name (the
// lifetime commands prefix theirs: `lifetime-url`).
const configKeyAnnotation = "zonegen/config-key"

// configKey is the zonegen.yaml key a flag is read from.
func configKey(f *pflag.Flag) string {
	if k := f.Annotations[configKeyAnnotation]; len(k) == 1 {
		return k[0]
	}
	return f.Name
}

// setConfigKey makes key the zonegen.yaml / ZONEGEN_* key of the flag name in fs.
func setConfigKey(fs *pflag.FlagSet, name, key string) {
	if err := fs.SetAnnotation(name, configKeyAnnotation, []string{key}); err != nil {
		panic(err) // a programming error: the flag is declared just before
	}
}

// flagOnly reads a bool flag of cmd, ignoring zonegen.yaml and ZONEGEN_* (flagOnlyKeys).
func flagOnly(cmd *cobra.Command, name string) bool {
	b, _ := cmd.Flags().GetBool(name)
	return b
}

// loadConfig fills a.cfg: flags > ZONEGEN_* environment > zonegen.yaml > defaults.
func (a *app) loadConfig(cmd *cobra.Command) error {
	v := a.v
	v.SetEnvPrefix("ZONEGEN")
	v.SetEnvKeyReplacer(strings.NewReplacer("-", "_"))
	v.AutomaticEnv()
	if err := v.BindPFlags(cmd.Flags()); err != nil {
		return err
	}
	file := v.GetString("config")
	if file == "" {
		if _, err := os.Stat("zonegen.yaml"); err == nil {
			file = "zonegen.yaml"
		}
	}
	if file != "" {
		v.SetConfigFile(file)
		v.SetConfigType("yaml")
		if err := v.ReadInConfig(); err != nil {
			var notFound viper.ConfigFileNotFoundError
			if errors.As(err, &notFound) || os.IsNotExist(err) {
				return invalidf("config file %s not found", file)
			}
			return invalidf("config file %s: %v", file, err)
		}
		if err := checkConfigKeys(file, cmd.Root()); err != nil {
			return err
		}
	}
	c := Config{
		Source:    v.GetString("file"),
		Output:    v.GetString("output"),
		Templates: v.GetString("templates"),
		JPath:     v.GetStringSlice("jpath"),
		Only:      v.GetStringSlice("only"),
		Env:       v.GetString("env"),
		Force:     flagOnly(cmd, "force"),
		NoCache:   v.GetBool("no-cache"),

		MaxMemoryMiB: v.GetInt("max-memory"),
		Timeout:      v.GetDuration("timeout"),
	}
	var err error
	for _, p := range []struct {
		key string
		dst *map[string]string
	}{{"ext-str", &c.ExtStr}, {"ext-code", &c.ExtCode}, {"tla-str", &c.TLAStr}, {"tla-code", &c.TLACode}} {
		if *p.dst, err = parsePairs(p.key, v.GetStringSlice(p.key)); err != nil {
			return err
		}
	}
	if err := v.UnmarshalKey("validators", &c.Validators); err != nil {
		return invalidf("config validators: %v", err)
	}
	for i, val := range c.Validators {
		if val.Files == "" || !strings.Contains(val.Command, "{}") {
			return invalidf("config validators[%d]: give files (a glob) and a command with a {} placeholder", i)
		}
	}
	if c.Source == "" {
		return invalidf("no source: pass -f FILE")
	}
	a.cfg = c
	return nil
}
