package assessment

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/vitals-dev/vitals/questions"
)

// Status says what became of a question in scoring.
type Status int

// The states a question can be in.
const (
	Answered   Status = iota // a real answer
	DontKnow                 // answered "don't know"
	Unanswered               // visible but not answered
	Hidden                   // its condition is not met: not asked
	// NotApplicable: the respondent said, with a reason, that the
	// question does not apply; it is left out of scoring.
	NotApplicable
)

func (s Status) String() string {
	return [...]string{"answered", "don't know", "unanswered", "hidden", "not applicable"}[s]
}

// Flag is a red flag raised by an answer.
type Flag struct {
	Section  *questions.Section
	Question *questions.Question
	Text     string
	Critical bool
	// Answer is the answer that raised it, as shown to a reader.
	Answer         string
	Recommendation string
}

// QuestionResult is the working for one question: its answer, its score
// and how the score was reached.
type QuestionResult struct {
	Question *questions.Question
	Answer   *Answer // nil when unanswered or hidden
	Status   Status
	// Scored is true when the question counts towards its section.
	Scored bool
	Score  float64
	// Share is the question's weight as a fraction of the scored weight
	// of its section; Points is Share × Score, its part of the section
	// score.
	Share  float64
	Points float64
	// Lost is how many points of the overall score this question costs:
	// its share of the overall score × (100 − Score).
	Lost float64
	// Reason explains the score in words, e.g. `option "No" scores 20`.
	Reason string
	// Rule is the number, from 1, of the question's rule that decided
	// its score; 0 when it has no rules. Risk is the risk the answer
	// carries, as the rubric gives it: the chosen option's (the worst of
	// a multiple choice's), the deciding rule's or the band's; empty
	// when the rubric gives none.
	Rule int
	Risk questions.Risk
	// Flags are the red flags the answer raised. The advice for it, with
	// the points each piece is worth, is the plan's (MakePlan).
	Flags []Flag
}

// SectionResult is the score of one section and its working.
type SectionResult struct {
	Section *questions.Section
	Bands   questions.Bands
	// Scored is false when no question of the section could be scored.
	Scored bool
	Score  float64
	// ScoreRisk is the band the score falls in; Risk is the band in
	// force, which a critical flag raises to high.
	ScoreRisk questions.Risk
	Risk      questions.Risk
	Forced    bool
	// Share is the section's weight as a fraction of the scored sections'.
	Share          float64
	Questions      []QuestionResult
	Flags          []Flag
	Recommendation string
	// Counts of the section's visible questions.
	Visible, Answered, DontKnow, Unanswered, NotApplicable int
	// HighQuestions, MediumQuestions and UnknownQuestions count the
	// questions whose answer carries that risk (an option's, a rule's or a
	// band's), as readiness reviews lead with: "2 high, 1 medium".
	HighQuestions, MediumQuestions, UnknownQuestions int
	// UnknownShare is the percentage of the scored weight whose answers
	// leave the section unknown: "don't know", or a risk of unknown. Over
	// the rubric's unknown share, the section is at unknown risk.
	UnknownShare float64
}

// Result is a scored assessment.
type Result struct {
	Rubric  *questions.Rubric
	Answers *Answers
	Scored  bool
	Score   float64
	// Risk is the overall band: the band of Score, raised to high when a
	// critical flag was raised anywhere (Forced), since a critical finding
	// is never averaged away by healthy sections.
	Risk   questions.Risk
	Forced bool
	// Sections in rubric order.
	Sections []SectionResult
	// Flags: critical first, then in rubric order.
	Flags []Flag
	// DontKnow, Unanswered and NotApplicable list visible questions in
	// rubric order.
	DontKnow      []*questions.Question
	Unanswered    []*questions.Question
	NotApplicable []*questions.Question
	// Completeness is the percentage of visible questions answered,
	// "don't know" and "not applicable" included (both are answers).
	Completeness float64
	// UnknownShare is the percentage of the overall score's weight whose
	// answers leave it unknown (each section's share of it); over the
	// rubric's unknown share, the result is at unknown risk.
	UnknownShare float64
	BusinessCase *Sensitivity
}

