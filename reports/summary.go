package reports

import (
	"fmt"
	"strings"

	"github.com/vitals-dev/vitals/assessment"
	"github.com/vitals-dev/vitals/questions"
)

// FirstActions is how many actions a summary names.
const FirstActions = 3

// Summary is the reading of a scored result that every place showing one
// shares: the markdown report, the results screen and plain mode. It holds
// plain text, not markdown: each place escapes or styles it for itself, but
// the words, the numbers and their precision are the same everywhere.
//
// Its order is the order a sponsor reads in: the verdict, the money, the
// weakest signs, what is not known, the first actions; red flags last.
type Summary struct {
	// Title heads the report: the rubric's report title, else its title.
	Title string
	Risk  questions.Risk
	// Verdict is the overall result in one sentence, e.g. "Overall 79.9
	// out of 100, low risk."; Forced explains a critical flag that raised
	// it; Message is the rubric's own word for that result, if it has one.
	Verdict, Forced, Message string
	// Scale says how to read a score.
	Scale string
	// Money is the business case in one or two sentences: break-even
	// against the adoption assumed, or which figures are missing. Empty
	// when the rubric has no business case.
	Money string
	// Weakest names the weakest sign or signs, even under a good average.
	Weakest string
	// Coverage says when the overall score covers only some sections.
	Coverage string
	// Unknown says what is not known: "don't know" is not known.
	Unknown string
	// Flags counts the red flags.
	Flags string
	// Actions are the first actions, largest stake first; settling the
	// unknowns comes first when they weigh more than any one action.
	Actions []SummaryAction
	Plan    *assessment.Plan
}

// SummaryAction is one action as every place shows it.
type SummaryAction struct {
	ID     string // stable across runs; see assessment.PlanAction
	Text   string
	Sign   string // the section's title; empty for the unknowns
	Points string // the points at stake, one decimal: "2.7"
	// Critical is set when the action answers a critical red flag.
	Critical bool
}

// firstActions picks the summary's actions: settling the unknowns when
// they weigh more than any action, then the actions that answer a critical
// red flag (a critical flag puts the result at high risk whatever the
// points), then the rest, each group by stake.
func firstActions(res *assessment.Result, p *assessment.Plan) []assessment.PlanAction {
	critical := criticalQuestions(res)
	var first, crit, rest []assessment.PlanAction
	for i, a := range p.Actions {
		switch {
		case a.Kind == assessment.FindOut && i == 0:
			first = append(first, a)
		case a.Question != nil && critical[a.Question.ID]:
			crit = append(crit, a)
		default:
			rest = append(rest, a)
		}
	}
	out := append(append(first, crit...), rest...)
	return out[:min(FirstActions, len(out))]
}

// criticalQuestions are the questions whose answers raised a critical flag.
func criticalQuestions(res *assessment.Result) map[string]bool {
	m := map[string]bool{}
	for _, f := range res.Flags {
		if f.Critical {
			m[f.Question.ID] = true
		}
	}
	return m
}

// Summarize reads a scored result.
func Summarize(res *assessment.Result) *Summary {
	r := res.Rubric
	plan := assessment.MakePlan(res)
	s := &Summary{Title: ReportTitle(r), Risk: res.Risk, Plan: plan}
	s.Scale = fmt.Sprintf("Scores run from 0 to 100, higher is healthier; low risk from %s, medium from %s.", num(r.Bands.Low), num(r.Bands.Medium))
	switch {
	case res.Scored && res.Forced:
		s.Verdict = fmt.Sprintf("Overall %s out of 100, high risk: a critical red flag raises it.", num(res.Score))
		s.Forced = fmt.Sprintf("The score alone is %s risk; a critical red flag puts the result at high risk whatever the scores.", r.Bands.Risk(res.Score))
	case res.Scored && res.Risk == questions.RiskUnknown:
		s.Verdict = fmt.Sprintf("Overall %s out of 100, but the risk is unknown: %s%% of the weight rests on answers that leave it open (\"don't know\", or an answer the rubric counts as unknown), more than the rubric's %s%%.",
			num(res.Score), num(assessment.Round1(res.UnknownShare)), num(r.Unknown.Share))
	case res.Scored:
		s.Verdict = fmt.Sprintf("Overall %s out of 100, %s risk.", num(res.Score), res.Risk)
	default:
		s.Verdict = "Overall: not scored; no question that counts towards a score has an answer yet."
	}
	if res.Scored {
		s.Message = r.Messages.For(res.Risk)
	}
	s.Money = moneyVerdict(res)
	s.Weakest = weakestText(res)
	if n := res.ScoredSections(); res.Scored && n < len(res.Sections) {
		s.Coverage = fmt.Sprintf("The overall score covers only %d of %d sections.", n, len(res.Sections))
	}
	s.Unknown = unknownText(res, plan)
	s.Flags = flagsText(res.Flags)
	for _, a := range firstActions(res, plan) {
		s.Actions = append(s.Actions, summaryAction(res, a, plan))
	}
	return s
}

