package main

import (
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
)

// builtinRoots are root names that never refer to a declaration of the module.
var builtinRoots = map[string]bool{"each": true, "count": true, "self": true, "path": true, "terraform": true}

// traversal reports a root-scope reference that resolves to nothing the module declares.
// With address set (moved/import "to"), module.X.… is an address inside module X, not an output.
func (w *walker) traversal(t hcl.Traversal, iters []string, address bool) {
	root := t.RootName()
	if builtinRoots[root] || slices.Contains(iters, root) {
		return
	}
	m := w.m
	rng := t.SourceRange()
	switch root {
	case "var":
		if name, ok := attrStep(t, 1); !ok {
			w.v.report("reference", rng, "invalid reference %s: var must be followed by a variable name", render(t))
		} else if _, ok := m.vars[name]; !ok {
			w.v.report("reference", rng, "reference to undeclared input variable %q (%s)", name, render(t))
		}
	case "local":
		if name, ok := attrStep(t, 1); !ok {
			w.v.report("reference", rng, "invalid reference %s: local must be followed by a local value name", render(t))
		} else if _, ok := m.locals[name]; !ok {
			w.v.report("reference", rng, "reference to undeclared local value %q (%s)", name, render(t))
		}
	case "module":
		w.moduleReference(t, address)
	case "data", "ephemeral":
		typ, ok1 := attrStep(t, 1)
		name, ok2 := attrStep(t, 2)
		set := m.data
		if root == "ephemeral" {
			set = m.ephemeral
		}
		if !ok1 || !ok2 {
			w.v.report("reference", rng, "invalid reference %s: %s must be followed by a type and a name", render(t), root)
		} else if _, ok := set[typ+"."+name]; !ok {
			w.v.report("reference", rng, "reference to undeclared %s %q %q (%s)", map[string]string{"data": "data source", "ephemeral": "ephemeral resource"}[root], typ, name, render(t))
		}
	default:
		if name, ok := attrStep(t, 1); !ok {
			w.v.report("reference", rng, "invalid reference %s: unknown name %q (a resource reference is TYPE.NAME)", render(t), root)
		} else if _, ok := m.resources[root+"."+name]; !ok {
			w.v.report("reference", rng, "reference to undeclared resource %q %q (%s)", root, name, render(t))
		}
	}
}

// moduleReference checks module.NAME and, when the child is a local module that was
// loaded, module.NAME.OUTPUT (module.NAME[KEY].OUTPUT with count or for_each).
func (w *walker) moduleReference(t hcl.Traversal, address bool) {
	rng := t.SourceRange()
	name, ok := attrStep(t, 1)
	if !ok {
		w.v.report("reference", rng, "invalid reference %s: module must be followed by a module name", render(t))
		return
	}
	c, ok := w.m.calls[name]
	if !ok {
		w.v.report("reference", rng, "reference to undeclared module %q (%s)", name, render(t))
		return
	}
	if address || c.child == nil || c.child.broken {
		return
	}
	i := 2
	if i < len(t) {
		if _, isIndex := t[i].(hcl.TraverseIndex); isIndex {
			i++
		}
	}
	if output, ok := attrStep(t, i); ok {
		if _, declared := c.child.outputs[output]; !declared {
			w.v.report("reference", rng, "module %q (%s) declares no output %q (%s)", name, c.child.dir, output, render(t))
		}
	}
}

// attrStep returns the attribute name at step i of t.
func attrStep(t hcl.Traversal, i int) (string, bool) {
	if i >= len(t) {
		return "", false
	}
	a, ok := t[i].(hcl.TraverseAttr)
	return a.Name, ok
}

// render writes a traversal as it reads in the source.
func render(t hcl.Traversal) string {
	var b strings.Builder
	for _, step := range t {
		switch s := step.(type) {
		case hcl.TraverseRoot:
			b.WriteString(s.Name)
		case hcl.TraverseAttr:
			b.WriteString("." + s.Name)
		case hcl.TraverseIndex:
			switch {
			case !s.Key.IsKnown() || s.Key.IsNull():
				b.WriteString("[…]")
			case s.Key.Type() == cty.String:
				fmt.Fprintf(&b, "[%q]", s.Key.AsString())
			case s.Key.Type() == cty.Number:
				b.WriteString("[" + s.Key.AsBigFloat().Text('f', -1) + "]")
			default:
				b.WriteString("[…]")
			}
		case hcl.TraverseSplat:
			b.WriteString("[*]")
		}
	}
	return b.String()
}
