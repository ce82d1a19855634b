package assessment

import (
	"cmp"
	"math"
	"slices"

	"github.com/vitals-dev/vitals/questions"
)

// ActionKind says where an action's advice comes from.
type ActionKind int

// The kinds of action.
const (
	// FromAnswer is the advice of the option or band the answer chose.
	FromAnswer ActionKind = iota
	// FromMissing is the if_missing advice of a good practice a
	// multiple-choice answer left out.
	FromMissing
	// FindOut is settling what is not known: the "don't know" answers and
	// the questions left open.
	FindOut
)

// FindOutID is the id of the action that settles the unknowns. It cannot
// clash with a question id, which must start with a letter or a digit.
const FindOutID = "_unknowns"

// PlanAction is one thing to do, with the points of the overall score it
// stands to win back measured against the full weights of the rubric: a
// question's part of the overall score does not grow because other
// questions were left unanswered.
type PlanAction struct {
	// ID is stable across runs: the question id for the advice of an
	// answer, "question/option" for a missing practice, FindOutID for the
	// unknowns. Reports and diffs use it instead of a rank.
	ID       string
	Kind     ActionKind
	Section  *questions.Section
	Question *questions.Question // nil for FindOut
	Option   *questions.Option   // the option whose advice it is; nil for bands and FindOut
	Text     string              // empty for FindOut: reports word it
	// Impact is the points lost now that the action is about.
	Impact float64
	// Stake is what the action is ranked by: its Impact, except for
	// FindOut, where it is every point that rests on unknown answers
	// (their lost points and the weight of the open questions).
	Stake float64
}

// Gap is a question that loses points without advice from the rubric.
type Gap struct {
	Section  *questions.Section
	Question *questions.Question
	Points   float64
}

// NextStep is the advice for a practice already in place: it wins back no
// points, so it is not ranked with the actions.
type NextStep struct {
	Section  *questions.Section
	Question *questions.Question
	Option   *questions.Option // nil for a band
	Text     string
}

// QuestionPoints is a question's part of the overall score against the
// full weights: Earned + Lost + Unknown is its full share of 100 points.
type QuestionPoints struct {
	Full, Earned, Lost, Unknown float64
}

// Plan accounts for every point of the overall score against the full
// weights of the rubric (every question asked counts with its weight,
// answered or not): the points earned, the points lost, each lost point
// under an action or a gap, and the points that rest on what is not known.
// Earned + Lost + Unknown = 100 when anything was asked; the impacts of
// the actions plus the gaps add up to Lost.
type Plan struct {
	Earned, Lost, Unknown float64
	// DontKnowLost is the part of Lost that "don't know" answers cost.
	DontKnowLost float64
	Actions      []PlanAction // highest stake first, then rubric order
	Gaps         []Gap        // in rubric order
	NextSteps    []NextStep   // in rubric order
	// Points holds each asked question's points, by question id.
	Points map[string]QuestionPoints
	// Asked, Known, DontKnow and Open count the questions asked: Known
	// have a real answer ("not applicable" with its reason is one),
	// DontKnow say "don't know", Open have none.
	Asked, Known, DontKnow, Open int
}

// KnownPercent is the share of the questions asked that have a real
// answer: "don't know" is not known.
func (p *Plan) KnownPercent() float64 {
	if p.Asked == 0 {
		return 0
	}
	return Round1(100 * float64(p.Known) / float64(p.Asked))
}

// AnsweredPercent is the share of the questions asked that have an
// answer, "don't know" included.
func (p *Plan) AnsweredPercent() float64 {
	if p.Asked == 0 {
		return 0
	}
	return Round1(100 * float64(p.Known+p.DontKnow) / float64(p.Asked))
}

// FindOut returns the action that settles the unknowns, or nil.
func (p *Plan) FindOut() *PlanAction {
	for i := range p.Actions {
		if p.Actions[i].Kind == FindOut {
			return &p.Actions[i]
		}
	}
	return nil
}

// MakePlan works out the plan of a scored result.
func MakePlan(res *Result) *Plan {
	p := &Plan{Points: map[string]QuestionPoints{}}
	// Full weights: every section with a question that could score, and
	// within it every such question that is asked and applies.
	sectionTotal := 0.0
	weights := make([]float64, len(res.Sections))
	for i, sr := range res.Sections {
		for _, qr := range sr.Questions {
			if qr.Status != Hidden && qr.Status != NotApplicable && qr.Question.Scored() {
				weights[i] += qr.Question.Weight
			}
		}
		if weights[i] > 0 {
			sectionTotal += sr.Section.Weight
		}
	}
	findOut := PlanAction{ID: FindOutID, Kind: FindOut}
	for i, sr := range res.Sections {
		for _, qr := range sr.Questions {
			if qr.Status == Hidden {
				continue
			}
			p.Asked++
			switch qr.Status {
			case DontKnow:
				p.DontKnow++
			case Unanswered:
				p.Open++
			default:
				p.Known++
			}
			q := qr.Question
			if qr.Status == NotApplicable || !q.Scored() || weights[i] == 0 || sectionTotal == 0 {
				continue
			}
			full := 100 * sr.Section.Weight / sectionTotal * q.Weight / weights[i]
			pts := QuestionPoints{Full: full}
			if !qr.Scored {
				pts.Unknown = full
				p.Unknown += full
				findOut.Stake += full
				p.Points[q.ID] = pts
				continue
			}
			pts.Earned = full * qr.Score / 100
			pts.Lost = full * (100 - qr.Score) / 100
			p.Earned += pts.Earned
			p.Lost += pts.Lost
			p.Points[q.ID] = pts
			if qr.Status == DontKnow {
				p.DontKnowLost += pts.Lost
				findOut.Impact += pts.Lost
				findOut.Stake += full
				continue
			}
			p.allocate(sr.Section, qr, full, res.Answers)
		}
	}
	if findOut.Stake > 0 {
		p.Actions = append(p.Actions, findOut)
	}
	// Stable: equal stakes keep rubric order, and the unknowns, appended
	// last, come after an action of the same weight.
	slices.SortStableFunc(p.Actions, func(x, y PlanAction) int { return cmp.Compare(y.Stake, x.Stake) })
	return p
}

