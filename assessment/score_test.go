package assessment

import (
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/vitals-dev/vitals/questions"
)

const testRubric = `
id: t
title: T
version: "1"
bands: {low: 70, medium: 40}
dont_know_score: 20
business_case: {annual_benefit: ben, one_off_cost: once, running_cost: run, horizon_years: hor, assumed_adoption: adopt}
sections:
  - id: a
    title: A
    weight: 3
    recommendations: {low: Keep going., medium: Watch it., high: Act now.}
    questions:
      - id: q1
        prompt: Q1?
        kind: single
        weight: 2
        options:
          - {value: good, label: Good, score: 100}
          - {value: bad, label: Bad, score: 10, flag: Bad thing., recommendation: Fix it.}
          - {value: awful, label: Awful, score: 0, flag: Awful thing., critical: true, recommendation: Stop.}
      - id: q2
        prompt: Q2?
        kind: yesno
        options:
          - {value: "yes", label: "Yes", score: 80}
          - {value: "no", label: "No", score: 0, recommendation: Say yes.}
      - id: q3
        prompt: Q3?
        kind: multi
        when: {question: q2, in: ["yes"]}
        options:
          - {value: x, label: X, score: 60, recommendation: Measure X monthly.}
          - {value: "y", label: "Y", score: 60, if_missing: Start doing Y.}
          - {value: none, label: Neither, score: 0, exclusive: true, recommendation: Start with X.}
  - id: b
    title: B
    weight: 1
    bands: {low: 90, medium: 50}
    questions:
      - {id: adopt, prompt: A?, kind: number, min: 0, max: 100, unit: "%", scoring: [{to: 80, score: 100}, {from: 80, score: 30, flag: High assumption.}]}
      - {id: ben, prompt: B?, kind: number, weight: 0}
      - {id: once, prompt: O?, kind: number, weight: 0}
      - {id: run, prompt: R?, kind: number, weight: 0}
      - {id: hor, prompt: H?, kind: number, weight: 0}
      - {id: s, prompt: S?, kind: scale, min: 1, max: 5}
      - {id: golive, prompt: G?, kind: date, weight: 0}
      - {id: review, prompt: R?, kind: date, relative_to: golive, scoring: [{to: 6, score: 100}, {from: 6, score: 20, flag: Late review.}]}
`

func testRubricT(t testing.TB) *questions.Rubric {
	t.Helper()
	r, err := questions.ParseBytes("t.yaml", []byte(testRubric))
	if err != nil {
		t.Fatalf("parse test rubric: %v", err)
	}
	return r
}

