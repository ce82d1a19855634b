package assessment

import (
	"testing"
	"time"

	"github.com/vitals-dev/vitals/questions"
)

const unknownRubric = `
id: unk
title: Unknown
version: "1"
unknown: {share: 40}
sections:
  - id: a
    title: A
    weight: 1
    questions:
      - id: a1
        prompt: A1?
        kind: single
        options:
          - {value: good, label: Good, score: 100, risk: low}
          - {value: unsure, label: Not sure, score: 25, risk: unknown}
          - {value: awful, label: Awful, score: 0, risk: high, flag: Awful., critical: true}
      - {id: a2, prompt: A2?, kind: scale, min: 1, max: 5}
      - {id: a3, prompt: A3?, kind: scale, min: 1, max: 5, weight: 3}
  - id: b
    title: B
    weight: 1
    questions:
      - {id: b1, prompt: B1?, kind: scale, min: 1, max: 5}
`

// The unknown rule: a section, and the whole result, are at unknown risk
// when "don't know" answers and answers whose risk is unknown carry more
// than the rubric's share of the scored weight; a critical flag is high
// all the same; exactly the share is not more.
func TestUnknownRule(t *testing.T) {
	r, err := questions.ParseBytes("unk.yaml", []byte(unknownRubric))
	if err != nil {
		t.Fatal(err)
	}
	score := func(ans map[string]*Answer) *Result {
		a := New(r, "P", Respondent{}, time.Date(2026, 3, 31, 0, 0, 0, 0, time.UTC))
		a.Answers = ans
		return Score(r, a)
	}
	for _, tt := range []struct {
		name          string
		ans           map[string]*Answer
		section, all  questions.Risk
		share, shareA float64
	}{
		// a: 1 (unknown risk) + 1 (don't know) of 5 = 40%: not more.
		{"at the share", map[string]*Answer{"a1": {Text: "unsure"}, "a2": {DontKnow: true}, "a3": {Number: 5}, "b1": {Number: 5}},
			questions.RiskLow, questions.RiskLow, 40, 20},
		// a: 1 + 3 of 5 = 80%; overall half of that, 40%: not more.
		{"over the share", map[string]*Answer{"a1": {Text: "unsure"}, "a2": {Number: 5}, "a3": {DontKnow: true}, "b1": {Number: 5}},
			questions.RiskUnknown, questions.RiskLow, 80, 40},
		{"overall too", map[string]*Answer{"a1": {Text: "unsure"}, "a2": {Number: 5}, "a3": {DontKnow: true}, "b1": {DontKnow: true}},
			questions.RiskUnknown, questions.RiskUnknown, 80, 90},
		{"a critical flag is high", map[string]*Answer{"a1": {Text: "awful"}, "a2": {DontKnow: true}, "a3": {DontKnow: true}, "b1": {DontKnow: true}},
			questions.RiskHigh, questions.RiskHigh, 80, 90},
	} {
		t.Run(tt.name, func(t *testing.T) {
			res := score(tt.ans)
			sa := res.Sections[0]
			if sa.Risk != tt.section || Round1(sa.UnknownShare) != tt.share {
				t.Errorf("section a: %s at %v%% unknown, want %s at %v%%", sa.Risk, sa.UnknownShare, tt.section, tt.share)
			}
			if res.Risk != tt.all || Round1(res.UnknownShare) != tt.shareA {
				t.Errorf("overall: %s at %v%% unknown, want %s at %v%%", res.Risk, res.UnknownShare, tt.all, tt.shareA)
			}
		})
	}
	if res := score(map[string]*Answer{"a1": {Text: "unsure"}}); res.Sections[0].UnknownQuestions != 1 {
		t.Errorf("UnknownQuestions = %d, want 1", res.Sections[0].UnknownQuestions)
	}
	// Without the rule, nothing is unknown, whatever the answers.
	r.Unknown = nil
	if res := score(map[string]*Answer{"a1": {DontKnow: true}, "a2": {DontKnow: true}, "a3": {DontKnow: true}, "b1": {DontKnow: true}}); res.Risk == questions.RiskUnknown {
		t.Error("unknown without an unknown rule")
	}
}

// Unknown outranks medium, never high, in "the worst of".
func TestUnknownRank(t *testing.T) {
	order := []questions.Risk{questions.RiskNone, questions.RiskLow, questions.RiskMedium, questions.RiskUnknown, questions.RiskHigh}
	for i := 1; i < len(order); i++ {
		if order[i-1].Rank() >= order[i].Rank() {
			t.Errorf("%s ranks at or above %s", order[i-1], order[i])
		}
	}
}
