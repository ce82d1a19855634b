package reports_test

import (
	"fmt"
	"io"
	"testing"
	"time"

	"github.com/vitals-dev/vitals/assessment"
	"github.com/vitals-dev/vitals/internal/testrubric"
	"github.com/vitals-dev/vitals/questions"
	"github.com/vitals-dev/vitals/reports"
)

// bigAnswers answers most questions, with a spread of values, some "don't
// know" and some left out, and a note on every fifth.
func bigAnswers(r *questions.Rubric) *assessment.Answers {
	a := assessment.New(r, "Big project", assessment.Respondent{Name: "Bench"}, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	for i, q := range r.Questions() {
		if i%17 == 16 {
			continue // unanswered
		}
		ans := &assessment.Answer{}
		switch {
		case i%13 == 12 && q.DontKnow:
			ans.DontKnow = true
		case q.Kind == questions.Single && len(q.Options) > 0:
			ans.Text = q.Options[i%len(q.Options)].Value
		case q.Kind == questions.YesNo:
			ans.Text = []string{"yes", "no"}[i%2]
		case q.Kind == questions.Multi:
			ans.Choices = []string{"a", "b"}[:i%3%2+1]
		case q.Kind == questions.Scale:
			ans.Number = float64(1 + i%5)
		case q.Kind == questions.Number:
			ans.Number = float64(i * 7919 % 100)
			if q.Max == nil {
				ans.Number = float64(1 + i*104729%1000000)
			}
		}
		if i%5 == 0 {
			ans.Note = fmt.Sprintf("Note %d | with <b>markup</b> and `code`.", i)
		}
		a.Answers[q.ID] = ans
	}
	return a
}

func bigResult(b *testing.B) *assessment.Result {
	b.Helper()
	r, err := questions.ParseBytes("big.yaml", testrubric.Generate(1000))
	if err != nil {
		b.Fatalf("generated rubric: %v", err)
	}
	if n := len(r.Questions()); n != 1000 {
		b.Fatalf("generated %d questions, want 1000", n)
	}
	return assessment.Score(r, bigAnswers(r))
}

// BenchmarkRender renders the report of a 1,000-question rubric. The
// target is under 20 ms per report.
func BenchmarkRender(b *testing.B) {
	res := bigResult(b)
	for _, f := range reports.Formats {
		b.Run(string(f), func(b *testing.B) {
			var size int
			for b.Loop() {
				w := &countWriter{}
				if err := reports.Render(w, res, reports.Options{Format: f, Version: "bench"}); err != nil {
					b.Fatal(err)
				}
				size = w.n
			}
			b.ReportMetric(float64(size), "bytes/report")
		})
	}
}

// BenchmarkScoreAndRender includes scoring, which is what `vitals report`
// does after loading the files.
func BenchmarkScoreAndRender(b *testing.B) {
	res := bigResult(b)
	for b.Loop() {
		r := assessment.Score(res.Rubric, res.Answers)
		if err := reports.Render(io.Discard, r, reports.Options{Version: "bench"}); err != nil {
			b.Fatal(err)
		}
	}
}

type countWriter struct{ n int }

func (w *countWriter) Write(p []byte) (int, error) { w.n += len(p); return len(p), nil }
