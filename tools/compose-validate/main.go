// Command compose-validate loads Compose files with the official compose-go
// loader (JSON-schema validation, interpolation, extends/include resolution,
// normalization and consistency checks, as `docker compose config` does) and
// prints {"ok": true} or {"ok": false, "errors": [...]} as JSON on stdout.
//
// Two things that depend on the machine rather than on the file never make it
// fail: a service that `extends` a file which does not exist (the missing base
// is replaced by a placeholder and a warning is reported), and a required
// variable (`${VAR:?msg}`, `${VAR?msg}`) that is not set (a placeholder value
// is substituted and a warning is reported).
//
// Exit codes: 0 valid, 1 invalid, 2 usage error, 3 internal error.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	interp "github.com/compose-spec/compose-go/v2/interpolation"
	"github.com/compose-spec/compose-go/v2/loader"
	"github.com/compose-spec/compose-go/v2/template"
	"github.com/compose-spec/compose-go/v2/tree"
	"github.com/compose-spec/compose-go/v2/types"
	"github.com/sirupsen/logrus"
)

const (
	exitOK       = 0
	exitInvalid  = 1
	exitUsage    = 2
	exitInternal = 3

	// requiredPlaceholder stands in for a required variable that is not set.
	// "0" is accepted by every numeric cast, by port, size and duration
	// syntax and as an image name; boolean casts get a second chance below.
	requiredPlaceholder = "0"
	// placeholderImage is the image of the stand-in for a missing extends base,
	// so that the extending service still has an image after the merge.
	placeholderImage = "compose-validate.invalid/missing-extends-base:placeholder"
	// fallbackProjectName is used when neither the files nor the working
	// directory yield a valid project name.
	fallbackProjectName = "compose-validate"
)

const usageText = `usage: compose-validate [--env KEY=VALUE]... FILE [FILE...]

Loads the Compose FILEs (merged in order, like repeated -f; the first file's
directory is the project working directory) and prints JSON on stdout:
  {"ok": true}  or  {"ok": false, "errors": ["..."]}
with an optional "warnings" array. Variables come only from --env (the process
environment and .env files are not read). Exit 0 valid, 1 invalid, 2 usage
error, 3 internal error.
`

type result struct {
	OK       bool     `json:"ok"`
	Errors   []string `json:"errors,omitempty"`
	Warnings []string `json:"warnings,omitempty"`
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	files, env, err := parseArgs(args)
	if errors.Is(err, errHelp) {
		fmt.Fprint(stdout, usageText)
		return exitOK
	}
	if err != nil {
		fmt.Fprintf(stderr, "compose-validate: %v\n\n%s", err, usageText)
		emit(stdout, result{OK: false, Errors: []string{"usage: " + err.Error()}})
		return exitUsage
	}

	res, err := validate(files, env)
	if err != nil {
		fmt.Fprintf(stderr, "compose-validate: internal error: %v\n", err)
		emit(stdout, result{OK: false, Errors: []string{"internal: " + err.Error()}})
		return exitInternal
	}
	emit(stdout, res)
	if res.OK {
		return exitOK
	}
	return exitInvalid
}

var errHelp = errors.New("help requested")

func parseArgs(args []string) ([]string, types.Mapping, error) {
	env := types.Mapping{}
	var files []string
	addEnv := func(pair string) error {
		key, value, ok := strings.Cut(pair, "=")
		if !ok || key == "" {
			return fmt.Errorf("--env expects KEY=VALUE, got %q", pair)
		}
		env[key] = value
		return nil
	}
	for i := 0; i < len(args); i++ {
		arg := args[i]
		switch {
		case arg == "-h" || arg == "--help":
			return nil, nil, errHelp
		case arg == "--":
			files = append(files, args[i+1:]...)
			i = len(args)
		case arg == "--env" || arg == "-e":
			if i+1 >= len(args) {
				return nil, nil, fmt.Errorf("%s needs a KEY=VALUE argument", arg)
			}
			i++
			if err := addEnv(args[i]); err != nil {
				return nil, nil, err
			}
		case strings.HasPrefix(arg, "--env="):
			if err := addEnv(strings.TrimPrefix(arg, "--env=")); err != nil {
				return nil, nil, err
			}
		case strings.HasPrefix(arg, "-") && arg != "-":
			return nil, nil, fmt.Errorf("unknown option %q", arg)
		default:
			files = append(files, arg)
		}
	}
	if len(files) == 0 {
		return nil, nil, errors.New("no compose file given")
	}
	for i, f := range files {
		if f == "-" {
			return nil, nil, errors.New("reading from stdin is not supported")
		}
		abs, err := filepath.Abs(f)
		if err != nil {
			return nil, nil, err
		}
		info, err := os.Stat(abs)
		if err != nil {
			return nil, nil, fmt.Errorf("cannot read compose file: %w", err)
		}
		if info.IsDir() {
			return nil, nil, fmt.Errorf("%s is a directory, not a compose file", f)
		}
		files[i] = abs
	}
	return files, env, nil
}

