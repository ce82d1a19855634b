package workshop_test

import (
	"io"
	"os"
	"testing"

	"github.com/vitals-dev/vitals/reports"
	"github.com/vitals-dev/vitals/workshop"
)

// FuzzMerge merges a fixed answers file with one of any bytes, named and
// anonymous: collecting may refuse or leave out the second file, but
// nothing may panic, and whatever is collected renders in both formats.
func FuzzMerge(f *testing.F) {
	fixed, err := os.ReadFile("../reports/testdata/workshop/crm5/p1.answers.yaml")
	if err != nil {
		f.Fatal(err)
	}
	for _, seed := range []string{"p2", "p3", "p5"} {
		data, err := os.ReadFile("../reports/testdata/workshop/crm5/" + seed + ".answers.yaml")
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("format: 1\nrubric: {id: five-warning-signs}\nworkshop: {mode: anonymous}\nanswers: {}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		files := []workshop.File{{Name: "fixed.answers.yaml", Data: fixed}, {Name: "fuzz.answers.yaml", Data: data}}
		for _, anon := range []bool{false, true} {
			c, err := workshop.Collect(files, builtin, workshop.Options{Anonymous: anon})
			if err != nil {
				continue
			}
			g := workshop.Combine(c)
			for _, format := range reports.Formats {
				if err := reports.RenderWorkshop(io.Discard, g, reports.Options{Format: format}); err != nil {
					t.Fatalf("render %s: %v", format, err)
				}
			}
		}
	})
}
