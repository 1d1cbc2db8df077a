package zonegen

import (
	"bufio"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"runtime/debug"
	"strconv"
	"strings"

	"github.com/zonegen/zonegen/jsonnet"
	"github.com/zonegen/zonegen/output"
	"github.com/zonegen/zonegen/templates"
)

// The no-op: a build whose inputs are the ones the last successful write of the same build
// recorded would render the same files, so when the output folder still holds them (output
// UpToDate), nothing needs evaluating. The inputs are everything the output depends on:
//
//   - a key: the zonegen build (its version and the executable's stamp, so that a rebuilt
//     binary with other templates or rules never reuses a record, `go run` and dev builds
//     included), the working folder, the source path, --jpath, the external variables and
//     top-level arguments, the stack limit, the scope (--only, --env) and the --templates
//     folder with a digest of every template in it. The key is a salted sha256: the values,
//     which may be secrets, are never stored;
//   - every import the evaluation resolved, the source included (jsonnet.Read): replayed
//     through the importer, so an edited file, a removed one, or one that now shadows it on
//     an earlier import path all count as changes;
//   - the build's warnings, printed again by a no-op run as the build printed them.
//
// Anything that cannot be checked (no executable to stamp, an unreadable file) means no
// record, or no match: a full build.

// inputsVersion names the format of Result.Inputs.
const inputsVersion = "inputs 1"

// toolVersion identifies this zonegen build in the key along with its executable's stamp;
// tests replace it to stand for a new release.
var toolVersion = func() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	v := info.Main.Path + "@" + info.Main.Version + " " + info.GoVersion
	for _, s := range info.Settings {
		if s.Key == "vcs.revision" || s.Key == "vcs.modified" {
			v += " " + s.Key + "=" + s.Value
		}
	}
	return v
}

// evaluate is the evaluation Build runs; tests count its calls.
var evaluate = jsonnet.Evaluate

// buildKey is everything but the files read that decides what Build renders.
type buildKey struct {
	Tool, Exe       string
	ExeStamp        output.Stamp
	Cwd, Source     string
	JPath           []string
	ExtStr, ExtCode map[string]string
	TLAStr, TLACode map[string]string
	MaxStack        int
	Only            []string
	Env             string
	Templates       string
	TemplatesDigest string
}

// key returns the salted digest of the key of in, whose templates folder digests to tpl.
func key(in Input, salt []byte, tpl string) (string, bool) {
	exe, err := os.Executable()
	if err != nil {
		return "", false
	}
	stamp, err := output.StatStamp(exe)
	if err != nil || !stamp.Usable() {
		return "", false
	}
	cwd, err := os.Getwd()
	if err != nil {
		return "", false
	}
	j := in.Jsonnet
	b, err := json.Marshal(buildKey{Tool: toolVersion(), Exe: exe, ExeStamp: stamp, Cwd: cwd, Source: in.Source,
		JPath: j.JPath, ExtStr: j.ExtStr, ExtCode: j.ExtCode, TLAStr: j.TLAStr, TLACode: j.TLACode, MaxStack: j.MaxStack,
		Only: in.Only, Env: in.Env, Templates: in.Templates, TemplatesDigest: tpl})
	if err != nil {
		return "", false
	}
	h := sha256.New()
	h.Write(salt)
	h.Write(b)
	return hex.EncodeToString(h.Sum(nil)), true
}

// recordInputs is Result.Inputs: the key, the warnings and the files read; nil when the build
// cannot be recorded.
func recordInputs(in Input, reads []jsonnet.Read, tpl string, warnings []string) []byte {
	salt := make([]byte, 16)
	rand.Read(salt)
	k, ok := key(in, salt, tpl)
	if !ok {
		return nil
	}
	var b strings.Builder
	b.WriteString(inputsVersion + "\n")
	b.WriteString("key " + hex.EncodeToString(salt) + " " + k + "\n")
	for _, w := range warnings {
		b.WriteString("warning " + strconv.Quote(w) + "\n")
	}
	for _, r := range reads {
		sum := r.SHA256
		if sum == "" {
			sum = "-"
		}
		b.WriteString("read " + sum + " " + strconv.Quote(r.From) + " " + strconv.Quote(r.Path) + " " + strconv.Quote(r.FoundAt) + "\n")
	}
	return []byte(b.String())
}

// inputs is a parsed Result.Inputs.
type inputs struct {
	salt     []byte
	key      string
	warnings []string
	reads    []jsonnet.Read
}

func parseInputs(data []byte) (*inputs, bool) {
	sc := bufio.NewScanner(strings.NewReader(string(data)))
	sc.Buffer(nil, len(data)+1)
	if !sc.Scan() || sc.Text() != inputsVersion {
		return nil, false
	}
	in := &inputs{}
	for sc.Scan() {
		kind, rest, _ := strings.Cut(sc.Text(), " ")
		switch kind {
		case "key":
			salt, k, _ := strings.Cut(rest, " ")
			var err error
			if in.salt, err = hex.DecodeString(salt); err != nil || len(in.salt) == 0 {
				return nil, false
			}
			in.key = k
		case "warning":
			w, err := strconv.Unquote(rest)
			if err != nil {
				return nil, false
			}
			in.warnings = append(in.warnings, w)
		case "read":
			sum, rest, _ := strings.Cut(rest, " ")
			var f [3]string
			for i := range f {
				q, err := strconv.QuotedPrefix(rest)
				if err != nil {
					return nil, false
				}
				f[i], _ = strconv.Unquote(q)
				rest = strings.TrimPrefix(rest[len(q):], " ")
			}
			if sum == "-" {
				sum = ""
			}
			in.reads = append(in.reads, jsonnet.Read{SHA256: sum, From: f[0], Path: f[1], FoundAt: f[2]})
		default:
			return nil, false
		}
	}
	return in, sc.Err() == nil && in.key != "" && len(in.reads) > 0
}

// UpToDate is the no-op: it reports, without evaluating anything, whether the output folder
// dir holds exactly what Build(in) would write there, because the last successful write of
// the same build recorded inputs that are all unchanged and the folder is as that write left
// it (output.UpToDate). It returns the Comparison a build would give (every file unchanged)
// and the warnings the build printed. Any doubt is false, and the caller builds.
func UpToDate(in Input, dir string) (*output.Comparison, []string, bool) {
	var warnings []string
	cmp, ok := output.UpToDate(dir, in.Scope(), func(data []byte) bool {
		rec, ok := parseInputs(data)
		if !ok {
			return false
		}
		tpl, err := templates.OverridesDigest(in.Templates)
		if err != nil {
			return false
		}
		if k, ok := key(in, rec.salt, tpl); !ok || k != rec.key {
			return false
		}
		if !jsonnet.Unchanged(in.Source, in.Jsonnet.JPath, rec.reads) {
			return false
		}
		warnings = rec.warnings
		return true
	})
	return cmp, warnings, ok
}