// answers builds an answers set from id → value, where a value is a string
// (single, yesno, date, text), []string (multi), float64 (number, scale) or
// nil for "don't know".
func answers(r *questions.Rubric, vals map[string]any) *Answers {
	a := New(r, "P", Respondent{}, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	for id, v := range vals {
		switch v := v.(type) {
		case nil:
			a.Answers[id] = &Answer{DontKnow: true}
		case string:
			a.Answers[id] = &Answer{Text: v}
		case []string:
			a.Answers[id] = &Answer{Choices: v}
		case float64:
			a.Answers[id] = &Answer{Number: v}
		}
	}
	return a
}

func TestScore(t *testing.T) {
	r := testRubricT(t)
	tests := []struct {
		name         string
		vals         map[string]any
		overall      float64
		risk         questions.Risk
		secA, secB   float64
		riskA, riskB questions.Risk
		forcedA      bool
		flags        []string
		unanswered   int
		dontKnow     int
		completeness float64
	}{
		{
			name: "all healthy",
			vals: map[string]any{"q1": "good", "q2": "yes", "q3": []string{"x", "y"}, "adopt": 50.0, "s": 5.0,
				"golive": "2026-01-01", "review": "2026-04-01", "ben": 1.0, "once": 1.0, "run": 1.0, "hor": 1.0},
			// a: (100×2 + 80 + min(120,100)) / 4 = 95; b: (100+100+100)/3 = 100
			// overall: (3×95 + 1×100) / 4 = 96.25 → 96.3
			overall: 96.3, risk: questions.RiskLow, secA: 95, secB: 100, riskA: questions.RiskLow, riskB: questions.RiskLow,
			completeness: 100,
		},
		{
			name: "critical flag, hidden question, don't know",
			vals: map[string]any{"q1": "awful", "q2": "no", "adopt": 90.0, "s": 3.0, "review": nil, "golive": "2026-01-01"},
			// a: (0×2 + 0) / 3 = 0; b: (30 + 50 + 20) / 3 = 33.3 (band b: below 50 is high)
			// overall: (3×0 + 1×33.3) / 4 = 8.325 → 8.3
			overall: 8.3, risk: questions.RiskHigh, secA: 0, secB: 33.3, riskA: questions.RiskHigh, riskB: questions.RiskHigh, forcedA: true,
			flags:      []string{"Awful thing.", "High assumption."},
			unanswered: 4, dontKnow: 1,
			// visible: q1 q2 adopt ben once run hor s golive review = 10 (q3 hidden); 6 answered incl. don't know
			completeness: 60,
		},
		{
			name: "critical flag forces a medium score to high",
			vals: map[string]any{"q1": "awful", "q2": "yes", "q3": []string{"x", "y"}},
			// a: (0 + 80 + 100) / 4 = 45 → medium by score, high by the flag; b unscored;
			// the overall band is raised to high by the critical flag too
			overall: 45, risk: questions.RiskHigh, secA: 45, riskA: questions.RiskHigh, forcedA: true,
			flags:      []string{"Awful thing."},
			unanswered: 8, completeness: 27.3, // 3 of 11 visible
		},
		{
			name: "unanswered questions are excluded, not averaged in",
			vals: map[string]any{"q2": "no"},
			// a: q2 alone = 0; b: nothing scored; overall = a
			overall: 0, risk: questions.RiskHigh, secA: 0, riskA: questions.RiskHigh,
			unanswered: 9, completeness: 10,
		},
		{
			name: "multi with nothing chosen scores 0",
			vals: map[string]any{"q1": "good", "q2": "yes", "q3": []string{}},
			// a: (200 + 80 + 0) / 4 = 70 → low (70 is the lowest low score)
			overall: 70, risk: questions.RiskLow, secA: 70, riskA: questions.RiskLow,
			unanswered: 8, completeness: 27.3,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := Score(r, answers(r, tt.vals))
			if got, want := res.Score, tt.overall; got != want {
				t.Errorf("overall = %v, want %v", got, want)
			}
			if got, want := res.Risk, tt.risk; got != want {
				t.Errorf("overall risk = %v, want %v", got, want)
			}
			a, b := res.Sections[0], res.Sections[1]
			if got, want := a.Score, tt.secA; got != want {
				t.Errorf("section a = %v, want %v", got, want)
			}
			if got, want := a.Risk, tt.riskA; got != want {
				t.Errorf("section a risk = %v, want %v", got, want)
			}
			if got, want := a.Forced, tt.forcedA; got != want {
				t.Errorf("section a forced = %v, want %v", got, want)
			}
			if tt.riskB != questions.RiskUnknown || b.Scored {
				if got, want := b.Score, tt.secB; got != want {
					t.Errorf("section b = %v, want %v", got, want)
				}
				if got, want := b.Risk, tt.riskB; got != want {
					t.Errorf("section b risk = %v, want %v", got, want)
				}
			}
			var flags []string
			for _, f := range res.Flags {
				flags = append(flags, f.Text)
			}
			if got, want := strings.Join(flags, "|"), strings.Join(tt.flags, "|"); got != want {
				t.Errorf("flags = %q, want %q", got, want)
			}
			if got, want := len(res.Unanswered), tt.unanswered; got != want {
				t.Errorf("unanswered = %d, want %d", got, want)
			}
			if got, want := len(res.DontKnow), tt.dontKnow; got != want {
				t.Errorf("don't know = %d, want %d", got, want)
			}
			if got, want := res.Completeness, tt.completeness; got != want {
				t.Errorf("completeness = %v, want %v", got, want)
			}
		})
	}
}

