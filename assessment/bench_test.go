package assessment_test

import (
	"fmt"
	"testing"

	"github.com/vitals-dev/vitals/assessment"
	"github.com/vitals-dev/vitals/internal/testrubric"
	"github.com/vitals-dev/vitals/questions"
)

func load(tb testing.TB, n int) (*questions.Rubric, *assessment.Answers) {
	tb.Helper()
	r, err := questions.ParseBytes("gen.yaml", testrubric.Generate(n))
	if err != nil {
		tb.Fatal(err)
	}
	f, err := assessment.Decode("answers.yaml", testrubric.AnswersYAML(n))
	if err != nil {
		tb.Fatal(err)
	}
	a, _, err := f.Check(r)
	if err != nil {
		tb.Fatal(err)
	}
	return r, a
}

// BenchmarkScore measures scoring at growing rubric sizes.
func BenchmarkScore(b *testing.B) {
	for _, n := range []int{100, 1_000, 10_000} {
		r, a := load(b, n)
		b.Run(fmt.Sprintf("questions=%d", n), func(b *testing.B) {
			for b.Loop() {
				assessment.Score(r, a)
			}
		})
	}
}

// BenchmarkAnswersRoundTrip measures decoding, checking and writing an
// answers file, which the TUI does after every answer.
func BenchmarkAnswersRoundTrip(b *testing.B) {
	for _, n := range []int{100, 1_000} {
		r, a := load(b, n)
		data := a.Marshal(r)
		b.Run(fmt.Sprintf("questions=%d", n), func(b *testing.B) {
			for b.Loop() {
				f, err := assessment.Decode("a.yaml", data)
				if err != nil {
					b.Fatal(err)
				}
				x, _, err := f.Check(r)
				if err != nil {
					b.Fatal(err)
				}
				x.Marshal(r)
			}
		})
	}
}

func TestGeneratedAnswersScore(t *testing.T) {
	r, a := load(t, 100)
	res := assessment.Score(r, a)
	if !res.Scored || len(res.Flags) == 0 || len(res.DontKnow) == 0 {
		t.Errorf("generated answers should score with flags and don't-knows: scored=%v flags=%d dk=%d", res.Scored, len(res.Flags), len(res.DontKnow))
	}
}
