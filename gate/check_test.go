package gate

import (
	"strings"
	"testing"
	"time"

	"github.com/vitals-dev/vitals/assessment"
	"github.com/vitals-dev/vitals/questions"
)

func TestAgeDaysIsCalendarDays(t *testing.T) {
	at := func(s string) time.Time {
		v, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	for _, tc := range []struct {
		run, now string
		want     int
	}{
		{"2026-11-30T23:00:00Z", "2026-12-01T08:00:00Z", 1},
		{"2026-11-25T18:00:00Z", "2026-12-02T09:00:00Z", 7},
		{"2026-12-01T08:00:00Z", "2026-12-01T20:00:00Z", 0},
		{"2026-12-02T08:00:00Z", "2026-12-01T20:00:00Z", 0},
	} {
		if got := AgeDays(at(tc.run), at(tc.now)); got != tc.want {
			t.Errorf("AgeDays(%s, %s) = %d, want %d", tc.run, tc.now, got, tc.want)
		}
	}
}

func findings(v Verdict) string {
	var out []string
	for _, f := range v.Findings {
		out = append(out, string(f.Level)+" "+f.Rule+": "+f.Text)
	}
	return strings.Join(out, "\n")
}

// TestVerdictRules: unknown risk allowed still warns; skipped questions
// that carry no points do not make a run incomplete; due today.
func TestVerdictRules(t *testing.T) {
	now := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	r := &questions.Rubric{ID: "r"}
	note := &questions.Question{ID: "note", Kind: questions.Text}
	scored := &questions.Question{ID: "scored", Kind: questions.YesNo, Weight: 1}
	subject := func(risk questions.Risk, unanswered ...*questions.Question) *Subject {
		return &Subject{Project: "P", Date: now.AddDate(0, 0, -10), Result: &assessment.Result{Rubric: r, Scored: true, Risk: risk, Unanswered: unanswered}}
	}
	p := Default()
	p.AllowUnknown = true
	v := p.verdict(subject(questions.RiskUnknown), now)
	if got := findings(v); got != `warn risk: Overall — unknown risk (too much answered "don't know"); allowed by allow_unknown` {
		t.Errorf("allowed unknown: %q", got)
	}
	p = Default()
	if got := findings(p.verdict(subject(questions.RiskLow, note), now)); got != "" {
		t.Errorf("a skipped note: %q", got)
	}
	if got := findings(p.verdict(subject(questions.RiskLow, note, scored), now)); got != "fail incomplete: 1 question left unanswered that the score or the rubric needs: scored" {
		t.Errorf("a skipped scored question: %q", got)
	}
	p.MaxAge = 10
	if got := findings(p.verdict(subject(questions.RiskLow), now)); got != "warn due: assessed 2026-11-21, 10 days ago: due again today" {
		t.Errorf("due today: %q", got)
	}
}