func TestScoreExplains(t *testing.T) {
	r := testRubricT(t)
	res := Score(r, answers(r, map[string]any{"q1": "bad", "q2": "yes", "q3": []string{"x", "y"}, "review": "2026-09-01", "golive": "2026-01-01", "s": 4.0}))
	want := map[string]string{
		"q1":     `"Bad" scores 10`,
		"q3":     `"X" 60 + "Y" 60, capped at 100`,
		"review": `8 months after the answer to "golive" is in the band 6 or more and scores 20`,
		"s":      "4 on a scale of 1 to 5 scores 75",
		"ben":    "not answered: left out of the score",
	}
	for _, s := range res.Sections {
		for _, q := range s.Questions {
			if w, ok := want[q.Question.ID]; ok {
				if got := q.Reason; got != w {
					t.Errorf("%s reason = %q, want %q", q.Question.ID, got, w)
				}
			}
		}
	}
}

func TestActionsByImpact(t *testing.T) {
	r := testRubricT(t)
	// q1 bad: section a share 3/4 (b scored too), q1 share 2/3 → (3/4)(2/3)(100−10) = 45
	// q2 no (with q3 hidden): (3/4)(1/3)(100) = 25
	res := Score(r, answers(r, map[string]any{"q1": "bad", "q2": "no", "s": 5.0}))
	acts := answerActions(MakePlan(res))
	if got, want := len(acts), 2; got != want {
		t.Fatalf("actions = %d, want %d", got, want)
	}
	if got, want := acts[0].Text, "Fix it."; got != want {
		t.Errorf("first action = %q, want %q", got, want)
	}
	if got, want := math.Round(acts[0].Impact*10)/10, 45.0; got != want {
		t.Errorf("first impact = %v, want %v", got, want)
	}
	if got, want := math.Round(acts[1].Impact*10)/10, 25.0; got != want {
		t.Errorf("second impact = %v, want %v", got, want)
	}
}

// answerActions are a plan's actions from answers, without settling the
// unknowns.
func answerActions(p *Plan) []PlanAction {
	var out []PlanAction
	for _, a := range p.Actions {
		if a.Kind != FindOut {
			out = append(out, a)
		}
	}
	return out
}

func TestMissingOptionAdvice(t *testing.T) {
	r := testRubricT(t)
	tests := []struct {
		name    string
		choices []string
		want    string  // the advice on q3, "" for none
		impact  float64 // overall points, one decimal
	}{
		// q3's share of section a is 1/4, a's share of the overall 3/4 (b
		// is scored too): Y is worth 60 of q3's points, (3/4)(1/4)(60) = 11.25.
		{"Y missing", []string{}, "Start doing Y.", 11.3},
		// X chosen: q3 scores 60 and loses 40; Y would recover them all.
		{"Y missing, X chosen", []string{"x"}, "Start doing Y.", 7.5},
		{"Y chosen", []string{"y"}, "", 0},
		// "Neither" is the answer's own advice, about all 100 points
		// (3/4)(1/4)(100) = 18.75; the advice for each missing practice
		// would repeat it, so it is not given.
		{"neither", []string{"none"}, "Start with X.", 18.8},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := Score(r, answers(r, map[string]any{"q1": "good", "q2": "yes", "q3": tt.choices, "s": 5.0}))
			p := MakePlan(res)
			var got []PlanAction
			for _, a := range answerActions(p) {
				if a.Question.ID == "q3" {
					got = append(got, a)
				}
			}
			switch {
			case tt.want == "" && len(got) > 0:
				t.Errorf("unexpected advice %q", got[0].Text)
			case tt.want != "" && len(got) != 1:
				t.Errorf("advice %+v, want only %q", got, tt.want)
			case len(got) == 1:
				if got[0].Text != tt.want || math.Round(got[0].Impact*10)/10 != tt.impact {
					t.Errorf("advice = %q (%v points), want %q (%v)", got[0].Text, got[0].Impact, tt.want, tt.impact)
				}
			}
			if tt.want == "" {
				return
			}
			// The next-step tip of a practice in place is shown with the
			// answer, not ranked as an action.
			if !slices.Contains(tt.choices, "x") {
				return
			}
			if !slices.ContainsFunc(p.NextSteps, func(n NextStep) bool { return n.Text == "Measure X monthly." }) {
				t.Errorf("the next-step tip of X is not kept with the answer: %+v", p.NextSteps)
			}
		})
	}
}

