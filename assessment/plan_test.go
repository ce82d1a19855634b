package assessment

import (
	"math"
	"testing"
	"time"

	"github.com/vitals-dev/vitals/questions"
)

// planRubric has two sections of equal weight. s1 holds a single choice
// whose best option has advice, and a multiple choice whose "none of these"
// scores above 0; s2 a multiple choice with a chosen practice that scores
// 0 and a question that stays open.
const planRubric = `id: plan
title: Plan
version: 1.0.0
sections:
  - id: s1
    title: One
    questions:
      - id: single
        prompt: Single?
        kind: single
        weight: 1
        options:
          - {value: best, label: Best, score: 100, recommendation: Keep it up.}
          - {value: half, label: Half, score: 50, recommendation: Do the other half.}
          - {value: bare, label: Bare, score: 20}
      - id: multi
        prompt: Multi?
        kind: multi
        weight: 1
        options:
          - {value: a, label: A, score: 60, recommendation: Refine A., if_missing: Start A.}
          - {value: b, label: B, score: 60, if_missing: Start B.}
          - {value: none, label: None of these, score: 10, exclusive: true, recommendation: Start with A.}
  - id: s2
    title: Two
    questions:
      - id: practices
        prompt: Practices?
        kind: multi
        weight: 1
        options:
          - {value: x, label: X, score: 40, if_missing: Add X.}
          - {value: y, label: Y, score: 30}
          - {value: z, label: Z, score: 0, recommendation: Replace Z.}
      - id: open
        prompt: Open?
        kind: yesno
        weight: 1
        options:
          - {value: "yes", label: "Yes", score: 100}
          - {value: "no", label: "No", score: 0}
`

func planFor(t *testing.T, answers map[string]*Answer) (*Result, *Plan) {
	t.Helper()
	r, err := questions.ParseBytes("plan.yaml", []byte(planRubric))
	if err != nil {
		t.Fatal(err)
	}
	a := New(r, "P", Respondent{}, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	a.Answers = answers
	res := Score(r, a)
	return res, MakePlan(res)
}

func near(x, y float64) bool { return math.Abs(x-y) < 1e-9 }

func TestPlan(t *testing.T) {
	res, p := planFor(t, map[string]*Answer{
		"single":    {Text: "bare"},
		"multi":     {Choices: []string{"none"}},
		"practices": {Choices: []string{"y", "z"}},
	})
	if !res.Scored {
		t.Fatal("not scored")
	}
	// Full weights: each question is a quarter of the score, the open one
	// included, so nothing grows because it is unanswered.
	want := map[string]float64{
		"multi":       22.5, // "none of these" scores 10: its advice has all 90 points lost
		"practices/x": 10,   // the missing X: its own 40 points
		"practices":   7.5,  // Z, chosen, earns nothing: it speaks for the 30 left
		FindOutID:     25,   // the open question's weight
	}
	got := map[string]float64{}
	for _, a := range p.Actions {
		got[a.ID] = a.Stake
	}
	for id, w := range want {
		if !near(got[id], w) {
			t.Errorf("action %s stake = %v, want %v (actions %+v)", id, got[id], w, got)
		}
	}
	if len(got) != len(want) {
		t.Errorf("actions %v, want exactly %v", got, want)
	}
	// "single" answered Bare, which has no advice: its 20 lost points are a gap.
	if len(p.Gaps) != 1 || p.Gaps[0].Question.ID != "single" || !near(p.Gaps[0].Points, 20) {
		t.Errorf("gaps = %+v, want single with 20 points", p.Gaps)
	}
	if !near(p.Lost, 20+22.5+17.5) || !near(p.Unknown, 25) || !near(p.Earned+p.Lost+p.Unknown, 100) {
		t.Errorf("earned %v lost %v unknown %v", p.Earned, p.Lost, p.Unknown)
	}
	if p.Actions[0].ID != FindOutID {
		t.Errorf("first action %s, want the unknowns, which weigh 25 against 22.5", p.Actions[0].ID)
	}
	if got, want := p.KnownPercent(), 75.0; got != want {
		t.Errorf("known %v%%, want %v%%", got, want)
	}
}

func TestPlanNextSteps(t *testing.T) {
	_, p := planFor(t, map[string]*Answer{
		"single":    {Text: "best"},
		"multi":     {Choices: []string{"a", "b"}},
		"practices": {Choices: []string{"x", "y"}},
		"open":      {DontKnow: true},
	})
	// A chosen option scoring 100 keeps its advice as a next step, as does
	// a chosen practice that scores; neither is ranked.
	var texts []string
	for _, n := range p.NextSteps {
		texts = append(texts, n.Text)
	}
	if len(texts) != 2 || texts[0] != "Keep it up." || texts[1] != "Refine A." {
		t.Errorf("next steps %q, want Keep it up. and Refine A.", texts)
	}
	// "don't know" loses 75 of its 100, under the unknowns' action.
	f := p.FindOut()
	if f == nil || !near(f.Impact, 25*0.75) || !near(f.Stake, 25) || !near(p.DontKnowLost, 25*0.75) {
		t.Errorf("find out = %+v, want impact %v and stake 25", f, 25*0.75)
	}
	// Practices lost 30 (Y chosen earns 30, X 40: 70): no advice covers it.
	if len(p.Gaps) != 1 || p.Gaps[0].Question.ID != "practices" || !near(p.Gaps[0].Points, 7.5) {
		t.Errorf("gaps = %+v", p.Gaps)
	}
}
