package assessment

import (
	"fmt"
	"testing"
	"time"

	"github.com/vitals-dev/vitals/questions"
)

const rulesRubric = `id: ops-review
title: Operational review
version: "1"
sections:
  - id: ops
    title: Operations
    weight: 1
    questions:
      - id: practices
        prompt: Which practices are in place?
        kind: multi
        options:
          - {value: a, label: A, if_missing: Start A.}
          - {value: b, label: B}
          - {value: c, label: C}
          - {value: d, label: D}
          - {value: e, label: E}
          - {value: f, label: F}
        rules:
          - when: {all: [a, b, c]}
            score: 100
            risk: low
          - when: {all: [a], none: [b]}
            score: 50
            risk: medium
            recommendation: Add B to A.
          - when: {any: [d, e], not: {any: [a]}}
            score: 30
            risk: medium
          - when: {none: [a, b, c, d, e]}
            score: 0
            risk: high
            flag: None of the practices that matter is in place.
          - score: 20
            risk: high
`

// Every one of the 64 answers of a six-option question with five rules
// gets the score, risk and rule that the rules, read by hand, give.
func TestRulesEveryCombination(t *testing.T) {
	r, err := questions.ParseBytes("ops.yaml", []byte(rulesRubric))
	if err != nil {
		t.Fatal(err)
	}
	q := r.Question("practices")
	// The rules as a reader would apply them, written independently.
	expect := func(has map[string]bool) (rule int, score float64, risk questions.Risk) {
		a, b, c, d, e := has["a"], has["b"], has["c"], has["d"], has["e"]
		switch {
		case a && b && c:
			return 1, 100, "low"
		case a && !b:
			return 2, 50, "medium"
		case (d || e) && !a:
			return 3, 30, "medium"
		case !a && !b && !c && !d && !e:
			return 4, 0, "high"
		}
		return 5, 20, "high"
	}
	seen := map[int]int{}
	for mask := range 1 << len(q.Options) {
		has := map[string]bool{}
		var chosen []string
		for i, o := range q.Options {
			if mask&(1<<i) != 0 {
				has[o.Value] = true
				chosen = append(chosen, o.Value)
			}
		}
		a := New(r, "P", Respondent{}, time.Now())
		a.Answers["practices"] = &Answer{Choices: chosen}
		res := Score(r, a)
		qr := res.Sections[0].Questions[0]
		rule, score, risk := expect(has)
		seen[rule]++
		if qr.Rule != rule || qr.Score != score || qr.Risk != risk || !qr.Scored {
			t.Errorf("%v: rule %d, score %v, risk %q; want rule %d, %v, %q", chosen, qr.Rule, qr.Score, qr.Risk, rule, score, risk)
		}
		if want := fmt.Sprintf("rule %d (", rule); len(qr.Reason) < len(want) || qr.Reason[:len(want)] != want {
			t.Errorf("%v: reason %q does not name the rule that decided", chosen, qr.Reason)
		}
		if rule == 4 && len(qr.Flags) != 1 {
			t.Errorf("%v: flags %v, want the rule's flag", chosen, qr.Flags)
		}
	}
	for rule := 1; rule <= 5; rule++ {
		if seen[rule] == 0 {
			t.Errorf("no answer is decided by rule %d: the test does not cover it", rule)
		}
	}
}

// The points a rule loses are under the plan's actions: the rule's own
// advice, or the missing practices' if_missing shared out; nothing is a
// gap when advice exists.
func TestRulesPlanCarriesTheLostPoints(t *testing.T) {
	r, err := questions.ParseBytes("ops.yaml", []byte(rulesRubric))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		chosen []string
		action map[string]float64 // text: impact in points of 100
	}{
		{[]string{"a"}, map[string]float64{"Add B to A.": 50}},   // rule 2 advises
		{[]string{"d"}, map[string]float64{"Start A.": 70}},      // rule 3 has none: A's if_missing
		{[]string{"a", "b", "c"}, map[string]float64{}},          // nothing lost
		{[]string{"b", "f"}, map[string]float64{"Start A.": 80}}, // the default
	} {
		a := New(r, "P", Respondent{}, time.Now())
		a.Answers["practices"] = &Answer{Choices: tc.chosen}
		p := MakePlan(Score(r, a))
		got := map[string]float64{}
		for _, act := range p.Actions {
			got[act.Text] += Round1(act.Impact)
		}
		if fmt.Sprint(got) != fmt.Sprint(tc.action) || len(p.Gaps) != 0 {
			t.Errorf("%v: actions %v, gaps %v; want %v and no gap", tc.chosen, got, p.Gaps, tc.action)
		}
	}
}

