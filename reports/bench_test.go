package reports_test

import (
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/vitals-dev/vitals/assessment"
	"github.com/vitals-dev/vitals/questions"
	"github.com/vitals-dev/vitals/reports"
)

// bigRubric writes a rubric of sections × perSection questions that uses
// every kind, conditions, flags and recommendations, the way a large
// consultancy rubric would.
func bigRubric(sections, perSection int) string {
	var b strings.Builder
	b.WriteString("id: big\ntitle: A generated rubric | with <markup>\nversion: \"1\"\n")
	b.WriteString("business_case: {annual_benefit: s0-q1, one_off_cost: s0-q2, running_cost: s0-q3, horizon_years: s0-q4, assumed_adoption: s0-q5}\n")
	b.WriteString("sections:\n")
	for s := range sections {
		fmt.Fprintf(&b, "  - id: s%d\n    title: Section %d of the generated rubric\n    why: Why section %d matters, in a sentence of ordinary length.\n", s, s, s)
		fmt.Fprintf(&b, "    weight: %d\n    recommendations: {low: Keep going., medium: Watch section %d., high: Act on section %d now.}\n    questions:\n", 1+s%3, s, s)
		for q := range perSection {
			id := fmt.Sprintf("s%d-q%d", s, q)
			switch {
			case s == 0 && q >= 1 && q <= 4:
				fmt.Fprintf(&b, "      - {id: %s, prompt: Business-case figure %d?, kind: number, min: 0, weight: 0}\n", id, q)
				continue
			case s == 0 && q == 5:
				fmt.Fprintf(&b, "      - {id: %s, prompt: Assumed adoption?, kind: number, unit: \"%%\", min: 0, max: 100, scoring: [{to: 80, score: 90}, {from: 80, score: 20, flag: High assumption., critical: true, recommendation: Lower it.}]}\n", id)
				continue
			}
			fmt.Fprintf(&b, "      - id: %s\n        prompt: Question %d of section %d, phrased as a question of typical length?\n", id, q, s)
			switch q % 6 {
			case 0:
				b.WriteString("        kind: single\n        weight: 2\n        options:\n")
				b.WriteString("          - {value: good, label: Good answer, score: 100}\n")
				b.WriteString("          - {value: so-so, label: So-so answer, score: 50, recommendation: Improve this a little.}\n")
				b.WriteString("          - {value: bad, label: Bad answer, score: 10, flag: Something is wrong here., recommendation: Fix this first.}\n")
			case 1:
				b.WriteString("        kind: yesno\n        options:\n")
				b.WriteString("          - {value: \"yes\", label: \"Yes\", score: 100}\n")
				b.WriteString("          - {value: \"no\", label: \"No\", score: 20, flag: Not done., recommendation: Do it.}\n")
			case 2:
				b.WriteString("        kind: multi\n        options:\n")
				b.WriteString("          - {value: a, label: Option A, score: 40, recommendation: More of A.}\n")
				b.WriteString("          - {value: b, label: Option B, score: 30, recommendation: More of B.}\n")
				b.WriteString("          - {value: c, label: Option C, score: 30}\n")
			case 3:
				b.WriteString("        kind: scale\n        min: 1\n        max: 5\n")
			case 4:
				b.WriteString("        kind: number\n        unit: \"%\"\n        min: 0\n        max: 100\n")
				b.WriteString("        scoring: [{to: 50, score: 20, flag: Low figure., recommendation: Raise it.}, {from: 50, score: 90}]\n")
			case 5:
				fmt.Fprintf(&b, "        kind: single\n        when: {question: s%d-q%d, in: [good, so-so]}\n        options:\n", s, q-5)
				b.WriteString("          - {value: x, label: X, score: 100}\n          - {value: y, label: \"Y | <y>\", score: 0, recommendation: Avoid Y.}\n")
			}
		}
	}
	return b.String()
}

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
	r, err := questions.ParseBytes("big.yaml", []byte(bigRubric(20, 50)))
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
