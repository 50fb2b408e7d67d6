package main

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	hcljson "github.com/hashicorp/hcl/v2/json"
)

// srcFile is one parsed .tf or .tf.json file of a module.
type srcFile struct {
	path     string
	src      []byte
	isJSON   bool
	override bool // override.tf / *_override.tf: merged into existing declarations by Terraform
	body     hcl.Body
	lines    []int // byte offset at which each line starts
	invalid  bool  // the parser reported an error
}

// validator loads each module directory once, collecting problems across all of them.
type validator struct {
	modules  map[string]*module // by absolute directory
	order    []*module
	files    map[string]*srcFile // by reported path
	problems []problem
	mute     bool // while declaring a module with syntax errors: only the parser speaks
}

func newValidator() *validator {
	return &validator{modules: map[string]*module{}, files: map[string]*srcFile{}}
}

// root validates a directory given by the caller: it must exist and hold Terraform files.
func (v *validator) root(dir string) error {
	info, err := os.Stat(dir)
	if err != nil {
		return usageError{fmt.Sprintf("%s: %v", dir, err)}
	}
	if !info.IsDir() {
		return usageError{fmt.Sprintf("%s: not a directory", dir)}
	}
	names, err := terraformFiles(dir)
	if err != nil {
		return usageError{fmt.Sprintf("%s: %v", dir, err)}
	}
	if len(names) == 0 {
		return usageError{fmt.Sprintf("%s: no .tf or .tf.json files", dir)}
	}
	v.load(dir)
	return nil
}

// terraformFiles lists the *.tf and *.tf.json files directly in dir, in lexical order
// (the order Terraform reads them).
func terraformFiles(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		name := e.Name()
		if e.Type().IsRegular() || e.Type()&os.ModeSymlink != 0 {
			if strings.HasSuffix(name, ".tf") || strings.HasSuffix(name, ".tf.json") {
				names = append(names, name)
			}
		}
	}
	sort.Strings(names)
	return names, nil
}

// load parses and checks the module in dir (once per absolute path), its local child
// modules first being loaded, and returns it.
func (v *validator) load(dir string) *module {
	abs, err := filepath.Abs(dir)
	if err != nil {
		panic(err)
	}
	if m, ok := v.modules[abs]; ok {
		return m
	}
	m := newModule(filepath.Clean(dir))
	v.modules[abs] = m
	v.order = append(v.order, m)
	names, err := terraformFiles(dir)
	if err != nil {
		panic(err)
	}
	for _, name := range names {
		f := v.parse(filepath.Join(m.dir, name))
		m.files = append(m.files, f)
		m.broken = m.broken || f.invalid
	}
	// A module the parser rejected keeps its (partial) declarations, so that callers'
	// references are not reported twice, but gets no structure or reference checks.
	v.mute = m.broken
	v.declare(m)
	v.mute = false
	for _, c := range m.callOrder {
		if c.local {
			v.loadChild(m, c)
		}
	}
	if !m.broken {
		v.checkCalls(m)
		v.walkModule(m)
	}
	return m
}

// parse reads one file with the native or JSON parser and records its syntax errors.
func (v *validator) parse(path string) *srcFile {
	src, err := os.ReadFile(path)
	if err != nil {
		panic(err)
	}
	base := filepath.Base(path)
	f := &srcFile{
		path:     path,
		src:      src,
		isJSON:   strings.HasSuffix(base, ".json"),
		override: isOverride(base),
		lines:    []int{0},
	}
	for i, b := range src {
		if b == '\n' {
			f.lines = append(f.lines, i+1)
		}
	}
	v.files[path] = f
	var file *hcl.File
	var diags hcl.Diagnostics
	if f.isJSON {
		file, diags = hcljson.Parse(src, path)
	} else {
		file, diags = hclsyntax.ParseConfig(src, path, hcl.InitialPos)
	}
	if file != nil {
		f.body = file.Body
	}
	f.invalid = diags.HasErrors()
	v.diagnostics("syntax", diags)
	return f
}

func isOverride(base string) bool {
	stem := strings.TrimSuffix(strings.TrimSuffix(base, ".json"), ".tf")
	return stem == "override" || strings.HasSuffix(stem, "_override")
}

// diagnostics records every error diagnostic of an HCL call as a problem of kind.
func (v *validator) diagnostics(kind string, diags hcl.Diagnostics) {
	for _, d := range diags {
		if d.Severity != hcl.DiagError {
			continue
		}
		msg := d.Summary
		if d.Detail != "" {
			msg += ": " + d.Detail
		}
		if d.Subject == nil {
			v.problemAt(kind, "", hcl.Pos{}, msg)
		} else {
			v.problemAt(kind, d.Subject.Filename, d.Subject.Start, msg)
		}
	}
}

// report records a problem at the start of rng.
func (v *validator) report(kind string, rng hcl.Range, format string, args ...any) {
	v.problemAt(kind, rng.Filename, rng.Start, fmt.Sprintf(format, args...))
}

// problemAt positions a problem by byte offset: line and column are recomputed from the
// file's bytes, so columns count UTF-8 bytes (HCL's own columns count characters).
func (v *validator) problemAt(kind, file string, pos hcl.Pos, msg string) {
	p := problem{File: file, Line: 1, Column: 1, Offset: pos.Byte, Kind: kind, Message: msg}
	if f, ok := v.files[file]; ok {
		line := sort.SearchInts(f.lines, pos.Byte+1) - 1
		if line < 0 {
			line = 0
		}
		p.Line = line + 1
		p.Column = pos.Byte - f.lines[line] + 1
	}
	if v.mute && kind != "syntax" {
		return
	}
	v.problems = append(v.problems, p)
}
