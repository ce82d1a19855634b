package workshop

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/vitals-dev/vitals/assessment"
	"github.com/vitals-dev/vitals/internal/printable"
	"github.com/vitals-dev/vitals/questions"
)

// SplitConsensus is the consensus below which a question is a split room:
// on a five-point scale, three answers at one end and two at the other
// give 0.03, answers one point apart 0.7 to 0.8.
const SplitConsensus = 0.6

// RoleGapPoints is the smallest difference between two role groups'
// scores of a section that the report calls a gap.
const RoleGapPoints = 15.0

// Class is what the room's answers to a question amount to.
type Class int

// The classes, from the least to the most in need of discussion.
const (
	NotCompared Class = iota // fewer than two answers, or nothing to compare
	AgreedFine               // the room agrees, on a healthy answer
	AgreedRisk               // the room agrees, on a risky answer
	LoneOutlier              // all but one agree; one is two or more points away
	SplitRoom                // two camps, or a spread the room must settle
)

func (c Class) String() string {
	return [...]string{"not compared", "agreed, fine", "agreed risk", "lone outlier", "split room"}[c]
}

// Key is the class's stable name in JSON.
func (c Class) Key() string {
	return [...]string{"not_compared", "agreed_fine", "agreed_risk", "lone_outlier", "split_room"}[c]
}

// Point is one point of a question's scale, or one option, as the room
// answered it.
type Point struct {
	// Label is what the reader sees: the option's label, the scale point,
	// the scoring band; Value is the option value or the number, for
	// tools.
	Label, Value string
	Count        int
	// Who answered it, in named mode only.
	Who []string
}

// Side is one side of a disagreement.
type Side struct {
	Label  string  // "riskier answers", "the outlier", …
	Points []Point // the answers on this side, as in Question.Points
	Count  int
	// Roles on this side ("sponsor", "user ×2") and Who, in named mode
	// only.
	Roles, Who []string
}

// Note is a note or a text answer, with its author in named mode.
type Note struct {
	Text, Who string
}

// Question is how the room answered one question.
type Question struct {
	Question *questions.Question
	// Asked counts the respondents the question was asked of; of them,
	// Answered gave a real answer, DontKnow said "don't know" and
	// Unanswered gave none.
	Asked, Answered, DontKnow, Unanswered int
	DontKnowWho                           []string // named mode only
	// NotApplicable counts those who said, with a reason, that the
	// question does not apply to the project; like "don't know" they are
	// counted apart, and their reasons are listed with the notes.
	NotApplicable int
	// Points tallies the answers over the question's scale (scale points,
	// options from the lowest score up, scoring bands), or for a multiple
	// choice how many ticked each option (Multi).
	Points []Point
	Multi  bool
	// Numbers: the median and range of the numbers given.
	HasNumbers       bool
	Median, Min, Max float64
	// Dates: the earliest and latest given.
	First, Last string
	// MedianScore is the group's score: the median of the respondents'
	// question scores ("don't know" at the rubric's score for it). Scores
	// counts them.
	Scored      bool
	MedianScore float64
	Scores      int
	// Consensus (Tastle and Wierman) and Agreement (van der Eijk) of the
	// real answers; Agreement needs three categories or more.
	HasConsensus, HasAgreement bool
	Consensus, Agreement       float64
	Class                      Class
	// Worth is the question's part of the 100 points of the overall
	// score, against the full weights; Priority = (1 − Consensus) ×
	// Worth ranks the disagreements.
	Worth, Priority float64
	// Sides of a disagreement: the riskier answers and the healthier
	// ones, or the outlier and the rest.
	Sides []Side
	Notes []Note
	Texts []Note
	// Hidden is set in anonymous mode when fewer than the minimum group
	// answered: the tally, the numbers and the sides are not shown.
	Hidden bool
	// NotAskedOfGroup is set when the group's answers leave the question
	// out (its condition is not met by them) though some were asked it.
	NotAskedOfGroup bool
}

// RoleGroup is the respondents who gave one role.
type RoleGroup struct {
	Role  string
	Count int
	// Hidden is set in anonymous mode below the minimum group size.
	Hidden bool
	// Sections holds, in rubric order, the median of the group's section
	// scores; Scored[i] is false when none of them has a score there.
	Sections []float64
	Scored   []bool
}

// RoleGap is a section where two role groups see things differently.
type RoleGap struct {
	Section                       *questions.Section
	High, Low                     string // the roles
	HighScore, LowScore, Distance float64
}

// Range is the spread of a figure across respondents.
type Range struct {
	Min, Max float64
	N        int // respondents it could be worked out for
}