// ScoredSections is the number of sections with a score: the sections the
// overall score covers.
func (r *Result) ScoredSections() int {
	n := 0
	for _, s := range r.Sections {
		if s.Scored {
			n++
		}
	}
	return n
}

// Score scores answers a against rubric r. It is a pure function: the same
// rubric and answers give the same result, whatever order the answers were
// given in.
func Score(r *questions.Rubric, a *Answers) *Result { return score(r, a, nil) }

// score is Score with some questions' scores given: see ScoreGroup.
func score(r *questions.Rubric, a *Answers, given map[string]GroupScore) *Result {
	res := &Result{Rubric: r, Answers: a}
	vis := Visibility(r, a)
	sectionWeight := 0.0
	for _, s := range r.Sections {
		sr := scoreSection(r, s, a, vis, given)
		if sr.Scored {
			sectionWeight += s.Weight
		}
		res.Sections = append(res.Sections, sr)
	}
	total, visible, answered := 0.0, 0, 0
	for i := range res.Sections {
		sr := &res.Sections[i]
		if sr.Scored && sectionWeight > 0 {
			sr.Share = sr.Section.Weight / sectionWeight
			total += sr.Share * sr.Score
			res.UnknownShare += sr.Share * sr.UnknownShare
			res.Scored = true
		}
		for j := range sr.Questions {
			qr := &sr.Questions[j]
			if qr.Scored {
				qr.Lost = sr.Share * qr.Share * (100 - qr.Score)
			}
			switch qr.Status {
			case DontKnow:
				res.DontKnow = append(res.DontKnow, qr.Question)
			case Unanswered:
				res.Unanswered = append(res.Unanswered, qr.Question)
			case NotApplicable:
				res.NotApplicable = append(res.NotApplicable, qr.Question)
			}
		}
		visible += sr.Visible
		answered += sr.Answered + sr.DontKnow + sr.NotApplicable
		res.Flags = append(res.Flags, sr.Flags...)
	}
	if res.Scored {
		res.Score = Round1(total)
		res.Risk = r.Bands.Risk(res.Score)
	}
	critical := false
	for _, sr := range res.Sections {
		critical = critical || sr.Forced
		if sr.Forced && res.Risk != questions.RiskHigh {
			res.Risk, res.Forced = questions.RiskHigh, true
		}
	}
	// Too much unknown makes the result unknown, even when the score's
	// band is high (don't-knows drag a score down); a critical red flag
	// keeps it high.
	if res.Scored && !critical && r.Unknown != nil && res.UnknownShare > r.Unknown.Share {
		res.Risk = questions.RiskUnknown
	}
	if visible > 0 {
		res.Completeness = Round1(100 * float64(answered) / float64(visible))
	}
	// Stable sorts keep rubric order among equals.
	slices.SortStableFunc(res.Flags, func(x, y Flag) int {
		if x.Critical != y.Critical {
			if x.Critical {
				return -1
			}
			return 1
		}
		return 0
	})
	res.BusinessCase = BusinessCase(r, a, vis)
	return res
}

// Visibility reports, for every question id, whether the question is asked
// given the answers so far.
func Visibility(r *questions.Rubric, a *Answers) map[string]bool {
	n := 0
	for _, s := range r.Sections {
		n += len(s.Questions)
	}
	vis := make(map[string]bool, n)
	// Tags set by the answers so far: an asked, answered question's
	// chosen options set theirs for the questions after it.
	var tags map[string]bool
	for _, s := range r.Sections {
		for _, q := range s.Questions {
			vis[q.ID] = visibleWhen(q, a, vis) && q.TaggedIn(tags)
			if ans := a.Answers[q.ID]; vis[q.ID] && ans != nil && !ans.DontKnow && !ans.NotApplicable {
				for _, o := range q.Options {
					// The chosen option of a single choice, or any of a
					// multiple choice's.
					if len(o.Tags) == 0 || (o.Value != ans.Text && !slices.Contains(ans.Choices, o.Value)) {
						continue
					}
					if tags == nil {
						tags = map[string]bool{}
					}
					for _, t := range o.Tags {
						tags[t.ID] = true
					}
				}
			}
		}
	}
	return vis
}

