package tui

import (
	"testing"

	"github.com/vitals-dev/vitals/internal/answerstest"
	"github.com/vitals-dev/vitals/questions"
)

const naUIRubric = `
id: na-ui
title: NA UI
version: "1"
sections:
  - id: ops
    title: Operations
    questions:
      - id: standby
        prompt: Is the standby site tested?
        kind: single
        not_applicable: true
        options:
          - {value: "often", label: "Twice a year or more", score: 100}
          - {value: "never", label: "Never", score: 0}
      - {id: cost, prompt: What does the standby cost a year?, kind: number, unit: EUR, not_applicable: true, weight: 0}
      - {id: remark, prompt: Anything else?, kind: text}
`

// "Not applicable" is an answer once its reason is typed: chosen from a
// list or typed as n/a, it opens the reason box; an empty reason is
// refused, esc goes back to the question, and the file keeps the reason.
func TestUINotApplicableNeedsAReason(t *testing.T) {
	r, err := questions.ParseBytes("na.yaml", []byte(naUIRubric))
	if err != nil {
		t.Fatal(err)
	}
	cfg := uiConfig(t, r)
	s := openSession(t, cfg, r)
	d := newDriver(t, New(cfg, r, s, nil), 80, 24)
	d.contains("Not applicable")
	d.key("4") // after "Don't know": "Not applicable"
	d.key("enter")
	d.contains("Why does this not apply? (required)")
	d.key("enter")
	d.contains("say why it does not apply")
	d.key("esc")
	d.contains("Is the standby site tested?")
	if _, ok := s.Answers.Answers["standby"]; ok {
		t.Fatal("not applicable was stored without a reason")
	}
	d.key("4")
	d.key("enter")
	d.typeText("the vendor runs it")
	d.key("enter")
	d.contains("What does the standby cost a year?")
	d.contains("Type n/a if it does not apply.")
	d.typeText("n/a")
	d.key("enter")
	d.contains("Why does this not apply? (required)")
	d.typeText("in the vendor's fee")
	d.key("enter")
	d.contains("Anything else?")
	d.saved()
	a := answerstest.Load(t, s.Path, r)
	for id, reason := range map[string]string{"standby": "the vendor runs it", "cost": "in the vendor's fee"} {
		if got := a.Answers[id]; got == nil || !got.NotApplicable || got.Reason != reason {
			t.Errorf("%s = %+v, want not applicable because %q", id, got, reason)
		}
	}
}