// Group is a workshop's answers combined.
type Group struct {
	*Collection
	// Answers are the group's: for each question the median respondent's
	// answer (numbers: the median number), without notes; Result scores
	// them with the median scores.
	Answers   *assessment.Answers
	Result    *assessment.Result
	Plan      *assessment.Plan
	Questions []*Question // rubric order; those asked of anyone
	Discuss   []*Question // split rooms and lone outliers, highest priority first
	Agreed    []*Question // agreed risks, in rubric order
	Roles     []RoleGroup // by role, sorted; empty when nobody gave one
	Gaps      []RoleGap   // rubric order
	// BreakEven is the break-even adoption across respondents whose own
	// business case could be worked out.
	BreakEven Range
	Complete  int
}

// Anonymous reports whether the group's report may name nobody.
func (g *Group) Anonymous() bool { return g.Mode == assessment.WorkshopAnonymous }

// Combine merges the collected answers into the group's result.
func Combine(c *Collection) *Group {
	g := &Group{Collection: c}
	r := c.Rubric
	qs := r.Questions()
	// Each member's question results, flat in rubric order.
	flat := make([][]*assessment.QuestionResult, len(c.Members))
	for i, m := range c.Members {
		f := make([]*assessment.QuestionResult, 0, len(qs))
		for si := range m.Result.Sections {
			for qi := range m.Result.Sections[si].Questions {
				f = append(f, &m.Result.Sections[si].Questions[qi])
			}
		}
		flat[i] = f
		if m.Answers.Complete {
			g.Complete++
		}
	}
	g.Answers = g.header()
	scores := map[string]assessment.GroupScore{}
	stats := make([]*Question, len(qs))
	for qi, q := range qs {
		st, ans, gs := g.question(q, func(i int) *assessment.QuestionResult { return flat[i][qi] })
		stats[qi] = st
		if ans != nil {
			g.Answers.Answers[q.ID] = ans
		}
		if gs != nil {
			scores[q.ID] = *gs
		}
	}
	g.Result = assessment.ScoreGroup(r, g.Answers, scores)
	g.Plan = assessment.MakePlan(g.Result)
	groupStatus := map[string]assessment.Status{}
	for _, sr := range g.Result.Sections {
		for _, qr := range sr.Questions {
			groupStatus[qr.Question.ID] = qr.Status
		}
	}
	for _, st := range stats {
		if st.Asked == 0 {
			continue
		}
		q := st.Question
		st.NotAskedOfGroup = groupStatus[q.ID] == assessment.Hidden
		st.Worth = g.Plan.Points[q.ID].Full
		if st.Hidden {
			// Too few answered to show: how far they agree would tell
			// as much as their answers (two who agree said the same).
			st.HasConsensus, st.HasAgreement, st.Consensus, st.Agreement, st.Sides = false, false, 0, 0, nil
		} else {
			st.classify(r.SectionBands(q.Section).Low)
		}
		if st.HasConsensus {
			st.Priority = (1 - st.Consensus) * st.Worth
		}
		g.Questions = append(g.Questions, st)
		switch {
		case (st.Class == SplitRoom || st.Class == LoneOutlier) && st.Priority > 0:
			g.Discuss = append(g.Discuss, st)
		case st.Class == AgreedRisk && !st.NotAskedOfGroup:
			g.Agreed = append(g.Agreed, st)
		}
	}
	slices.SortStableFunc(g.Discuss, func(x, y *Question) int { return cmp.Compare(y.Priority, x.Priority) })
	g.roles()
	for _, m := range c.Members {
		if bc := m.Result.BusinessCase; bc != nil && bc.Available && bc.HasBreakEven {
			be := bc.BreakEven
			if g.BreakEven.N == 0 || be < g.BreakEven.Min {
				g.BreakEven.Min = be
			}
			if g.BreakEven.N == 0 || be > g.BreakEven.Max {
				g.BreakEven.Max = be
			}
			g.BreakEven.N++
		}
	}
	return g
}

