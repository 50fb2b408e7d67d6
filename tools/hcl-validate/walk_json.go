package main

import (
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// In JSON syntax a nested block is an object property, one object level per label;
// strings are templates ("${var.x}"), except where a reference is expected (depends_on,
// moved/import "to"), where the string is the reference itself.

// jsonBody walks a block body written in JSON.
func (w *walker) jsonBody(body hcl.Body, kind string, iters []string) {
	attrs, diags := body.JustAttributes()
	w.v.diagnostics("structure", diags)
	for _, a := range sortedAttributes(attrs) {
		w.jsonAttr(kind, a.Name, a.Expr, iters)
	}
}

func (w *walker) jsonAttr(kind, name string, expr hcl.Expression, iters []string) {
	if name == "//" {
		return // a comment
	}
	if name == "dynamic" {
		w.jsonDynamic(expr, kind, iters)
		return
	}
	switch r := attrRule(kind, name); r {
	case ruleSkip:
	case ruleRefs, ruleAddress:
		w.jsonReferences(expr, iters, r == ruleAddress)
	default:
		w.jsonValue(expr, childKind(kind, name), labelCount(kind, name), iters)
	}
}

// jsonValue walks an argument value or a nested block: objects property by property,
// arrays element by element, strings as templates.
func (w *walker) jsonValue(expr hcl.Expression, kind string, labels int, iters []string) {
	val, _ := expr.Value(nil) // a nil context gives JSON strings verbatim
	switch ty := val.Type(); {
	case ty.IsObjectType():
		pairs, _ := hcl.ExprMap(expr)
		for _, kv := range pairs {
			if labels > 0 {
				w.jsonValue(kv.Value, kind, labels-1, iters)
				continue
			}
			key, _ := kv.Key.Value(nil)
			w.jsonTemplate(kv.Key, iters) // object keys are templates too
			w.jsonAttr(kind, key.AsString(), kv.Value, iters)
		}
	case ty.IsTupleType():
		elems, _ := hcl.ExprList(expr)
		for _, e := range elems {
			w.jsonValue(e, kind, labels, iters)
		}
	case ty == cty.String:
		w.jsonTemplate(expr, iters)
	}
}

// jsonString returns a JSON string's text and the position of its first character.
func jsonString(expr hcl.Expression) (string, string, hcl.Pos, bool) {
	val, _ := expr.Value(nil)
	if val.Type() != cty.String || val.IsNull() {
		return "", "", hcl.Pos{}, false
	}
	rng := expr.Range()
	start := rng.Start
	start.Byte++ // past the opening quote; escapes before a reference shift its position
	start.Column++
	return val.AsString(), rng.Filename, start, true
}

func (w *walker) jsonTemplate(expr hcl.Expression, iters []string) {
	s, file, start, ok := jsonString(expr)
	if !ok || (!strings.Contains(s, "${") && !strings.Contains(s, "%{")) {
		return
	}
	tmpl, diags := hclsyntax.ParseTemplate([]byte(s), file, start)
	w.v.diagnostics("syntax", diags)
	if !diags.HasErrors() {
		w.references(tmpl, iters, false)
	}
}

// jsonReferences checks strings that are references themselves ("aws_x.y"), alone or in an array.
func (w *walker) jsonReferences(expr hcl.Expression, iters []string, address bool) {
	if elems, diags := hcl.ExprList(expr); !diags.HasErrors() {
		for _, e := range elems {
			w.jsonReferences(e, iters, address)
		}
		return
	}
	s, file, start, ok := jsonString(expr)
	if !ok {
		return
	}
	e, diags := hclsyntax.ParseExpression([]byte(s), file, start)
	w.v.diagnostics("syntax", diags)
	if !diags.HasErrors() {
		w.references(e, iters, address)
	}
}

// jsonDynamic walks "dynamic": {"LABEL": {"for_each", "iterator", "labels", "content"}}.
func (w *walker) jsonDynamic(expr hcl.Expression, parent string, iters []string) {
	if elems, diags := hcl.ExprList(expr); !diags.HasErrors() {
		for _, e := range elems {
			w.jsonDynamic(e, parent, iters)
		}
		return
	}
	pairs, _ := hcl.ExprMap(expr)
	for _, kv := range pairs {
		label, _ := kv.Key.Value(nil)
		w.jsonDynamicBlock(label.AsString(), kv.Value, parent, iters)
	}
}

func (w *walker) jsonDynamicBlock(label string, expr hcl.Expression, parent string, iters []string) {
	if elems, diags := hcl.ExprList(expr); !diags.HasErrors() {
		for _, e := range elems {
			w.jsonDynamicBlock(label, e, parent, iters)
		}
		return
	}
	pairs, _ := hcl.ExprMap(expr)
	it := label
	for _, kv := range pairs {
		if key, _ := kv.Key.Value(nil); key.AsString() == "iterator" {
			if s, _, _, ok := jsonString(kv.Value); ok {
				it = s
			}
		}
	}
	inner := append(append([]string(nil), iters...), it)
	for _, kv := range pairs {
		key, _ := kv.Key.Value(nil)
		switch key.AsString() {
		case "iterator", "//":
		case "for_each":
			w.jsonValue(kv.Value, "generic", 0, iters)
		case "content":
			w.jsonValue(kv.Value, childKind(parent, label), 0, inner)
		default:
			w.jsonValue(kv.Value, "generic", 0, inner)
		}
	}
}
