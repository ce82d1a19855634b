package workshop

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/vitals-dev/vitals/assessment"
	"github.com/vitals-dev/vitals/questions"
)

// scale is the ordered scale a question's answers are placed on to
// measure agreement:
//
//   - a scale question: its points, min to max;
//   - single choice and yes/no: the options ordered by score, options of
//     the same score sharing a position (they say the same about risk);
//   - numbers and dates scored in bands: the bands ordered by score;
//   - multiple choice: the answer's score on 0 to 100 (consensus only:
//     the share who ticked each option is shown beside it; agreement A
//     needs categories, which sums of options are not);
//
// Questions that are not scored (numbers of the business case, text) are
// not measured: their numbers get a median and a range instead.
type scale struct {
	positions   []float64
	width       float64
	categorical bool
	levels      []float64 // scores of the levels, for options and bands
	multi       bool
}

func newScale(q *questions.Question) *scale {
	sc := &scale{}
	if !q.Scored() {
		return sc
	}
	switch q.Kind {
	case questions.Scale:
		if q.Min == nil || q.Max == nil {
			return sc
		}
		for x := *q.Min; x <= *q.Max; x++ {
			sc.positions = append(sc.positions, x)
		}
		sc.width, sc.categorical = *q.Max-*q.Min, true
	case questions.Single, questions.YesNo:
		for _, o := range q.Options {
			sc.levels = append(sc.levels, o.Score)
		}
		sc.setLevels()
	case questions.Number, questions.Date:
		for _, b := range q.Scoring {
			sc.levels = append(sc.levels, b.Score)
		}
		sc.setLevels()
	case questions.Multi:
		sc.multi, sc.width = true, 100
	}
	return sc
}

func (sc *scale) setLevels() {
	slices.Sort(sc.levels)
	sc.levels = slices.Compact(sc.levels)
	for i := range sc.levels {
		sc.positions = append(sc.positions, float64(i))
	}
	if len(sc.levels) > 1 {
		sc.width, sc.categorical = float64(len(sc.levels)-1), true
	}
}

// position places a real answer on the scale.
func (sc *scale) position(q *questions.Question, qr *assessment.QuestionResult, a *assessment.Answers) (float64, bool) {
	if sc.width == 0 || !qr.Scored {
		return 0, false
	}
	switch {
	case sc.multi:
		if !slices.Contains(sc.positions, qr.Score) {
			// Positions of a multiple choice are the scores met so far,
			// kept sorted.
			sc.positions = append(sc.positions, qr.Score)
			slices.Sort(sc.positions)
		}
		return qr.Score, true
	case q.Kind == questions.Scale:
		return qr.Answer.Number, true
	case q.Kind == questions.Single || q.Kind == questions.YesNo:
		o := q.Option(qr.Answer.Text)
		if o == nil {
			return 0, false
		}
		return sc.level(o.Score)
	default:
		_, b, ok := assessment.Measured(q, qr.Answer, a)
		if !ok || b == nil {
			return 0, false
		}
		return sc.level(b.Score)
	}
}

func (sc *scale) level(score float64) (float64, bool) {
	i := slices.Index(sc.levels, score)
	return float64(i), i >= 0
}

// index is the index of a position in positions.
func (sc *scale) index(pos float64) int {
	i, _ := slices.BinarySearch(sc.positions, pos)
	return i
}

// tally counts the answers over the question's points. Every point of
// the scale is listed, answered or not, so that readers see the whole
// scale and how far apart the answers are.
func (sc *scale) tally(q *questions.Question, real []entry, named bool, g *Group) []Point {
	var pts []Point
	add := func(label, value string, match func(e entry) bool) {
		p := Point{Label: label, Value: value}
		for _, e := range real {
			if match(e) {
				p.Count++
				if named {
					p.Who = append(p.Who, g.who(e.m))
				}
			}
		}
		slices.Sort(p.Who)
		pts = append(pts, p)
	}
	switch q.Kind {
	case questions.Single, questions.YesNo:
		opts := slices.Clone(q.Options)
		if q.Scored() {
			slices.SortStableFunc(opts, func(x, y *questions.Option) int { return cmp.Compare(x.Score, y.Score) })
		}
		for _, o := range opts {
			add(o.Label, o.Value, func(e entry) bool { return e.qr.Answer.Text == o.Value })
		}
	case questions.Multi:
		for _, o := range q.Options {
			add(o.Label, o.Value, func(e entry) bool { return slices.Contains(e.qr.Answer.Choices, o.Value) })
		}
	case questions.Scale:
		if q.Min == nil || q.Max == nil {
			return nil
		}
		for x := *q.Min; x <= *q.Max; x++ {
			label := assessment.FormatNumber(x)
			switch {
			case x == *q.Min && q.LowLabel != "":
				label += " (" + q.LowLabel + ")"
			case x == *q.Max && q.HighLabel != "":
				label += " (" + q.HighLabel + ")"
			}
			add(label, assessment.FormatNumber(x), func(e entry) bool { return e.qr.Answer.Number == x })
		}
	case questions.Number, questions.Date:
		if !q.Scored() {
			return nil
		}
		bands := slices.Clone(q.Scoring)
		slices.SortStableFunc(bands, func(x, y *questions.ScoreBand) int { return cmp.Compare(x.Score, y.Score) })
		for _, b := range bands {
			add(bandLabel(q, b), "", func(e entry) bool {
				_, got, ok := assessment.Measured(q, e.qr.Answer, e.m.Answers)
				return ok && got == b
			})
		}
	}
	return pts
}

// side is the tally of some of the answers, with the roles behind them in
// named mode.
func (sc *scale) side(label string, es []entry, named bool, g *Group) Side {
	s := Side{Label: label, Count: len(es)}
	for _, p := range sc.tally(g.questionOf(es), es, named, g) {
		if p.Count > 0 {
			s.Points = append(s.Points, p)
		}
	}
	if !named {
		return s
	}
	roles := map[string]int{}
	for _, e := range es {
		s.Who = append(s.Who, g.who(e.m))
		role := strings.ToLower(strings.TrimSpace(e.m.Answers.Respondent.Role))
		if role == "" {
			role = "no role given"
		}
		roles[role]++
	}
	slices.Sort(s.Who)
	for role, n := range roles {
		if n > 1 {
			role = fmt.Sprintf("%s ×%d", role, n)
		}
		s.Roles = append(s.Roles, role)
	}
	slices.Sort(s.Roles)
	return s
}

// questionOf is the question some entries answer.
func (g *Group) questionOf(es []entry) *questions.Question {
	return es[0].qr.Question
}

// bandLabel words a scoring band: "under 50%", "50 to under 75%", "75% or
// more"; dates in months after their reference.
func bandLabel(q *questions.Question, b *questions.ScoreBand) string {
	unit := ""
	switch {
	case q.Kind == questions.Date:
		unit = " months"
	case q.Unit == "%":
		unit = "%"
	case q.Unit != "":
		unit = " " + q.Unit
	}
	f := func(p *float64) string { return assessment.FormatNumber(*p) }
	switch {
	case b.From != nil && b.To != nil:
		return f(b.From) + " to under " + f(b.To) + unit
	case b.From != nil:
		return f(b.From) + unit + " or more"
	case b.To != nil:
		return "under " + f(b.To) + unit
	}
	return "any value"
}