// collector gathers warnings (from our own substitutions and from compose-go's
// logrus output) while enabled, and tracks whether the last interpolated value
// was exactly one placeholder so that typed casts can be retried.
type collector struct {
	enabled            bool
	warnings           []string
	seen               map[string]bool
	lastWasPlaceholder bool
}

func (c *collector) warn(msg string) {
	if !c.enabled || c.seen[msg] {
		return
	}
	c.seen[msg] = true
	c.warnings = append(c.warnings, msg)
}

// Levels implements logrus.Hook.
func (c *collector) Levels() []logrus.Level {
	return []logrus.Level{logrus.PanicLevel, logrus.FatalLevel, logrus.ErrorLevel, logrus.WarnLevel}
}

// Fire implements logrus.Hook.
func (c *collector) Fire(e *logrus.Entry) error {
	c.warn(e.Message)
	return nil
}

// substitute is compose-go's template.Substitute, except that a missing
// required variable yields requiredPlaceholder (and a warning) instead of an
// error. Defaults (`${VAR:-x}`), alternatives and plain `${VAR}` keep their
// Compose semantics; an unset plain `${VAR}` becomes "" with compose-go's own
// warning, as in `docker compose config`.
func (c *collector) substitute(tmpl string, mapping template.Mapping) (string, error) {
	replaced := false
	out, err := template.SubstituteWithOptions(tmpl, mapping,
		template.WithReplacementFunction(func(s string, m template.Mapping, cfg *template.Config) (string, error) {
			v, err := template.DefaultReplacementFunc(s, m, cfg)
			var missing *template.MissingRequiredError
			if errors.As(err, &missing) {
				c.warn(fmt.Sprintf("interpolation: %s (validated with placeholder value %q)", missing.Error(), requiredPlaceholder))
				replaced = true
				return requiredPlaceholder, nil
			}
			return v, err
		}))
	c.lastWasPlaceholder = err == nil && replaced && out == requiredPlaceholder
	return out, err
}

// wrapCast retries a failing typed cast with "false" when the value was a lone
// placeholder, so `privileged: ${FLAG:?}` does not fail for lack of FLAG.
func (c *collector) wrapCast(cast interp.Cast) interp.Cast {
	return func(value string) (interface{}, error) {
		out, err := cast(value)
		if err != nil && c.lastWasPlaceholder {
			if alt, altErr := cast("false"); altErr == nil {
				return alt, nil
			}
		}
		return out, err
	}
}

// baseOptions are shared by the pre-scan and the real load.
func (c *collector) baseOptions(workingDir string) func(*loader.Options) {
	name := loader.NormalizeProjectName(filepath.Base(workingDir))
	if name == "" {
		name = fallbackProjectName
	}
	return func(o *loader.Options) {
		// Like the compose CLI: the directory name, unless a file sets `name:`.
		o.SetProjectName(name, false)
		if o.Interpolate != nil {
			o.Interpolate.Substitute = c.substitute
			casts := make(map[tree.Path]interp.Cast, len(o.Interpolate.TypeCastMapping))
			for p, cast := range o.Interpolate.TypeCastMapping {
				casts[p] = c.wrapCast(cast)
			}
			o.Interpolate.TypeCastMapping = casts
		}
		// env_file / label_file are files of the deployment, not of the
		// Compose model: don't read them (a missing one must not fail).
		o.SkipResolveEnvironment = true
		o.SkipResolveLabels = true
	}
}

// stubLoader serves placeholder bases for `extends.file` references whose file
// does not exist. compose-go consults ResourceLoaders before its local one.
type stubLoader struct {
	stubs map[string]string // extends.file as written (after interpolation) -> stub path
}

func (s stubLoader) Accept(p string) bool { _, ok := s.stubs[p]; return ok }

func (s stubLoader) Load(_ context.Context, p string) (string, error) { return s.stubs[p], nil }