// allocate shares a question's lost points among the advice its answer
// calls for; what no advice covers is a gap. full is the question's part
// of the overall score, so points of the question's 0–100 score times
// full/100 are points of the overall score.
func (p *Plan) allocate(s *questions.Section, qr QuestionResult, full float64, a *Answers) {
	q, ans := qr.Question, qr.Answer
	lost := 100 - qr.Score
	rem := lost
	act := func(kind ActionKind, o *questions.Option, text string, points float64) {
		if points <= 0 || text == "" {
			return
		}
		id := q.ID
		if kind == FromMissing {
			id += "/" + o.Value
		}
		impact := full * points / 100
		p.Actions = append(p.Actions, PlanAction{ID: id, Kind: kind, Section: s, Question: q, Option: o, Text: text, Impact: impact, Stake: impact})
		rem -= points
	}
	next := func(o *questions.Option, text string) {
		if text != "" {
			p.NextSteps = append(p.NextSteps, NextStep{Section: s, Question: q, Option: o, Text: text})
		}
	}
	switch BasisOf(q) {
	case ByOption:
		if o := q.Option(ans.Text); o != nil {
			if lost > 0 {
				act(FromAnswer, o, o.Recommendation, lost)
			} else {
				next(o, o.Recommendation)
			}
		}
	case ByOptions:
		chosen := func(o *questions.Option) bool { return slices.Contains(ans.Choices, o.Value) }
		if len(q.Rules) > 0 {
			// The rule that decided speaks for the lost points; the
			// missing practices' advice shares what it leaves (all of
			// them when it has no advice) and is a next step otherwise.
			if rule, _ := q.RuleFor(ans.Choices); rule != nil {
				if lost > 0 {
					act(FromAnswer, nil, rule.Recommendation, lost)
				} else {
					next(nil, rule.Recommendation)
				}
			}
			var missing []*questions.Option
			for _, o := range q.Options {
				switch {
				case chosen(o):
					next(o, o.Recommendation)
				case o.IfMissing != "":
					missing = append(missing, o)
				}
			}
			share := rem / float64(max(1, len(missing)))
			for _, o := range missing {
				if share > 0 {
					act(FromMissing, o, o.IfMissing, share)
				} else {
					next(o, o.IfMissing)
				}
			}
			break
		}
		if ex := q.ExclusiveOption(); ex != nil && chosen(ex) {
			// "None of these" says where to start: its advice is the
			// question's action, whatever the option scores.
			act(FromAnswer, ex, ex.Recommendation, lost)
			break
		}
		var zero []*questions.Option
		for _, o := range q.Options { // rubric order, whatever the answer order
			switch {
			case chosen(o) && o.Score == 0:
				zero = append(zero, o)
			case chosen(o):
				next(o, o.Recommendation)
			default:
				act(FromMissing, o, o.IfMissing, math.Min(o.Score, rem))
			}
		}
		// A chosen option that earns nothing speaks for what is left.
		for _, o := range zero {
			if rem > 0 {
				act(FromAnswer, o, o.Recommendation, rem)
			} else {
				next(o, o.Recommendation)
			}
		}
	case ByMeasure:
		if b := band(q, ans, a); b != nil {
			if lost > 0 {
				act(FromAnswer, nil, b.Recommendation, lost)
			} else {
				next(nil, b.Recommendation)
			}
		}
	}
	if rem > 1e-9 {
		p.Gaps = append(p.Gaps, Gap{Section: s, Question: q, Points: full * rem / 100})
	}
}

// band returns the scoring band a number, scale or date answer falls in,
// found as Score finds it, or nil for a scale scored without bands.
func band(q *questions.Question, ans *Answer, a *Answers) *questions.ScoreBand {
	x, _, ok := measure(q, ans, a)
	if !ok {
		return nil
	}
	for _, b := range q.Scoring {
		if b.Contains(x) {
			return b
		}
	}
	return nil
}

// Weakest returns the sections a reader should look at first, lowest score
// first: every scored section at the worst risk any of them is in when that
// is medium or high, else the lowest-scoring sections. A good average never
// hides the weakest sign.
func Weakest(res *Result) []*SectionResult {
	worst := 0
	for _, sr := range res.Sections {
		if sr.Scored {
			worst = max(worst, sr.Risk.Rank())
		}
	}
	var out []*SectionResult
	for i := range res.Sections {
		if sr := &res.Sections[i]; sr.Scored && sr.Risk.Rank() == worst {
			out = append(out, sr)
		}
	}
	slices.SortStableFunc(out, func(x, y *SectionResult) int { return cmp.Compare(x.Score, y.Score) })
	if worst <= 1 && len(out) > 0 {
		n := 1
		for n < len(out) && out[n].Score == out[0].Score {
			n++
		}
		out = out[:n]
	}
	return out
}

// Measured returns the number a scale, number or date answer is scored on
// (for a date, months after its reference date) and the scoring band it
// falls in; ok is false when it cannot be measured, b is nil when no band
// holds it or the question has none.
func Measured(q *questions.Question, ans *Answer, a *Answers) (x float64, b *questions.ScoreBand, ok bool) {
	x, _, ok = measure(q, ans, a)
	if !ok {
		return 0, nil, false
	}
	return x, band(q, ans, a), true
}
