package assessment

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/vitals-dev/vitals/questions"
)

const naRubric = `
id: na
title: NA
version: "1"
sections:
  - id: ops
    title: Operations
    weight: 1
    questions:
      - id: backup
        prompt: Are backups tested?
        kind: yesno
        not_applicable: true
        options:
          - {value: "yes", label: "Yes", score: 100}
          - {value: "no", label: "No", score: 0, recommendation: Test a restore.}
      - id: runbook
        prompt: Is there a runbook?
        kind: yesno
        options:
          - {value: "yes", label: "Yes", score: 100}
          - {value: "no", label: "No", score: 0, recommendation: Write one.}
      - id: followup
        prompt: Who restores?
        kind: text
        when: {question: backup, in: ["yes"]}
  - id: people
    title: People
    weight: 1
    questions:
      - {id: trained, prompt: Trained?, kind: scale, min: 1, max: 5, not_applicable: true}
`

func naRubricT(t *testing.T) *questions.Rubric {
	t.Helper()
	r, err := questions.ParseBytes("na.yaml", []byte(naRubric))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// A "not applicable" answer is left out of scoring: the other questions
// share its weight, nothing is lost for it, it is known, and conditions
// on it do not hold.
func TestNotApplicableIsLeftOutOfScoring(t *testing.T) {
	r := naRubricT(t)
	a := New(r, "P", Respondent{}, time.Date(2026, 3, 31, 0, 0, 0, 0, time.UTC))
	a.Answers["backup"] = &Answer{NotApplicable: true, Reason: "no data is stored yet"}
	a.Answers["runbook"] = &Answer{Text: "no"}
	a.Answers["trained"] = &Answer{Number: 5}
	res := Score(r, a)
	ops := res.Sections[0]
	if ops.Score != 0 || ops.NotApplicable != 1 || ops.Answered != 1 {
		t.Errorf("ops: score %v, %d not applicable, %d answered; want 0, 1, 1", ops.Score, ops.NotApplicable, ops.Answered)
	}
	if qr := ops.Questions[0]; qr.Status != NotApplicable || qr.Scored || qr.Lost != 0 {
		t.Errorf("backup: %+v", qr)
	}
	if res.Score != 50 {
		t.Errorf("overall %v, want 50 (ops 0 and people 100)", res.Score)
	}
	if len(res.NotApplicable) != 1 || res.NotApplicable[0].ID != "backup" {
		t.Errorf("NotApplicable = %v", res.NotApplicable)
	}
	if res.Sections[0].Questions[2].Status != Hidden {
		t.Error("a condition on a not applicable answer held")
	}
	p := MakePlan(res)
	if math.Abs(p.Earned+p.Lost+p.Unknown-100) > 1e-9 {
		t.Errorf("plan: earned %v + lost %v + unknown %v is not 100", p.Earned, p.Lost, p.Unknown)
	}
	if _, ok := p.Points["backup"]; ok || p.Known != 3 || p.Asked != 3 {
		t.Errorf("plan: points %v, known %d of %d", p.Points, p.Known, p.Asked)
	}
}

func TestNotApplicableInTheFile(t *testing.T) {
	r := naRubricT(t)
	a := New(r, "P", Respondent{}, time.Date(2026, 3, 31, 0, 0, 0, 0, time.UTC))
	a.Answers["backup"] = &Answer{NotApplicable: true, Reason: "no data is stored yet", Note: "ask again in Q3"}
	data := a.Marshal(r)
	if !strings.Contains(string(data), "  backup:\n    not_applicable: true\n    reason: no data is stored yet\n    note: ask again in Q3\n") {
		t.Errorf("written as:\n%s", data)
	}
	f, err := Decode("a.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	back, _, err := f.Check(r)
	if err != nil {
		t.Fatal(err)
	}
	if got := back.Answers["backup"]; !got.NotApplicable || got.Reason != "no data is stored yet" || got.Note != "ask again in Q3" {
		t.Errorf("read back %+v", got)
	}

	head := "format: 1\nrubric: {id: na}\nanswers:\n"
	for _, tt := range []struct{ body, want string }{
		{"  runbook: {not_applicable: true, reason: x}\n", `a.yaml:4:3: question "runbook" does not offer "not applicable"`},
		{"  backup: {not_applicable: true}\n", `a.yaml:4:3: answer to "backup" is not applicable but gives no reason (add reason: saying why it does not apply)`},
		{"  backup: {not_applicable: true, reason: \" \"}\n", `a.yaml:4:3: answer to "backup" is not applicable but gives no reason`},
		{"  backup: {not_applicable: true, reason: x, value: \"yes\"}\n", `a.yaml:4:3: answer to "backup" is both not applicable and answered`},
		{"  backup: {value: \"yes\", reason: x}\n", `a.yaml:4:34: answer to "backup" has a reason but is not "not applicable" (use note: for a remark on an answer)`},
	} {
		f, err := Decode("a.yaml", []byte(head+tt.body))
		if err != nil {
			t.Fatalf("%s: %v", tt.body, err)
		}
		if _, _, err := f.Check(r); err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("%s: got %v\nwant %s", tt.body, err, tt.want)
		}
	}
}

func TestValidateNotApplicable(t *testing.T) {
	r := naRubricT(t)
	for _, tt := range []struct {
		id   string
		ans  Answer
		want string
	}{
		{"backup", Answer{NotApplicable: true, Reason: "no data yet"}, ""},
		{"backup", Answer{NotApplicable: true}, "say why it does not apply: a reason is needed"},
		{"backup", Answer{NotApplicable: true, Reason: "a\x1bb"}, "reason: text contains the control character"},
		{"runbook", Answer{NotApplicable: true, Reason: "x"}, `"runbook" does not offer "not applicable"`},
		{"runbook", Answer{Text: "yes", Reason: "x"}, `only a "not applicable" answer has a reason`},
	} {
		err := Validate(r.Question(tt.id), &tt.ans)
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%s %+v: %v", tt.id, tt.ans, err)
		case tt.want != "" && (err == nil || !strings.HasPrefix(err.Error(), tt.want)):
			t.Errorf("%s %+v: got %v, want %q", tt.id, tt.ans, err, tt.want)
		}
	}
}

// Free text is never scored, and a business-case figure is needed: the
// rubric cannot offer "not applicable" for either.
func TestNotApplicableWhereItCannotBe(t *testing.T) {
	for _, src := range []string{
		"id: x\ntitle: X\nversion: \"1\"\nsections:\n  - id: s\n    title: S\n    questions:\n      - {id: t, prompt: T?, kind: text, not_applicable: true}\n",
		"id: x\ntitle: X\nversion: \"1\"\nbusiness_case: {annual_benefit: b, one_off_cost: o, running_cost: r, horizon_years: h, assumed_adoption: a}\nsections:\n  - id: s\n    title: S\n    questions:\n      - {id: b, prompt: B?, kind: number, not_applicable: true}\n      - {id: o, prompt: O?, kind: number}\n      - {id: r, prompt: R?, kind: number}\n      - {id: h, prompt: H?, kind: number}\n      - {id: a, prompt: A?, kind: number}\n",
	} {
		_, err := questions.ParseBytes("x.yaml", []byte(src))
		if err == nil || !strings.Contains(err.Error(), "not_applicable") {
			t.Errorf("accepted, or another problem: %v", err)
		}
	}
}