// visibleWhen reports whether q's condition holds, given the visibility
// of the questions before it.
func visibleWhen(q *questions.Question, a *Answers, vis map[string]bool) bool {
	c := q.When
	if c == nil {
		return true
	}
	if !vis[c.Question] {
		return false
	}
	ans := a.Answers[c.Question]
	if ans == nil || ans.DontKnow || ans.NotApplicable {
		return false // a condition on an answer not given never holds
	}
	chosen := func(v string) bool { return ans.Text == v || slices.Contains(ans.Choices, v) }
	var match bool
	if len(c.In) > 0 || len(c.NotIn) > 0 {
		match = (len(c.In) == 0 || slices.ContainsFunc(c.In, chosen)) && !slices.ContainsFunc(c.NotIn, chosen)
	} else {
		match = (c.From == nil || ans.Number >= *c.From) && (c.To == nil || ans.Number < *c.To)
	}
	return match != c.Not
}

func scoreSection(r *questions.Rubric, s *questions.Section, a *Answers, vis map[string]bool, given map[string]GroupScore) SectionResult {
	sr := SectionResult{Section: s, Bands: r.SectionBands(s)}
	weight, unknownWeight := 0.0, 0.0
	for _, q := range s.Questions {
		qr := scoreQuestion(r, q, a, vis)
		if g, ok := given[q.ID]; ok && qr.Scored {
			qr.Score, qr.Reason = g.Score, g.Reason
		}
		switch qr.Status {
		case Answered:
			sr.Answered++
		case DontKnow:
			sr.DontKnow++
		case Unanswered:
			sr.Unanswered++
		case NotApplicable:
			sr.NotApplicable++
		}
		if qr.Status != Hidden {
			sr.Visible++
		}
		switch qr.Risk {
		case questions.RiskHigh:
			sr.HighQuestions++
		case questions.RiskMedium:
			sr.MediumQuestions++
		case questions.RiskUnknown:
			sr.UnknownQuestions++
		}
		if qr.Scored {
			weight += q.Weight
			if qr.Status == DontKnow || qr.Risk == questions.RiskUnknown {
				unknownWeight += q.Weight
			}
		}
		sr.Questions = append(sr.Questions, qr)
	}
	total := 0.0
	for i := range sr.Questions {
		qr := &sr.Questions[i]
		if qr.Scored {
			qr.Share = qr.Question.Weight / weight
			qr.Points = qr.Share * qr.Score
			total += qr.Points
			sr.Scored = true
		}
		for _, f := range qr.Flags {
			sr.Flags = append(sr.Flags, f)
			if f.Critical {
				sr.Forced = true
			}
		}
	}
	if sr.Scored {
		sr.Score = Round1(total)
		sr.ScoreRisk = sr.Bands.Risk(sr.Score)
		sr.Risk = sr.ScoreRisk
	}
	if sr.Scored && weight > 0 {
		sr.UnknownShare = 100 * unknownWeight / weight
	}
	switch {
	case sr.Forced:
		sr.Risk = questions.RiskHigh
	case sr.Scored && r.Unknown != nil && sr.UnknownShare > r.Unknown.Share:
		sr.Risk = questions.RiskUnknown
	}
	sr.Recommendation = s.Recommendations.For(sr.Risk)
	return sr
}