// ReportTitle is the title a rubric's reports carry.
func ReportTitle(r *questions.Rubric) string {
	if r.ReportTitle != "" {
		return r.ReportTitle
	}
	return r.Title
}

func summaryAction(res *assessment.Result, a assessment.PlanAction, plan *assessment.Plan) SummaryAction {
	sa := SummaryAction{ID: a.ID, Text: a.Text, Points: Points(a.Stake), Critical: a.Question != nil && criticalQuestions(res)[a.Question.ID]}
	if a.Section != nil {
		sa.Sign = SectionName(res.Rubric, a.Section)
	}
	if a.Kind == assessment.FindOut {
		sa.Text = FindOutText(plan)
	}
	return sa
}

// FindOutText words the action that settles the unknowns.
func FindOutText(p *assessment.Plan) string {
	var parts []string
	switch {
	case p.DontKnow == 1:
		parts = append(parts, `find out the answer marked "don't know"`)
	case p.DontKnow > 1:
		parts = append(parts, fmt.Sprintf(`find out the %d answers marked "don't know"`, p.DontKnow))
	}
	switch {
	case p.Open == 1:
		parts = append(parts, "answer the open question")
	case p.Open > 1:
		parts = append(parts, fmt.Sprintf("answer the %d open questions", p.Open))
	}
	if len(parts) == 0 {
		// Answered, but in no scoring band or without its reference date.
		return "Settle the answers that could not be scored: the advice can only follow what is known."
	}
	return capital(strings.Join(parts, " and ")) + ": the advice can only follow what is known."
}

func flagsText(flags []assessment.Flag) string {
	critical := 0
	for _, f := range flags {
		if f.Critical {
			critical++
		}
	}
	switch {
	case len(flags) == 0:
		return "Red flags: none."
	case critical == 0:
		return fmt.Sprintf("Red flags: %d, none critical.", len(flags))
	}
	return fmt.Sprintf("Red flags: %d, %d of them critical.", len(flags), critical)
}

// weakestText names the weakest signs, at most three, and the signs that
// could not be scored.
func weakestText(res *assessment.Result) string {
	weak := assessment.Weakest(res)
	var names []string
	for i, sr := range weak {
		if i == 3 {
			names = append(names, fmt.Sprintf("%d more at %s risk", len(weak)-3, sr.Risk))
			break
		}
		names = append(names, fmt.Sprintf("%s (%s, %s risk)", SectionName(res.Rubric, sr.Section), num(sr.Score), sr.Risk))
	}
	var text string
	switch {
	case len(weak) == 0:
	case len(weak) == 1 && weak[0].Risk == questions.RiskLow:
		text = "Weakest section, though still low risk: " + names[0] + "."
	case len(weak) == 1:
		text = "Weakest section: " + names[0] + "."
	default:
		text = "Weakest sections: " + join(names) + "."
	}
	var unscored []string
	for _, sr := range res.Sections {
		if !sr.Scored {
			unscored = append(unscored, SectionName(res.Rubric, sr.Section))
		}
	}
	if len(unscored) > 0 {
		if text != "" {
			text += " "
		}
		text += "Not scored, for want of answers: " + join(unscored) + "."
	}
	return text
}

func unknownText(res *assessment.Result, p *assessment.Plan) string {
	if p.Asked == 0 {
		return "Not known: everything; nothing was asked yet."
	}
	if p.DontKnow == 0 && p.Open == 0 && p.Unknown == 0 {
		return fmt.Sprintf("Not known: nothing; all %d questions asked have a real answer.", p.Asked) + unknownRiskText(res)
	}
	var parts []string
	if p.DontKnow > 0 {
		parts = append(parts, fmt.Sprintf(`%d "don't know"`, p.DontKnow))
	}
	if p.Open > 0 {
		parts = append(parts, fmt.Sprintf("%d unanswered", p.Open))
	}
	if len(parts) == 0 {
		parts = append(parts, "answers that could not be scored")
	}
	text := fmt.Sprintf("Not known: %s. Known: %d of the %d questions asked (%s%%)", join(parts), p.Known, p.Asked, num(p.KnownPercent()))
	if p.DontKnow > 0 {
		text += fmt.Sprintf(`; %s%% if "don't know" counted as known`, num(p.AnsweredPercent()))
	}
	text += "."
	if stake := p.Unknown + dontKnowFull(res, p); stake > 0 {
		text += fmt.Sprintf(" %s of the 100 points rest on what is not known.", Points(stake))
	}
	return text + unknownRiskText(res)
}