// A question with "when: {not_in: [...]}" is asked when none of those
// options is chosen, and only once its question is answered.
func TestVisibleNotIn(t *testing.T) {
	r, err := questions.ParseBytes("c.yaml", []byte(`id: c
title: C
version: "1"
sections:
  - id: s
    title: S
    questions:
      - id: hosting
        prompt: Where does it run?
        kind: multi
        options:
          - {value: cloud, label: Cloud, score: 100}
          - {value: onprem, label: On premises, score: 100}
          - {value: hybrid, label: Hybrid, score: 100}
      - id: exit
        prompt: Is there an exit plan from the provider?
        kind: yesno
        when: {question: hosting, in: [cloud, hybrid], not_in: [onprem]}
        options: [{value: "yes", label: "Yes", score: 100}, {value: "no", label: "No", score: 0}]
      - id: racks
        prompt: Who maintains the racks?
        kind: text
        when: {question: hosting, not_in: [cloud]}
`))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		chosen      []string // nil: unanswered
		exit, racks bool
	}{
		{nil, false, false},
		{[]string{"cloud"}, true, false},
		{[]string{"hybrid"}, true, true},
		{[]string{"cloud", "onprem"}, false, false},
		{[]string{"onprem"}, false, true},
	} {
		a := New(r, "P", Respondent{}, time.Now())
		if tc.chosen != nil {
			a.Answers["hosting"] = &Answer{Choices: tc.chosen}
		}
		vis := Visibility(r, a)
		if vis["exit"] != tc.exit || vis["racks"] != tc.racks {
			t.Errorf("%v: exit %v, racks %v; want %v, %v", tc.chosen, vis["exit"], vis["racks"], tc.exit, tc.racks)
		}
	}
}

// Tags set by an answer ask or hide the questions after it that name
// them; a "don't know" or a hidden question sets none.
func TestVisibleByTags(t *testing.T) {
	r, err := questions.ParseBytes("t.yaml", []byte(`id: t
title: T
version: "1"
tags: [cloud, regulated]
sections:
  - id: s
    title: S
    questions:
      - id: hosting
        prompt: Where does it run?
        kind: single
        options:
          - {value: cloud, label: Cloud, score: 100, tags: [cloud]}
          - {value: onprem, label: On premises, score: 100}
      - id: sector
        prompt: Which sector?
        kind: multi
        options:
          - {value: bank, label: Banking, score: 100, tags: [regulated]}
          - {value: retail, label: Retail, score: 100}
      - id: exit
        prompt: Is there an exit plan from the provider?
        kind: text
        include_tags: [cloud]
      - id: quick
        prompt: Can it ship without an audit?
        kind: text
        exclude_tags: [regulated]
`))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		hosting     *Answer
		sector      []string
		exit, quick bool
	}{
		{nil, nil, false, true},
		{&Answer{Text: "cloud"}, nil, true, true},
		{&Answer{DontKnow: true}, nil, false, true},
		{&Answer{Text: "onprem"}, []string{"bank"}, false, false},
		{&Answer{Text: "cloud"}, []string{"retail", "bank"}, true, false},
	} {
		a := New(r, "P", Respondent{}, time.Now())
		if tc.hosting != nil {
			a.Answers["hosting"] = tc.hosting
		}
		if tc.sector != nil {
			a.Answers["sector"] = &Answer{Choices: tc.sector}
		}
		vis := Visibility(r, a)
		if vis["exit"] != tc.exit || vis["quick"] != tc.quick {
			t.Errorf("hosting %+v, sector %v: exit %v, quick %v; want %v, %v", tc.hosting, tc.sector, vis["exit"], vis["quick"], tc.exit, tc.quick)
		}
	}
}

// "when: {…, not: true}" asks the question when the answer does not
// match: outside the range, or none of the options; never when the
// question it names is unanswered.
func TestVisibleNot(t *testing.T) {
	r, err := questions.ParseBytes("n.yaml", []byte(`id: n
title: N
version: "1"
sections:
  - id: s
    title: S
    questions:
      - id: users
        prompt: How many users?
        kind: number
        weight: 0
      - id: hosting
        prompt: Where does it run?
        kind: single
        options:
          - {value: cloud, label: Cloud, score: 100}
          - {value: onprem, label: On premises, score: 100}
      - id: odd-size
        prompt: Why so few or so many?
        kind: text
        when: {question: users, from: 10, to: 5000, not: true}
      - id: racks
        prompt: Who maintains the racks?
        kind: text
        when: {question: hosting, in: [cloud], not: true}
`))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		users         *Answer
		hosting       *Answer
		oddSize, rack bool
	}{
		{nil, nil, false, false},
		{&Answer{Number: 200}, &Answer{Text: "cloud"}, false, false},
		{&Answer{Number: 5}, &Answer{Text: "onprem"}, true, true},
		{&Answer{Number: 5000}, nil, true, false},
		{&Answer{DontKnow: true}, &Answer{DontKnow: true}, false, false},
	} {
		a := New(r, "P", Respondent{}, time.Now())
		if tc.users != nil {
			a.Answers["users"] = tc.users
		}
		if tc.hosting != nil {
			a.Answers["hosting"] = tc.hosting
		}
		vis := Visibility(r, a)
		if vis["odd-size"] != tc.oddSize || vis["racks"] != tc.rack {
			t.Errorf("users %+v, hosting %+v: odd-size %v, racks %v; want %v, %v", tc.users, tc.hosting, vis["odd-size"], vis["racks"], tc.oddSize, tc.rack)
		}
	}
}
