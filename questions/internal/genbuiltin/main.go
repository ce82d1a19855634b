// Command genbuiltin writes builtin_gen.go, the built-in rubrics of package
// questions as Go code, so that loading one parses no YAML. Run it after
// changing a built-in rubric or the rubric types:
//
//	go generate ./questions
//
// TestBuiltinGenUpToDate fails until it has been run. Should builtin_gen.go
// stop compiling (a field of the rubric types renamed, say), delete it:
// package questions then parses the YAML as before, and this command can be
// built again to write the file afresh.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/vitals-dev/vitals/questions/internal/builtinsrc"
)

func main() {
	out := flag.String("o", "builtin_gen.go", "file to write, or - for standard output")
	flag.Parse()
	if err := run(*out); err != nil {
		fmt.Fprintln(os.Stderr, "genbuiltin:", err)
		os.Exit(1)
	}
}

func run(out string) error {
	src, err := builtinsrc.Generate()
	if err != nil {
		return err
	}
	if out == "-" {
		_, err = os.Stdout.Write(src)
		return err
	}
	return os.WriteFile(out, src, 0o644)
}
