package assessment_test

import (
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/vitals-dev/vitals/assessment"
	"github.com/vitals-dev/vitals/internal/yamlfile"
	"github.com/vitals-dev/vitals/questions"
)

// hostileAnswers are answers files under the size cap built to be costly:
// as issue 7 measured them, and the largest that still pass the pre-scan.
func hostileAnswers() map[string][]byte {
	head := "format: 1\nrubric: {id: crm-health}\nproject: X\nanswers:\n"
	var unknown, many strings.Builder
	unknown.WriteString(head)
	for i := range 10_000 {
		fmt.Fprintf(&unknown, "  q%d: {value: 1}\n", i)
	}
	many.WriteString(head)
	for i := range 36_000 { // 4 values each: just under MaxValues
		fmt.Fprintf(&many, "  q%d: {value: 1}\n", i)
	}
	list := func(item string, n int) []byte {
		return []byte(head + "  support:\n    value: [" + strings.TrimSuffix(strings.Repeat(item+",", n), ",") + "]\n")
	}
	return map[string][]byte{
		"10000 unknown ids":           []byte(unknown.String()),
		"36000 unknown ids":           []byte(many.String()),
		"600000 duplicate items":      list("champions", 600_000),
		"1900000 invalid items":       list("x", 1_900_000),
		"149000 items, under the cap": list("x", 149_000),
	}
}

// Every hostile file is answered with at most 50 problems and a count,
// and costs at most 100 MB to read and check; BenchmarkDecodeHostile
// has the time.
func TestHostileAnswersBounded(t *testing.T) {
	r, err := questions.Parse("../questions/testdata/example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range hostileAnswers() {
		t.Run(name, func(t *testing.T) {
			if len(data) > yamlfile.MaxFileSize {
				t.Fatalf("%d bytes: over the size cap, not a test of what is under it", len(data))
			}
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			err := decodeAndCheck(r, data)
			runtime.ReadMemStats(&after)
			if err == nil {
				t.Fatal("a hostile file was accepted")
			}
			if lines := strings.Count(err.Error(), "\n") + 1; lines > 51 {
				t.Errorf("%d lines of problems, want at most 50 and a count", lines)
			}
			if mb := (after.TotalAlloc - before.TotalAlloc) >> 20; mb > 100 {
				t.Errorf("reading it allocated %d MB, want at most 100", mb)
			}
		})
	}
}

func decodeAndCheck(r *questions.Rubric, data []byte) error {
	a, err := assessment.Decode("hostile.yaml", data)
	if err != nil {
		return err
	}
	_, _, err = a.Check(r)
	return err
}

func BenchmarkDecodeHostile(b *testing.B) {
	r, err := questions.Parse("../questions/testdata/example.yaml")
	if err != nil {
		b.Fatal(err)
	}
	for name, data := range hostileAnswers() {
		b.Run(strings.ReplaceAll(name, " ", "-"), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				_ = decodeAndCheck(r, data)
			}
		})
	}
}