func (s stubLoader) Dir(p string) string { return filepath.Dir(s.stubs[p]) }

type missingBase struct {
	kind, service, ref string
}

// findMissingExtends loads the model without resolving extends and returns,
// per extends.file whose file does not exist, the services extending it.
func findMissingExtends(details types.ConfigDetails, base func(*loader.Options)) map[string][]missingBase {
	model, err := loader.LoadModelWithContext(context.Background(), details, base, func(o *loader.Options) {
		o.SkipExtends = true
		o.SkipValidation = true
		o.SkipConsistencyCheck = true
		o.SkipNormalization = true
		o.ResolvePaths = false
	})
	if err != nil {
		return nil // the real load reports it
	}
	missing := map[string][]missingBase{}
	for _, kind := range []string{"services", "jobs"} {
		entries, _ := model[kind].(map[string]any)
		for name, raw := range entries {
			svc, _ := raw.(map[string]any)
			ext, _ := svc["extends"].(map[string]any)
			file, _ := ext["file"].(string)
			ref, _ := ext["service"].(string)
			if file == "" || ref == "" {
				continue
			}
			abs := file
			if !filepath.IsAbs(abs) {
				abs = filepath.Join(details.WorkingDir, file)
			}
			if _, err := os.Stat(abs); errors.Is(err, fs.ErrNotExist) {
				missing[file] = append(missing[file], missingBase{kind: kind, service: name, ref: ref})
			}
		}
	}
	return missing
}

func validate(files []string, env types.Mapping) (result, error) {
	c := &collector{seen: map[string]bool{}}
	logrus.SetOutput(io.Discard)
	logrus.SetLevel(logrus.WarnLevel)
	logrus.AddHook(c)

	workingDir := filepath.Dir(files[0])
	details := func() types.ConfigDetails {
		d := types.ConfigDetails{WorkingDir: workingDir, Environment: types.Mapping{}}
		for k, v := range env {
			d.Environment[k] = v
		}
		for _, f := range files {
			d.ConfigFiles = append(d.ConfigFiles, types.ConfigFile{Filename: f})
		}
		return d
	}
	base := c.baseOptions(workingDir)
	opts := []func(*loader.Options){base}

	var warnings []string
	if missing := findMissingExtends(details(), base); len(missing) > 0 {
		dir, err := os.MkdirTemp("", "compose-validate-")
		if err != nil {
			return result{}, err
		}
		defer os.RemoveAll(dir)
		stubs := stubLoader{stubs: map[string]string{}}
		keys := make([]string, 0, len(missing))
		for k := range missing {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for i, file := range keys {
			services := map[string]any{}
			for _, m := range missing[file] {
				services[m.ref] = map[string]any{"image": placeholderImage}
				warnings = append(warnings, fmt.Sprintf(
					"extends: %s.%s extends service %q from %s, which does not exist; its base was replaced by a placeholder (image %s), so only the local definition was validated",
					m.kind, m.service, m.ref, file, placeholderImage))
			}
			content, err := json.Marshal(map[string]any{"services": services}) // JSON is YAML
			if err != nil {
				return result{}, err
			}
			stub := filepath.Join(dir, fmt.Sprintf("missing-extends-%d.yml", i))
			if err := os.WriteFile(stub, content, 0o600); err != nil {
				return result{}, err
			}
			stubs.stubs[file] = stub
		}
		opts = append(opts, func(o *loader.Options) {
			o.ResourceLoaders = append([]loader.ResourceLoader{stubs}, o.ResourceLoaders...)
		})
	}

	c.enabled = true
	_, err := loader.LoadWithContext(context.Background(), details(), opts...)
	c.enabled = false
	warnings = append(warnings, c.warnings...)
	sort.Strings(warnings) // interpolation walks maps in random order

	if err != nil {
		return result{OK: false, Errors: splitErrors(err), Warnings: warnings}, nil
	}
	return result{OK: true, Warnings: warnings}, nil
}

// splitErrors turns an errors.Join result (compose-go joins interpolation
// errors) into one message per error.
func splitErrors(err error) []string {
	if joined, ok := err.(interface{ Unwrap() []error }); ok {
		var out []string
		for _, e := range joined.Unwrap() {
			out = append(out, splitErrors(e)...)
		}
		if len(out) > 0 {
			return out
		}
	}
	return []string{err.Error()}
}

func emit(w io.Writer, r result) {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(r)
}
