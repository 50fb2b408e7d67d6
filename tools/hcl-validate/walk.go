package main

import (
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// rule says how the walk treats one argument.
type rule int

const (
	ruleCheck   rule = iota // an expression: every reference must resolve
	ruleSkip                // not an expression of references (type constraints, ignore_changes, provider refs)
	ruleRefs                // a list of bare references (depends_on); in JSON each string is one reference
	ruleAddress             // a resource address (moved/import "to"): module.X needs only X to exist
)

// attrRule classifies argument name inside a body of the given kind.
func attrRule(kind, name string) rule {
	switch kind + "." + name {
	case "variable.type",
		"resource.provider", "data.provider", "ephemeral.provider", "import.provider",
		"module.source", "module.version", "module.providers",
		"lifecycle.ignore_changes",
		"provisioner.when", "provisioner.on_failure",
		"moved.from", "removed.from":
		return ruleSkip
	case "resource.depends_on", "data.depends_on", "ephemeral.depends_on", "module.depends_on", "output.depends_on",
		"lifecycle.replace_triggered_by":
		return ruleRefs
	case "moved.to", "import.to":
		return ruleAddress
	}
	return ruleCheck
}

// childKind is the kind of a block of type blockType nested in a body of kind parent.
func childKind(parent, blockType string) string {
	switch parent + "." + blockType {
	case "resource.lifecycle", "data.lifecycle", "ephemeral.lifecycle":
		return "lifecycle"
	case "resource.provisioner", "removed.provisioner":
		return "provisioner"
	case "check.data":
		return "data"
	}
	return "generic"
}

// labelCount is how many label levels a nested block has (JSON nests one object per label).
func labelCount(parent, blockType string) int {
	switch parent + "." + blockType {
	case "resource.provisioner", "removed.provisioner":
		return 1
	case "check.data":
		return 2
	}
	return 0
}

// walkModule checks every reference in the module's top-level blocks.
func (v *validator) walkModule(m *module) {
	for _, blk := range m.blocks {
		if blk.Type == "terraform" {
			continue // settings only: required_providers' configuration_aliases are not references
		}
		w := &walker{v: v, m: m}
		if sb, ok := blk.Body.(*hclsyntax.Body); ok {
			w.nativeBody(sb, blk.Type, nil)
		} else {
			w.jsonBody(blk.Body, blk.Type, nil)
		}
	}
}

// walker visits the expressions of one block; iters are the dynamic-block iterator
// names in scope.
type walker struct {
	v *validator
	m *module
}

func (w *walker) nativeBody(body *hclsyntax.Body, kind string, iters []string) {
	for _, a := range sortedAttributes(attributes(body)) {
		w.nativeExpr(kind, a.Name, a.Expr.(hclsyntax.Expression), iters)
	}
	for _, blk := range body.Blocks {
		if blk.Type == "dynamic" && len(blk.Labels) == 1 {
			w.nativeDynamic(blk, kind, iters)
			continue
		}
		w.nativeBody(blk.Body, childKind(kind, blk.Type), iters)
	}
}

func (w *walker) nativeExpr(kind, name string, expr hclsyntax.Expression, iters []string) {
	switch attrRule(kind, name) {
	case ruleSkip:
	case ruleAddress:
		w.references(expr, iters, true)
	default:
		w.references(expr, iters, false)
	}
}

// nativeDynamic walks dynamic "x" { for_each, iterator, labels, content { ... } }: the
// iterator (x, or the iterator argument) is in scope in labels and content only.
func (w *walker) nativeDynamic(blk *hclsyntax.Block, parent string, iters []string) {
	it := blk.Labels[0]
	if a, ok := blk.Body.Attributes["iterator"]; ok {
		if kw := hcl.ExprAsKeyword(a.Expr); kw != "" {
			it = kw
		}
	}
	inner := append(append([]string(nil), iters...), it)
	for _, a := range sortedAttributes(attributes(blk.Body)) {
		switch a.Name {
		case "iterator":
		case "for_each":
			w.references(a.Expr.(hclsyntax.Expression), iters, false)
		default:
			w.references(a.Expr.(hclsyntax.Expression), inner, false)
		}
	}
	for _, content := range blk.Body.Blocks {
		w.nativeBody(content.Body, childKind(parent, blk.Labels[0]), inner)
	}
}

// references checks every root-scope traversal of an expression (for-expression
// variables are already left out by hclsyntax).
func (w *walker) references(expr hclsyntax.Expression, iters []string, address bool) {
	for _, t := range expr.Variables() {
		w.traversal(t, iters, address)
	}
}
