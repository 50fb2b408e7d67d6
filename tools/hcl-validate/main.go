// Command hcl-validate checks Terraform module directories with the real HCL parser
// (github.com/hashicorp/hcl/v2: hclsyntax for .tf, hcl/json for .tf.json) and reports
// syntax errors, structure errors and references that resolve to nothing declared.
//
//	hcl-validate DIR [DIR...]
//	echo '["DIR", ...]' | hcl-validate          (or {"dirs": [...]})
//
// Output is one JSON object on stdout. Exit codes: 0 no problems, 1 problems,
// 2 usage error (no directory, unreadable directory, no Terraform files), 3 internal error.
package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"sort"
)

// problem is one finding, positioned by UTF-8 byte offset in its file.
type problem struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Column  int    `json:"column"`
	Offset  int    `json:"offset"`
	Kind    string `json:"kind"`
	Message string `json:"message"`
}

// moduleReport names one validated module directory and what `terraform init` would
// have to download for it (providers, resources, registry or remote modules).
type moduleReport struct {
	Dir       string   `json:"dir"`
	Downloads []string `json:"downloads"`
}

type report struct {
	OK       bool           `json:"ok"`
	Problems []problem      `json:"problems"`
	Modules  []moduleReport `json:"modules"`
}

type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) (code int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(stderr, "hcl-validate: internal error: %v\n", r)
			code = 3
		}
	}()
	dirs, err := readDirs(args, stdin)
	if err == nil {
		var rep report
		rep, err = validate(dirs)
		if err == nil {
			out, _ := json.Marshal(rep)
			fmt.Fprintln(stdout, string(out))
			if rep.OK {
				return 0
			}
			return 1
		}
	}
	fmt.Fprintf(stderr, "hcl-validate: %v\n", err)
	if _, ok := err.(usageError); ok {
		return 2
	}
	return 3
}

// readDirs takes directories from the arguments, or else from a JSON array (or
// {"dirs": [...]}) on stdin.
func readDirs(args []string, stdin io.Reader) ([]string, error) {
	if len(args) > 0 && args[0] == "--" {
		args = args[1:]
	}
	if len(args) > 0 {
		return args, nil
	}
	src, err := io.ReadAll(stdin)
	if err != nil {
		return nil, usageError{fmt.Sprintf("reading stdin: %v", err)}
	}
	var dirs []string
	if err := json.Unmarshal(src, &dirs); err != nil {
		var wrapped struct {
			Dirs []string `json:"dirs"`
		}
		if err2 := json.Unmarshal(src, &wrapped); err2 != nil {
			return nil, usageError{"expected directories as arguments, or a JSON array of directories on stdin"}
		}
		dirs = wrapped.Dirs
	}
	if len(dirs) == 0 {
		return nil, usageError{"no module directory given"}
	}
	return dirs, nil
}

func validate(dirs []string) (report, error) {
	v := newValidator()
	for _, dir := range dirs {
		if err := v.root(dir); err != nil {
			return report{}, err
		}
	}
	rep := report{Problems: v.problems, Modules: []moduleReport{}}
	sort.SliceStable(rep.Problems, func(i, j int) bool {
		a, b := rep.Problems[i], rep.Problems[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Offset != b.Offset {
			return a.Offset < b.Offset
		}
		return a.Message < b.Message
	})
	// The same diagnostic can come from two passes over one body (declarations, then references).
	rep.Problems = slices.Compact(rep.Problems)
	if rep.Problems == nil {
		rep.Problems = []problem{}
	}
	for _, m := range v.order {
		downloads := m.downloads
		if downloads == nil {
			downloads = []string{}
		}
		rep.Modules = append(rep.Modules, moduleReport{Dir: m.dir, Downloads: downloads})
	}
	rep.OK = len(rep.Problems) == 0
	return rep, nil
}
