package questions_test

import (
	"fmt"
	"testing"

	"github.com/vitals-dev/vitals/internal/testrubric"
	"github.com/vitals-dev/vitals/questions"
)

// BenchmarkLoadBuiltins measures parsing and validating every built-in
// rubric, which every command that scores does at start.
func BenchmarkLoadBuiltins(b *testing.B) {
	for b.Loop() {
		for _, id := range questions.BuiltinIDs() {
			if _, err := questions.Builtin(id); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkParse measures load and validation of generated rubrics; the
// cost should grow linearly with the number of questions.
func BenchmarkParse(b *testing.B) {
	for _, n := range []int{100, 1_000, 10_000} {
		data := testrubric.Generate(n)
		b.Run(fmt.Sprintf("questions=%d", n), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if _, err := questions.ParseBytes("gen.yaml", data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func TestGeneratedRubricsAreValid(t *testing.T) {
	for _, n := range []int{5, 100, 1_000} {
		if _, err := questions.ParseBytes("gen.yaml", testrubric.Generate(n)); err != nil {
			t.Fatalf("generated rubric of %d questions: %v", n, err)
		}
	}
}
