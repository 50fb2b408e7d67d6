package main

import (
	"sort"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// attributes returns a block's arguments in either syntax; native nested blocks are left out.
func attributes(body hcl.Body) hcl.Attributes {
	if sb, ok := body.(*hclsyntax.Body); ok {
		out := hcl.Attributes{}
		for name, a := range sb.Attributes {
			out[name] = a.AsHCLAttribute()
		}
		return out
	}
	attrs, _ := body.JustAttributes()
	return attrs
}

// sortedAttributes orders attributes by their position in the file.
func sortedAttributes(attrs hcl.Attributes) []*hcl.Attribute {
	out := make([]*hcl.Attribute, 0, len(attrs))
	for _, a := range attrs {
		out = append(out, a)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].NameRange.Start.Byte < out[j].NameRange.Start.Byte })
	return out
}

// requiredProviders lists the local names in terraform { required_providers { ... } }.
func requiredProviders(body hcl.Body) []string {
	var names []string
	if sb, ok := body.(*hclsyntax.Body); ok {
		for _, blk := range sb.Blocks {
			if blk.Type == "required_providers" {
				for _, a := range sortedAttributes(attributes(blk.Body)) {
					names = append(names, a.Name)
				}
			}
		}
		return names
	}
	if rp := attributes(body)["required_providers"]; rp != nil {
		val, _ := rp.Expr.Value(nil)
		collectObjectKeys(val, &names)
	}
	return names
}

// collectObjectKeys gathers the attribute names of an object, or of each object in a tuple.
func collectObjectKeys(val cty.Value, names *[]string) {
	if val.IsNull() || !val.IsKnown() {
		return
	}
	switch {
	case val.Type().IsObjectType():
		for name := range val.Type().AttributeTypes() {
			*names = append(*names, name)
		}
		sort.Strings(*names)
	case val.Type().IsTupleType():
		for it := val.ElementIterator(); it.Next(); {
			_, elem := it.Element()
			collectObjectKeys(elem, names)
		}
	}
}