// header is the group's answers set without answers: the project most
// files name, the earliest start and the latest save.
func (g *Group) header() *assessment.Answers {
	a := &assessment.Answers{Answers: map[string]*assessment.Answer{}, Notes: map[string]string{}}
	a.Rubric = assessment.RubricRef{ID: g.Rubric.ID, Version: g.Rubric.Version, Hash: g.Rubric.Hash()}
	a.Workshop = g.Mode
	projects := map[string]int{}
	a.Complete = true
	for _, m := range g.Members {
		h := m.Answers.Header
		projects[h.Project]++
		if !h.Started.IsZero() && (a.Started.IsZero() || h.Started.Before(a.Started)) {
			a.Started = h.Started
		}
		if h.Updated.After(a.Updated) {
			a.Updated = h.Updated
		}
		a.Complete = a.Complete && h.Complete
	}
	// Files without a project name take no part: the name most files give
	// wins, the first in sorted order of those given as often.
	best := 0
	var names []string
	for p := range projects {
		if p != "" {
			names = append(names, p)
		}
	}
	slices.Sort(names)
	for _, p := range names {
		if projects[p] > best {
			a.Project, best = p, projects[p]
		}
	}
	if len(names) > 1 {
		quoted := make([]string, len(names))
		for i, p := range names {
			quoted[i] = strconv.Quote(printable.Line(p))
		}
		g.warnf("the files name %d different projects (%s); the report uses %q, which most of them name", len(names), strings.Join(quoted, ", "), printable.Line(a.Project))
	}
	a.Updated = a.Updated.UTC().Truncate(time.Second)
	return a
}

// entry is one respondent's answer to a question.
type entry struct {
	m   *Member
	qr  *assessment.QuestionResult
	pos float64 // its position on the question's scale
	ok  bool    // pos is known
}

// question combines the answers to q. It returns the room's figures, the
// group's answer (nil when nobody answered) and the group's score (nil
// when the answer's own score stands).
func (g *Group) question(q *questions.Question, qrOf func(int) *assessment.QuestionResult) (*Question, *assessment.Answer, *assessment.GroupScore) {
	st := &Question{Question: q, Multi: q.Kind == questions.Multi}
	named := !g.Anonymous()
	scale := newScale(q)
	var real, all []entry
	for i, m := range g.Members {
		qr := qrOf(i)
		if qr.Status == assessment.Hidden {
			continue
		}
		st.Asked++
		note := ""
		if qr.Answer != nil {
			note = qr.Answer.Note
		} else {
			note = m.Answers.Notes[q.ID]
		}
		if note != "" {
			st.Notes = append(st.Notes, Note{Text: note, Who: g.who(m)})
		}
		switch qr.Status {
		case assessment.Unanswered:
			st.Unanswered++
			continue
		case assessment.NotApplicable:
			st.NotApplicable++
			if qr.Answer != nil && qr.Answer.Reason != "" {
				st.Notes = append(st.Notes, Note{Text: "Not applicable: " + qr.Answer.Reason, Who: g.who(m)})
			}
			continue
		case assessment.DontKnow:
			st.DontKnow++
			if named {
				st.DontKnowWho = append(st.DontKnowWho, g.who(m))
			}
			all = append(all, entry{m: m, qr: qr})
			continue
		}
		st.Answered++
		e := entry{m: m, qr: qr}
		e.pos, e.ok = scale.position(q, qr, m.Answers)
		real = append(real, e)
		all = append(all, e)
		if q.Kind == questions.Text && qr.Answer.Text != "" {
			st.Texts = append(st.Texts, Note{Text: qr.Answer.Text, Who: g.who(m)})
		}
	}
	sortNotes(st.Notes)
	sortNotes(st.Texts)
	slices.Sort(st.DontKnowWho)
	st.Hidden = g.Anonymous() && st.Answered+st.DontKnow < g.MinGroup
	st.Points = scale.tally(q, real, named, g)
	// Numbers and dates: median and range of what was given.
	var nums []float64
	var dates []string
	for _, e := range real {
		switch q.Kind {
		case questions.Number:
			nums = append(nums, e.qr.Answer.Number)
		case questions.Date:
			dates = append(dates, e.qr.Answer.Text)
		}
	}
	if len(nums) > 0 {
		st.HasNumbers = true
		st.Median, _ = Median(nums)
		st.Min, st.Max = slices.Min(nums), slices.Max(nums)
	}
	if len(dates) > 0 {
		slices.Sort(dates)
		st.First, st.Last = dates[0], dates[len(dates)-1]
	}
	// Consensus over the real answers' positions.
	if scale.width > 0 {
		counts := make([]int, len(scale.positions))
		n := 0
		for _, e := range real {
			if e.ok {
				counts[scale.index(e.pos)]++
				n++
			}
		}
		if n >= 2 {
			st.Consensus, st.HasConsensus = Consensus(scale.positions, counts, scale.width)
			if scale.categorical {
				st.Agreement, st.HasAgreement = Agreement(counts)
			}
		}
		st.sides(scale, real, named, g)
	}
	if len(all) == 0 {
		if st.NotApplicable > 0 {
			// Everyone who answered says it does not apply: so does the
			// group, and it is left out of the score as for one respondent.
			return st, &assessment.Answer{NotApplicable: true, Reason: fmt.Sprintf("not applicable, for all %d who answered", st.NotApplicable)}, nil
		}
		return st, nil, nil
	}
	// The group's answer and score.
	var scored []entry
	for _, e := range all {
		if e.qr.Scored {
			scored = append(scored, e)
		}
	}
	if q.Scored() && len(scored) > 0 {
		slices.SortStableFunc(scored, func(x, y entry) int { return cmp.Compare(x.qr.Score, y.qr.Score) })
		xs := make([]float64, len(scored))
		for i, e := range scored {
			xs[i] = e.qr.Score
		}
		st.Scored, st.Scores = true, len(xs)
		st.MedianScore, _ = Median(xs)
		// The lower of the two middle answers of an even count: of two
		// answers the group is between, the riskier speaks for it.
		rep := scored[(len(scored)-1)/2]
		ans := groupAnswer(q, rep.qr.Answer)
		if q.Kind == questions.Number && len(nums) > 0 && !ans.DontKnow {
			ans.Number = st.Median
		}
		return st, ans, &assessment.GroupScore{Score: st.MedianScore, Reason: g.scoreReason(xs)}
	}
	// Not scored: the median of the real answers in their own order.
	if len(real) == 0 {
		return st, &assessment.Answer{DontKnow: true}, nil
	}
	slices.SortStableFunc(real, func(x, y entry) int { return compareAnswers(q, x.qr.Answer, y.qr.Answer) })
	ans := groupAnswer(q, real[(len(real)-1)/2].qr.Answer)
	switch q.Kind {
	case questions.Number:
		ans.Number = st.Median
	case questions.Text:
		ans.Text = "" // the report lists the room's texts instead
	}
	return st, ans, nil
}

