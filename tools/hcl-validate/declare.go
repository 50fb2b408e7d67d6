package main

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// module is one Terraform module directory: its files and what they declare.
type module struct {
	dir       string
	files     []*srcFile
	broken    bool // some file has a syntax error
	vars      map[string]hcl.Range
	required  map[string]bool // variables without a default
	locals    map[string]hcl.Range
	outputs   map[string]hcl.Range
	resources map[string]hcl.Range // "TYPE.NAME"
	data      map[string]hcl.Range // "TYPE.NAME", including data blocks scoped in check blocks
	ephemeral map[string]hcl.Range // "TYPE.NAME"
	checks    map[string]hcl.Range
	calls     map[string]*call
	callOrder []*call
	blocks    []*hcl.Block // top-level blocks in file order, for the reference walk
	downloads []string     // what `terraform init` would fetch for this module
}

// call is a module block.
type call struct {
	name        string
	block       *hcl.Block
	source      string
	sourceRange hcl.Range
	local       bool    // source is ./x or ../x
	child       *module // the loaded child, for local sources that exist
	args        []*hcl.Attribute
}

func newModule(dir string) *module {
	return &module{
		dir: dir, vars: map[string]hcl.Range{}, required: map[string]bool{}, locals: map[string]hcl.Range{},
		outputs: map[string]hcl.Range{}, resources: map[string]hcl.Range{}, data: map[string]hcl.Range{},
		ephemeral: map[string]hcl.Range{}, checks: map[string]hcl.Range{}, calls: map[string]*call{},
	}
}

var topSchema = &hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{
	{Type: "terraform"},
	{Type: "provider", LabelNames: []string{"name"}},
	{Type: "variable", LabelNames: []string{"name"}},
	{Type: "locals"},
	{Type: "output", LabelNames: []string{"name"}},
	{Type: "module", LabelNames: []string{"name"}},
	{Type: "resource", LabelNames: []string{"type", "name"}},
	{Type: "data", LabelNames: []string{"type", "name"}},
	{Type: "ephemeral", LabelNames: []string{"type", "name"}},
	{Type: "moved"},
	{Type: "import"},
	{Type: "removed"},
	{Type: "check", LabelNames: []string{"name"}},
}}

var checkSchema = &hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{
	{Type: "data", LabelNames: []string{"type", "name"}},
}}

// metaArguments of a module block are not input variables of the child.
var metaArguments = map[string]bool{"source": true, "version": true, "count": true, "for_each": true, "providers": true, "depends_on": true}

// declare checks the top-level structure of every file and collects the declarations.
func (v *validator) declare(m *module) {
	for _, f := range m.files {
		if f.body == nil {
			continue
		}
		content, diags := f.body.Content(topSchema)
		v.diagnostics("structure", diags)
		for _, blk := range content.Blocks {
			m.blocks = append(m.blocks, blk)
			v.checkLabels(blk)
			v.declareBlock(m, f, blk)
		}
	}
}

func (v *validator) declareBlock(m *module, f *srcFile, blk *hcl.Block) {
	attrs := attributes(blk.Body)
	switch blk.Type {
	case "variable":
		if v.unique(f, m.vars, blk.Labels[0], "variable", blk.DefRange) {
			m.required[blk.Labels[0]] = attrs["default"] == nil
		}
	case "locals":
		locals, diags := blk.Body.JustAttributes()
		v.diagnostics("structure", diags)
		for _, a := range sortedAttributes(locals) {
			v.unique(f, m.locals, a.Name, "local value", a.NameRange)
		}
	case "output":
		v.unique(f, m.outputs, blk.Labels[0], "output", blk.DefRange)
		if attrs["value"] == nil && !f.override {
			v.report("structure", blk.DefRange, "output %q has no value argument", blk.Labels[0])
		}
	case "module":
		v.declareCall(m, f, blk, attrs)
	case "resource", "data", "ephemeral":
		set := map[string]map[string]hcl.Range{"resource": m.resources, "data": m.data, "ephemeral": m.ephemeral}[blk.Type]
		v.unique(f, set, blk.Labels[0]+"."+blk.Labels[1], blk.Type, blk.DefRange)
		m.downloads = append(m.downloads, fmt.Sprintf("%s %q %q", blk.Type, blk.Labels[0], blk.Labels[1]))
	case "provider":
		m.downloads = append(m.downloads, fmt.Sprintf("provider %q", blk.Labels[0]))
	case "terraform":
		for _, name := range requiredProviders(blk.Body) {
			m.downloads = append(m.downloads, fmt.Sprintf("required provider %q", name))
		}
	case "check":
		v.unique(f, m.checks, blk.Labels[0], "check", blk.DefRange)
		content, _, _ := blk.Body.PartialContent(checkSchema)
		for _, d := range content.Blocks {
			v.checkLabels(d)
			v.unique(f, m.data, d.Labels[0]+"."+d.Labels[1], "data", d.DefRange)
			m.downloads = append(m.downloads, fmt.Sprintf("data %q %q", d.Labels[0], d.Labels[1]))
		}
	}
}

func (v *validator) declareCall(m *module, f *srcFile, blk *hcl.Block, attrs hcl.Attributes) {
	name := blk.Labels[0]
	if f.override {
		return
	}
	if _, dup := m.calls[name]; dup {
		first := m.calls[name].block.DefRange
		v.report("structure", blk.DefRange, "duplicate module %q: already declared at %s:%d", name, filepath.Base(first.Filename), first.Start.Line)
		return
	}
	c := &call{name: name, block: blk}
	m.calls[name] = c
	m.callOrder = append(m.callOrder, c)
	for _, a := range sortedAttributes(attrs) {
		if !metaArguments[a.Name] {
			c.args = append(c.args, a)
		}
	}
	src := attrs["source"]
	if src == nil {
		v.report("structure", blk.DefRange, "module %q has no source argument", name)
		return
	}
	c.sourceRange = src.Expr.Range()
	val, diags := src.Expr.Value(nil)
	if diags.HasErrors() || val.IsNull() || !val.IsKnown() || val.Type() != cty.String {
		v.report("structure", c.sourceRange, "module %q: source must be a literal string", name)
		return
	}
	c.source = val.AsString()
	c.local = strings.HasPrefix(c.source, "./") || strings.HasPrefix(c.source, "../")
	if !c.local {
		m.downloads = append(m.downloads, fmt.Sprintf("module %q (source %q)", name, c.source))
	}
}

// unique adds a declaration to set, reporting a duplicate; override files only amend
// declarations, so theirs are neither added nor compared.
func (v *validator) unique(f *srcFile, set map[string]hcl.Range, key, what string, rng hcl.Range) bool {
	if f.override {
		return false
	}
	if first, dup := set[key]; dup {
		v.report("structure", rng, "duplicate %s %s: already declared at %s:%d", what, quoteKey(key), filepath.Base(first.Filename), first.Start.Line)
		return false
	}
	set[key] = rng
	return true
}

// quoteKey renders "TYPE.NAME" as "TYPE" "NAME", like the block header.
func quoteKey(key string) string {
	parts := strings.Split(key, ".")
	for i, p := range parts {
		parts[i] = fmt.Sprintf("%q", p)
	}
	return strings.Join(parts, " ")
}

// checkLabels reports block labels that are not valid Terraform names.
func (v *validator) checkLabels(blk *hcl.Block) {
	for i, label := range blk.Labels {
		if !hclsyntax.ValidIdentifier(label) {
			v.report("structure", blk.LabelRanges[i], "invalid %s label %q: a name must start with a letter or underscore and may contain only letters, digits, underscores and dashes", blk.Type, label)
		}
	}
}