func TestSensitivity(t *testing.T) {
	r := testRubricT(t)
	base := map[string]any{"ben": 1_000_000.0, "once": 1_500_000.0, "run": 200_000.0, "hor": 3.0, "adopt": 90.0}
	res := Score(r, answers(r, base))
	s := res.BusinessCase
	if !s.Available {
		t.Fatalf("not available: missing %v, %s", s.Missing, s.Problem)
	}
	// cost 1.5M + 3×0.2M = 2.1M; break-even 2.1M / 3M = 70 %
	if got, want := s.BreakEven, 70.0; math.Abs(got-want) > 1e-9 {
		t.Errorf("break-even = %v, want %v", got, want)
	}
	if !s.Reachable {
		t.Error("break-even should be reachable")
	}
	type row struct{ adoption, net, roi, payback float64 }
	want := []row{
		{25, -1_350_000, -64.29, 360},
		{50, -600_000, -28.57, 60},
		{75, 150_000, 7.14, 1_500_000 / ((750_000.0 - 200_000) / 12)},
		{90, 600_000, 28.57, 1_500_000 / ((900_000.0 - 200_000) / 12)},
		{100, 900_000, 42.86, 22.5},
	}
	if got := len(s.Scenarios); got != len(want) {
		t.Fatalf("scenarios = %d, want %d", got, len(want))
	}
	for i, w := range want {
		sc := s.Scenarios[i]
		if sc.Adoption != w.adoption || math.Abs(sc.Net-w.net) > 1e-6 || math.Abs(sc.ROI-w.roi) > 0.01 || math.Abs(sc.PaybackMonths-w.payback) > 1e-6 || !sc.Pays {
			t.Errorf("scenario %d = %+v, want %+v", i, sc, w)
		}
		if got, want := sc.Assumed, w.adoption == 90; got != want {
			t.Errorf("scenario %v assumed = %v, want %v", w.adoption, got, want)
		}
	}
	if got := s.Summary(); !strings.Contains(got, "breaks even at 70% adoption; it assumes 90%") {
		t.Errorf("summary = %q", got)
	}

	t.Run("unreachable", func(t *testing.T) {
		vals := map[string]any{"ben": 500_000.0, "once": 1_500_000.0, "run": 200_000.0, "hor": 3.0}
		s := Score(r, answers(r, vals)).BusinessCase
		if got, want := s.BreakEven, 140.0; math.Abs(got-want) > 1e-9 || s.Reachable {
			t.Errorf("break-even = %v reachable %v, want %v unreachable", got, s.Reachable, want)
		}
		// 25 %: benefit 125k a year never covers 200k running cost
		if s.Scenarios[0].Pays {
			t.Error("25% should never pay back")
		}
		if len(s.Scenarios) != 4 {
			t.Errorf("without an assumed adoption there are 4 scenarios, got %d", len(s.Scenarios))
		}
	})
	t.Run("missing input", func(t *testing.T) {
		vals := map[string]any{"once": 1.0, "run": nil, "hor": 3.0}
		s := Score(r, answers(r, vals)).BusinessCase
		if s.Available {
			t.Fatal("available without benefit and running cost")
		}
		var ids []string
		for _, q := range s.Missing {
			ids = append(ids, q.ID)
		}
		if got, want := strings.Join(ids, ","), "ben,run"; got != want {
			t.Errorf("missing = %s, want %s", got, want)
		}
	})
	t.Run("zero cost and zero horizon", func(t *testing.T) {
		s := Score(r, answers(r, map[string]any{"ben": 10.0, "once": 0.0, "run": 0.0, "hor": 2.0})).BusinessCase
		if !s.Available || s.BreakEven != 0 || !s.Reachable || s.Scenarios[0].HasROI {
			t.Errorf("zero cost: %+v", s)
		}
		s = Score(r, answers(r, map[string]any{"ben": 10.0, "once": 1.0, "run": 1.0, "hor": 0.0})).BusinessCase
		if s.Available || s.Problem == "" {
			t.Errorf("zero horizon should be a problem: %+v", s)
		}
	})
}