// groupAnswer copies an answer for the group, without its note: notes
// are listed apart, and in anonymous mode without their authors.
func groupAnswer(q *questions.Question, a *assessment.Answer) *assessment.Answer {
	c := &assessment.Answer{Text: a.Text, Choices: slices.Clone(a.Choices), Number: a.Number, DontKnow: a.DontKnow}
	return c
}

// compareAnswers orders the answers of an unscored question: options in
// rubric order, numbers and dates ascending.
func compareAnswers(q *questions.Question, x, y *assessment.Answer) int {
	switch q.Kind {
	case questions.Number, questions.Scale:
		return cmp.Compare(x.Number, y.Number)
	case questions.Single, questions.YesNo:
		return cmp.Compare(optionIndex(q, x.Text), optionIndex(q, y.Text))
	}
	return cmp.Compare(x.Text, y.Text)
}

func optionIndex(q *questions.Question, v string) int {
	return slices.IndexFunc(q.Options, func(o *questions.Option) bool { return o.Value == v })
}

// scoreReason explains the group's score in the working.
func (g *Group) scoreReason(xs []float64) string {
	m, _ := Median(xs)
	n := len(xs)
	switch {
	case n == 1:
		return fmt.Sprintf("one respondent's score, %s", assessment.FormatNumber(assessment.Round1(m)))
	case g.Anonymous() && n < g.MinGroup, n > 15:
		return fmt.Sprintf("median of %d respondents' scores, %s", n, assessment.FormatNumber(assessment.Round1(m)))
	}
	parts := make([]string, n)
	for i, x := range xs {
		parts[i] = assessment.FormatNumber(assessment.Round1(x))
	}
	return fmt.Sprintf("median of %d respondents' scores (%s) = %s", n, strings.Join(parts, ", "), assessment.FormatNumber(assessment.Round1(m)))
}

// who names a respondent in named mode; "" in anonymous mode.
func (g *Group) who(m *Member) string {
	if g.Anonymous() {
		return ""
	}
	return m.Answers.Respondent.String()
}

// sortNotes orders notes by their text, then author: an order that
// follows neither the files nor the respondents.
func sortNotes(ns []Note) {
	slices.SortFunc(ns, func(x, y Note) int { return cmp.Or(cmp.Compare(x.Text, y.Text), cmp.Compare(x.Who, y.Who)) })
}

// classify decides what the answers amount to; low is the section's
// score from which it is at low risk.
func (st *Question) classify(low float64) {
	if !st.HasConsensus || !st.Scored {
		st.Class = NotCompared
		return
	}
	far := 0
	for _, s := range st.Sides {
		if s.Label == outlierLabel {
			far = 1
		}
	}
	switch {
	case far == 1:
		st.Class = LoneOutlier
	case st.Consensus < SplitConsensus || (st.HasAgreement && st.Agreement < 0):
		st.Class = SplitRoom
	case st.MedianScore < low:
		st.Class = AgreedRisk
	default:
		st.Class = AgreedFine
	}
}