func scoreQuestion(r *questions.Rubric, q *questions.Question, a *Answers, vis map[string]bool) QuestionResult {
	qr := QuestionResult{Question: q}
	if !vis[q.ID] {
		qr.Status = Hidden
		qr.Reason = "not asked: its condition is not met"
		return qr
	}
	ans := a.Answers[q.ID]
	if ans == nil {
		qr.Status = Unanswered
		qr.Reason = "not answered: left out of the score"
		return qr
	}
	qr.Answer = ans
	if ans.NotApplicable {
		qr.Status = NotApplicable
		qr.Reason = "not applicable: left out of the score"
		return qr
	}
	if ans.DontKnow {
		qr.Status = DontKnow
		if q.Scored() {
			qr.Scored = true
			qr.Score = r.DontKnowScore
			qr.Reason = fmt.Sprintf("\"don't know\" counts as %s", FormatNumber(r.DontKnowScore))
		} else {
			qr.Reason = "\"don't know\"; not scored"
		}
		return qr
	}
	qr.Status = Answered
	if !q.Scored() {
		qr.Reason = "recorded, not scored"
		return qr
	}
	flag := func(text string, critical bool, rec string) {
		if text != "" {
			qr.Flags = append(qr.Flags, Flag{Section: q.Section, Question: q, Text: text, Critical: critical, Answer: AnswerText(q, ans), Recommendation: rec})
		}
	}
	switch BasisOf(q) {
	case ByOption:
		o := q.Option(ans.Text)
		qr.Scored, qr.Score, qr.Risk = true, o.Score, o.Risk
		qr.Reason = fmt.Sprintf("%q scores %s", o.Label, FormatNumber(o.Score))
		flag(o.Flag, o.Critical, o.Recommendation)
	case ByOptions:
		if len(q.Rules) > 0 {
			qr.scoreByRule(q, ans, flag)
			break
		}
		sum := 0.0
		var parts []string
		for _, c := range ans.Choices {
			o := q.Option(c)
			if o.Risk.Rank() > qr.Risk.Rank() {
				qr.Risk = o.Risk
			}
			sum += o.Score
			parts = append(parts, fmt.Sprintf("%q %s", o.Label, FormatNumber(o.Score)))
			flag(o.Flag, o.Critical, o.Recommendation)
		}
		qr.Scored, qr.Score = true, math.Min(sum, 100)
		switch {
		case len(parts) == 0:
			qr.Reason = "nothing chosen scores 0"
		case sum > 100:
			qr.Reason = strings.Join(parts, " + ") + ", capped at 100"
		default:
			qr.Reason = strings.Join(parts, " + ")
		}
	case ByMeasure:
		x, unit, ok := measure(q, ans, a)
		if !ok {
			qr.Reason = unit
			return qr
		}
		if len(q.Scoring) == 0 { // a scale without bands scores linearly
			qr.Scored = true
			qr.Score = Round1(100 * (x - *q.Min) / (*q.Max - *q.Min))
			qr.Reason = fmt.Sprintf("%s on a scale of %s to %s scores %s", FormatNumber(x), FormatNumber(*q.Min), FormatNumber(*q.Max), FormatNumber(qr.Score))
			return qr
		}
		for _, b := range q.Scoring {
			if b.Contains(x) {
				qr.Scored, qr.Score, qr.Risk = true, b.Score, b.Risk
				qr.Reason = fmt.Sprintf("%s is in the band %s and scores %s", withUnit(Round1(x), unit), bandText(b, unit), FormatNumber(b.Score))
				flag(b.Flag, b.Critical, b.Recommendation)
				return qr
			}
		}
		qr.Reason = fmt.Sprintf("%s is in no scoring band: not scored", withUnit(Round1(x), unit))
	}
	return qr
}

// scoreByRule scores a multiple-choice answer by the question's first rule
// that matches the options chosen: its score, risk and flag, and the
// chosen options' flags. The advice is the plan's (MakePlan).
func (qr *QuestionResult) scoreByRule(q *questions.Question, ans *Answer, flag func(string, bool, string)) {
	rule, n := q.RuleFor(ans.Choices)
	if rule == nil {
		// Validation makes the last rule the default; a rubric built
		// in code may not have one.
		qr.Reason = "no rule decides this answer: not scored"
		return
	}
	qr.Scored, qr.Score, qr.Rule, qr.Risk = true, rule.Score, n, rule.Risk
	qr.Reason = fmt.Sprintf("rule %d (%s) decides: scores %s", n, rule.When, FormatNumber(rule.Score))
	if rule.Risk != "" {
		qr.Reason += ", " + string(rule.Risk) + " risk"
	}
	flag(rule.Flag, rule.Critical, rule.Recommendation)
	for _, c := range ans.Choices {
		if o := q.Option(c); o != nil {
			flag(o.Flag, o.Critical, o.Recommendation)
		}
	}
}