// unknownRiskText counts the answers whose risk the rubric gives as
// unknown: answered, but saying that something is not known.
func unknownRiskText(res *assessment.Result) string {
	n := 0
	for _, sr := range res.Sections {
		n += sr.UnknownQuestions
	}
	if n == 0 {
		return ""
	}
	return fmt.Sprintf(" %d %s the rubric counts as unknown risk.", n, oneOf(n == 1, "answer", "answers"))
}

// dontKnowFull is the full weight of the "don't know" answers.
func dontKnowFull(res *assessment.Result, p *assessment.Plan) float64 {
	total := 0.0
	for _, q := range res.DontKnow {
		total += p.Points[q.ID].Full
	}
	return total
}

// caseInputNames names the business-case questions by their part in it.
func caseInputNames(bc *questions.BusinessCase) map[string]string {
	return map[string]string{
		bc.AnnualBenefit:   "the yearly benefit",
		bc.OneOffCost:      "the one-off cost",
		bc.RunningCost:     "the running cost",
		bc.HorizonYears:    "the horizon",
		bc.AssumedAdoption: "the adoption assumed",
	}
}

// moneyVerdict is the business case in a sentence or two.
func moneyVerdict(res *assessment.Result) string {
	s, bc := res.BusinessCase, res.Rubric.BusinessCase
	if s == nil || bc == nil {
		return ""
	}
	switch {
	case s.Problem != "":
		return "Money: not worked out, because " + s.Problem + "."
	case !s.Available:
		names := caseInputNames(bc)
		var missing []string
		for _, q := range s.Missing {
			if q != nil {
				missing = append(missing, names[q.ID])
			}
		}
		return "Money: not worked out; the business case needs " + join(missing) + ", which " + oneOf(len(missing) == 1, "is", "are") + ` unanswered or "don't know".`
	}
	text := "Money: " + s.Summary()
	assumed := 100.0
	if s.HasAssumed {
		assumed = s.Assumed
	} else {
		text += " The case does not say what adoption it assumes."
	}
	sc := s.At(assumed)
	text += fmt.Sprintf(" At %s%% adoption, reached from the first day, it %s.", assessment.FormatNumber(assumed), PaybackText(sc, s.HorizonYears))
	return text
}

// PaybackText says when a scenario pays back, in words when it does not
// within the horizon: "pays back after 30.5 months", "does not pay back
// within 5 years".
func PaybackText(sc assessment.Scenario, years float64) string {
	switch when, months := payback(sc, years); when {
	case paysNever:
		return "never pays back"
	case paysAtOnce:
		return "pays back at once"
	case paysAfterHorizon:
		return "does not pay back within " + Years(years)
	default:
		return "pays back after " + num(months) + " months"
	}
}

// paybackWhen is when a scenario pays back, as the report words it.
type paybackWhen int

const (
	paysWithin paybackWhen = iota
	paysNever
	paysAtOnce
	paysAfterHorizon
)

// payback classifies a scenario's payback against the horizon of years,
// with its months rounded as the report shows them: the one rule both
// the table cell and the sentence follow.
func payback(sc assessment.Scenario, years float64) (paybackWhen, float64) {
	months := roundTo(sc.PaybackMonths, 1)
	switch {
	case !sc.Pays:
		return paysNever, months
	case months == 0:
		return paysAtOnce, months
	case months > 12*years:
		return paysAfterHorizon, months
	}
	return paysWithin, months
}

// Years is "1 year" or "5 years".
func Years(x float64) string { return num(x) + " " + oneOf(x == 1, "year", "years") }

// Points writes points of the overall score with one decimal, keeping
// small but real amounts from printing as 0: "2.7", "under 0.1".
func Points(x float64) string { return points(x) }

// Money writes an amount as reports do: at most two decimals, thousands
// separated by commas.
func Money(x float64) string { return money(x) }

// Num writes a score or percentage as reports do: one decimal at most.
func Num(x float64) string { return num(x) }

func capital(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// join lists items in prose: "a", "a and b", "a, b and c".
func join(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

// SectionName is how reports name a section: its title, followed by its id
// when another section of the rubric has the same title, so a name is
// never ambiguous.
func SectionName(r *questions.Rubric, s *questions.Section) string {
	for _, o := range r.Sections {
		if o != s && o.Title == s.Title {
			return s.Title + " (" + s.ID + ")"
		}
	}
	return s.Title
}