func TestScoreIndependentOfOrder(t *testing.T) {
	r := testRubricT(t)
	vals := map[string]any{"q1": "bad", "q2": "yes", "q3": []string{"y", "x"}, "adopt": 85.0, "s": 2.0, "ben": 5.0, "once": 3.0, "run": 1.0, "hor": 2.0}
	a := answers(r, vals)
	// Round-trip through the file format, which sorts everything.
	f, err := Decode("a.yaml", a.Marshal(r))
	if err != nil {
		t.Fatal(err)
	}
	b, _, err := f.Check(r)
	if err != nil {
		t.Fatal(err)
	}
	x, y := Score(r, a), Score(r, b)
	if x.Score != y.Score || len(x.Flags) != len(y.Flags) || len(MakePlan(x).Actions) != len(MakePlan(y).Actions) {
		t.Errorf("scores differ after a round trip: %v vs %v", x.Score, y.Score)
	}
	for i := range x.Sections {
		if x.Sections[i].Score != y.Sections[i].Score {
			t.Errorf("section %d: %v vs %v", i, x.Sections[i].Score, y.Sections[i].Score)
		}
	}
}

func TestMonths(t *testing.T) {
	day := func(s string) time.Time {
		d, err := time.Parse(DateLayout, s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	tests := []struct {
		a, b string
		want float64
	}{
		{"2026-01-01", "2026-07-01", 6},
		{"2026-07-01", "2026-01-01", -6},
		// Six calendar months, whatever their lengths (182 and 184 days).
		{"2026-12-01", "2027-06-01", 6},
		{"2026-03-01", "2026-09-01", 6},
		{"2026-01-31", "2026-02-28", 1}, // the month's last day
		{"2026-03-01", "2026-03-16", 15.0 / 31},
		{"2026-01-01", "2400-01-01", 374 * 12}, // beyond what a time.Duration can hold
		{"0001-01-01", "9999-12-31", 9999*12 - 1.0/31},
	}
	for _, tt := range tests {
		if got := Months(day(tt.a), day(tt.b)); math.Abs(got-tt.want) > 1e-9 {
			t.Errorf("Months(%s, %s) = %v, want about %v", tt.a, tt.b, got, tt.want)
		}
	}
}

// The summary's numbers are the ones the report prints (one decimal) and
// its verdict follows from them.
func TestSensitivitySummary(t *testing.T) {
	r := testRubricT(t)
	tests := []struct {
		name string
		vals map[string]any
		want string
	}{
		{"margin to one decimal", map[string]any{"ben": 6_000_000.0, "once": 1_500_000.0, "run": 250_000.0, "hor": 5.0, "adopt": 74.96},
			// cost 2.75M over a 30M full benefit: 9.1666… %
			"The case breaks even at 9.2% adoption; it assumes 75%, so the margin is 65.8 points."},
		{"equal once rounded", map[string]any{"ben": 1_000_000.0, "once": 250_000.4, "run": 0.0, "hor": 1.0, "adopt": 25.0001},
			"The case breaks even at 25% adoption, exactly the adoption it assumes: no margin at all."},
		{"loses money", map[string]any{"ben": 1_000_000.0, "once": 967_000.0, "run": 0.0, "hor": 1.0, "adopt": 95.0},
			"The case assumes 95% adoption but needs 96.7% just to break even: it loses money as planned."},
		{"nothing at all", map[string]any{"ben": 0.0, "once": 0.0, "run": 0.0, "hor": 3.0, "adopt": 70.0},
			"With no cost and no benefit entered, there is nothing to pay back."},
		{"no benefit", map[string]any{"ben": 0.0, "once": 10.0, "run": 0.0, "hor": 3.0},
			"With no benefit, the project never pays back at any adoption level."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := Score(r, answers(r, tt.vals)).BusinessCase
			if got := s.Summary(); got != tt.want {
				t.Errorf("summary = %q\nwant      %q", got, tt.want)
			}
		})
	}
}

func TestValidateDateMessages(t *testing.T) {
	r := testRubricT(t)
	q := r.Question("golive")
	for in, want := range map[string]string{
		"2027-02-30": "2027-02-30 is not a day of the calendar",
		"30/02/2027": `"30/02/2027" is not a date; enter it as YYYY-MM-DD, for example 2026-09-30`,
	} {
		if err := Validate(q, &Answer{Text: in}); err == nil || err.Error() != want {
			t.Errorf("Validate(%q) = %v, want %q", in, err, want)
		}
	}
}