// measure returns the number a scale, number or date answer is scored on,
// and its unit for explanations. For dates it is months after the
// question's reference date; when that is missing, ok is false and unit
// says why.
func measure(q *questions.Question, ans *Answer, a *Answers) (x float64, unit string, ok bool) {
	return codecOf(q).measure(q, ans, a)
}

// measureDate measures a date answer in months from its reference date.
func measureDate(q *questions.Question, ans *Answer, a *Answers) (x float64, unit string, ok bool) {
	d, err := time.Parse(DateLayout, ans.Text)
	if err != nil {
		return 0, "not a valid date: not scored", false
	}
	var ref time.Time
	unit = fmt.Sprintf("months after the answer to %q", q.RelativeTo)
	if q.RelativeTo == questions.RelativeToAssessment {
		ref = a.Started.UTC().Truncate(24 * time.Hour)
		unit = "months after the assessment date, " + ref.Format(DateLayout)
	} else {
		ra := a.Answers[q.RelativeTo]
		if ra == nil || ra.DontKnow {
			return 0, fmt.Sprintf("not scored: it is measured from the answer to %q, which is not given", q.RelativeTo), false
		}
		if ref, err = time.Parse(DateLayout, ra.Text); err != nil {
			return 0, "not scored: its reference date is not valid", false
		}
	}
	return Months(ref, d), unit, true
}

// Months is the time from a to b in calendar months: whole months first
// (1 March to 1 September is 6, as is 1 December to 1 June), then the
// days left as a share of the month they fall in. A day that a month does
// not have counts as its last day (31 January plus a month is 28 or 29
// February). It counts seconds since the epoch, never a time.Duration,
// which cannot span more than 292 years.
func Months(a, b time.Time) float64 {
	if b.Before(a) {
		return -Months(b, a)
	}
	whole := (b.Year()-a.Year())*12 + int(b.Month()-a.Month())
	if addMonths(a, whole).After(b) {
		whole--
	}
	from, to := addMonths(a, whole), addMonths(a, whole+1)
	return float64(whole) + float64(b.Unix()-from.Unix())/float64(to.Unix()-from.Unix())
}

// addMonths is t plus n calendar months, on the same day of the month or
// the month's last day when it has fewer.
func addMonths(t time.Time, n int) time.Time {
	first := time.Date(t.Year(), t.Month()+time.Month(n), 1, 0, 0, 0, 0, t.Location())
	last := first.AddDate(0, 1, -1).Day()
	return time.Date(first.Year(), first.Month(), min(t.Day(), last), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), t.Location())
}

// withUnit writes a number with its unit: "80%", "3 years".
func withUnit(x float64, unit string) string {
	switch unit {
	case "":
		return FormatNumber(x)
	case "%":
		return FormatNumber(x) + "%"
	}
	return FormatNumber(x) + " " + unit
}

// bandText describes a scoring band in words: "from 60 to under 80", "80
// or more", "under 60".
func bandText(b *questions.ScoreBand, unit string) string {
	short := ""
	if unit == "%" {
		short = "%"
	}
	switch {
	case b.From != nil && b.To != nil:
		return fmt.Sprintf("from %s to under %s%s", FormatNumber(*b.From), FormatNumber(*b.To), short)
	case b.From != nil:
		return fmt.Sprintf("%s%s or more", FormatNumber(*b.From), short)
	case b.To != nil:
		return fmt.Sprintf("under %s%s", FormatNumber(*b.To), short)
	}
	return "of every value"
}
