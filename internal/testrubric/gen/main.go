// Command gen writes a generated rubric of N questions to standard output,
// for measuring vitals on large rubrics: go run ./internal/testrubric/gen 1000
package main

import (
	"fmt"
	"os"
	"strconv"

	"github.com/vitals-dev/vitals/internal/testrubric"
)

func main() {
	n := 1000
	if len(os.Args) > 1 {
		var err error
		if n, err = strconv.Atoi(os.Args[1]); err != nil || n < 1 {
			fmt.Fprintln(os.Stderr, "usage: gen [N]  (N questions, default 1000)")
			os.Exit(2)
		}
	}
	os.Stdout.Write(testrubric.Generate(n))
}