const (
	outlierLabel = "the outlier"
	restLabel    = "the rest"
	riskierLabel = "riskier answers"
	healthyLabel = "healthier answers"
)

// sides splits the real answers of a disagreement: the one answer two or
// more categories from the median and the rest (on a two-point scale, the
// one answer on the other point), else the answers below the mean
// position and those at or above it.
func (st *Question) sides(sc *scale, real []entry, named bool, g *Group) {
	var known []entry
	for _, e := range real {
		if e.ok {
			known = append(known, e)
		}
	}
	if len(known) < 2 {
		return
	}
	pos := make([]float64, len(known))
	mean := 0.0
	for i, e := range known {
		pos[i] = e.pos
		mean += e.pos
	}
	mean /= float64(len(known))
	slices.Sort(pos)
	med := pos[(len(pos)-1)/2]
	isFar := func(e entry) bool {
		if st.Multi {
			return false
		}
		d := math.Abs(float64(sc.index(e.pos) - sc.index(med)))
		if len(sc.positions) == 2 {
			return d >= 1
		}
		return d >= 2
	}
	var far, rest, low, high []entry
	for _, e := range known {
		if isFar(e) {
			far = append(far, e)
		} else {
			rest = append(rest, e)
		}
		if e.pos < mean-1e-9 {
			low = append(low, e)
		} else {
			high = append(high, e)
		}
	}
	if len(far) == 1 && len(known) >= 3 {
		st.Sides = []Side{sc.side(outlierLabel, far, named, g), sc.side(restLabel, rest, named, g)}
		return
	}
	if len(low) > 0 && len(high) > 0 {
		st.Sides = []Side{sc.side(riskierLabel, low, named, g), sc.side(healthyLabel, high, named, g)}
	}
}

// roles groups the respondents by the role they gave and finds the gaps.
func (g *Group) roles() {
	by := map[string][]*Member{}
	spellings := map[string]map[string]int{}
	for _, m := range g.Members {
		typed := strings.TrimSpace(m.Answers.Respondent.Role)
		role := strings.ToLower(typed)
		if role != "" {
			by[role] = append(by[role], m)
			if spellings[role] == nil {
				spellings[role] = map[string]int{}
			}
			spellings[role][typed]++
		}
	}
	names := make([]string, 0, len(by))
	for role := range by {
		names = append(names, role)
	}
	slices.Sort(names)
	for _, role := range names {
		ms := by[role]
		rg := RoleGroup{Role: spelling(spellings[role]), Count: len(ms), Hidden: g.Anonymous() && len(ms) < g.MinGroup}
		for si := range g.Rubric.Sections {
			var xs []float64
			for _, m := range ms {
				if sr := m.Result.Sections[si]; sr.Scored {
					xs = append(xs, sr.Score)
				}
			}
			x, ok := Median(xs)
			rg.Sections = append(rg.Sections, assessment.Round1(x))
			rg.Scored = append(rg.Scored, ok)
		}
		g.Roles = append(g.Roles, rg)
	}
	if len(g.Roles) < 2 {
		return
	}
	for si, s := range g.Rubric.Sections {
		var hi, lo *RoleGroup
		for i := range g.Roles {
			rg := &g.Roles[i]
			if rg.Hidden || !rg.Scored[si] {
				continue
			}
			if hi == nil || rg.Sections[si] > hi.Sections[si] {
				hi = rg
			}
			if lo == nil || rg.Sections[si] < lo.Sections[si] {
				lo = rg
			}
		}
		if hi == nil || hi == lo {
			continue
		}
		if d := hi.Sections[si] - lo.Sections[si]; d >= RoleGapPoints {
			g.Gaps = append(g.Gaps, RoleGap{Section: s, High: hi.Role, Low: lo.Role, HighScore: hi.Sections[si], LowScore: lo.Sections[si], Distance: assessment.Round1(d)})
		}
	}
}

// WidestGap is the role gap of the most points, or nil.
func (g *Group) WidestGap() *RoleGap {
	var w *RoleGap
	for i := range g.Gaps {
		if w == nil || g.Gaps[i].Distance > w.Distance {
			w = &g.Gaps[i]
		}
	}
	return w
}

// spelling is the way most respondents of a role group typed it ("IT",
// not "it"), the first in sorted order of those typed as often.
func spelling(typed map[string]int) string {
	best, n := "", 0
	for s, c := range typed {
		if c > n || c == n && s < best {
			best, n = s, c
		}
	}
	return best
}
