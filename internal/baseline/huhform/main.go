// Command huhform is the baseline for the first-frame benchmark in
// BENCHMARKS.md: the smallest huh v2 form program, a Select like vitals'
// first screen, so vitals' start-up can be compared with it side by side.
package main

import (
	"fmt"
	"os"

	"charm.land/huh/v2"
)

func main() {
	var choice string
	err := huh.NewSelect[string]().
		Title("Choose a rubric").
		Options(huh.NewOptions("five-warning-signs", "adoption-readiness")...).
		Value(&choice).
		Run()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
