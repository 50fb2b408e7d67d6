package main

import (
	"os"
	"path/filepath"
	"sort"
)

// loadChild validates the directory of a local module call (./x, ../x), relative to
// the calling module. Registry, git and other remote sources are not followed.
func (v *validator) loadChild(m *module, c *call) {
	dir := filepath.Join(m.dir, c.source)
	info, err := os.Stat(dir)
	if err != nil || !info.IsDir() {
		if !m.broken {
			v.report("structure", c.sourceRange, "module %q: source directory %s does not exist", c.name, dir)
		}
		return
	}
	if names, err := terraformFiles(dir); err != nil || len(names) == 0 {
		if !m.broken {
			v.report("structure", c.sourceRange, "module %q: source directory %s holds no .tf or .tf.json files", c.name, dir)
		}
		return
	}
	c.child = v.load(dir)
}

// checkCalls checks the arguments of each local module call against the child's
// variables: every argument is a declared variable, every variable without a default is set.
func (v *validator) checkCalls(m *module) {
	for _, c := range m.callOrder {
		if c.child == nil || c.child.broken {
			continue
		}
		set := map[string]bool{}
		for _, a := range c.args {
			set[a.Name] = true
			if _, ok := c.child.vars[a.Name]; !ok {
				v.report("structure", a.NameRange, "module %q: %s declares no input variable %q", c.name, c.child.dir, a.Name)
			}
		}
		var missing []string
		for name, required := range c.child.required {
			if required && !set[name] {
				missing = append(missing, name)
			}
		}
		sort.Strings(missing)
		for _, name := range missing {
			v.report("structure", c.block.DefRange, "module %q: required input variable %q of %s is not set", c.name, name, c.child.dir)
		}
	}
}
