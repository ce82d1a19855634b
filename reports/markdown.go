package reports

import (
	"embed"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
	"sync"
	"text/template"

	"github.com/vitals-dev/vitals/assessment"
	"github.com/vitals-dev/vitals/questions"
)

//go:embed templates/report.md.tmpl
var templateFS embed.FS

// mdTemplate lays the report out. It only places strings: everything it
// prints is built, escaped and worded by the view below, so the template
// cannot forget to escape. It is parsed on first use, not at start-up,
// which every vitals command would pay for.
var mdTemplate = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("report.md.tmpl").ParseFS(templateFS, "templates/report.md.tmpl"))
})

// mdView is the markdown report's content, already escaped with md; ids
// and numbers are safe as they are.
//
// It is laid out for three readers. A sponsor reads the summary (before the
// second level-2 heading) and stops. A consultant reads one block per
// section (per sign, in the built-in rubric): what cost points, with the
// answers, notes and unknowns behind it. A team reads the diff of next
// quarter's report: every answer sits on one line of its section's block
// and one line of the working, actions are named by stable ids, never by
// rank, and nothing depends on the vitals build.
//
// The view is built from a result that has one respondent. A workshop is
// the general case: Meta then names everyone, the answers in a section
// block become the room's, and the room's disagreements get a section
// after the chart ("Where the room disagrees"); a comparison with an
// earlier run gets one after the summary ("Since last time").
type mdView struct {
	Title string
	Meta  []string

	// Verdict, then the points under it: the money, the weakest sections and
	// what is not known.
	Verdict     string
	Points      []string
	Actions     []mdAction
	MoreActions string

	// Since is the "Since last time" section's lines; none without an
	// earlier run.
	Since []string

	Chart *mdChart

	Blocks []mdBlock
	Case   *mdCase

	Rules   []string
	Overall string
	Ledger  string
	Working []mdWorking

	Footer string
}

type mdAction struct{ Text, From, Points string }

// mdBlock is one section (in the built-in rubric, one sign): its score
// and everything behind it.
type mdBlock struct {
	Title, Headline string
	// Advice is the rubric's advice for the section's band, shown only when
	// no answer of the section has advice of its own: advice picked by band
	// alone could contradict an answer.
	Advice    string
	Lost      []mdItem // answers that cost points
	DontKnow  []mdItem
	Open      []mdItem
	Strengths string
	Recorded  string
	// NotApplicable lists the answers "not applicable", left out of the
	// score, each with its reason.
	NotApplicable string
	NextSteps     []string
	Notes         []string
	// practices is set when the block names missing practices without
	// their advice, which the working then says where to find.
	practices bool
}

// mdItem is a list item with its sub-items.
type mdItem struct {
	Text string
	Sub  []string
}

type mdCase struct {
	Available bool
	Missing   []string
	Problem   string
	Currency  string
	Inputs    []string
	Years     string
	Scenarios []mdScenario
	Summary   string
}

type mdScenario struct{ Adoption, Benefit, Net, ROI, Payback string }

type mdWorking struct {
	Intro string
	Rows  []string
}

func renderMarkdown(w io.Writer, res *assessment.Result, opt Options) error {
	v := buildMarkdown(res)
	v.Since = sinceMarkdown(opt.Since)
	if err := mdTemplate().Execute(w, v); err != nil {
		return fmt.Errorf("render markdown report: %w", err)
	}
	return nil
}

const dash = "–"

func buildMarkdown(res *assessment.Result) *mdView {
	r := res.Rubric
	a := answersOf(res)
	sum := Summarize(res)
	titles := sectionTitles(r)
	project := md(a.Project)
	if project == "" {
		project = "unnamed project"
	}
	date := reportDate(a)
	if date == "" {
		date = "not recorded in the answers file"
	}
	v := &mdView{
		Title: md(sum.Title) + ": " + project,
		Meta: []string{
			"Rubric: " + md(r.Title) + " (`" + r.ID + "`, version " + md(r.Version) + ")",
			"Date: " + date,
			"Respondent: " + md(a.Respondent.String()),
		},
		Footer: "Rubric content hash `" + r.Hash() + "`.",
	}
	if !a.Complete {
		v.Meta = append(v.Meta, "Status: not finished; the respondent stopped before the end of the questionnaire")
	}
	emoji := ""
	if res.Scored {
		emoji = riskSymbol(res.Risk) + " "
	}
	v.Verdict = emoji + "**" + md(sum.Verdict) + "** " + md(sum.Flags)
	if sum.Forced != "" {
		v.Verdict += " " + md(sum.Forced)
	}
	v.Verdict += " " + md(sum.Scale)
	if sum.Message != "" {
		v.Verdict += "\n\n" + md(sum.Message)
	}
	weakest := sum.Weakest
	if sum.Coverage != "" {
		weakest += " " + sum.Coverage
	}
	for _, p := range []string{sum.Money, weakest, sum.Unknown} {
		if p != "" {
			v.Points = append(v.Points, md(p))
		}
	}
	for _, act := range sum.Actions {
		// The id, not the sign's title: the id finds the action under its
		// sign, and the weakest signs are named just above.
		from := "`" + act.ID + "`"
		if act.Critical {
			from += ", answers a critical red flag"
		}
		v.Actions = append(v.Actions, mdAction{Text: md(act.Text), From: from, Points: act.Points})
	}
	// The other actions are not counted: a count would change a line
	// whenever an action comes or goes.
	// Nor are the gaps: the working at the end adds them up.
	switch more, gaps := len(sum.Plan.Actions) > len(sum.Actions), len(sum.Plan.Gaps) > 0; {
	case more && gaps:
		v.MoreActions = "Other actions, and points lost without advice in the rubric, are under each section."
	case more:
		v.MoreActions = "Other actions are under each section."
	case gaps:
		v.MoreActions = "Points lost without advice in the rubric are under each section."
	}
	v.Chart = mermaidChart(res)
	ix := indexPlan(sum.Plan, a)
	for _, act := range sum.Actions {
		ix.first[act.ID] = true
	}
	for i := range res.Sections {
		v.Blocks = append(v.Blocks, block(&res.Sections[i], res, sum.Plan, ix, titles))
	}
	v.Case = caseView(res)
	working(v, res, sum.Plan, titles)
	practices := ix.practices
	for _, b := range v.Blocks {
		practices = practices || b.practices
	}
	if practices {
		v.Rules = append(v.Rules, "A multiple-choice question's practices are named, a missing one with the points its action wins back; the JSON report has the rubric's advice for each practice, in place or missing.")
	}
	return v
}

// sectionTitles maps section ids to their escaped titles, made unique so
// that headings and references are never ambiguous.
func sectionTitles(r *questions.Rubric) map[string]string {
	titles := make(map[string]string, len(r.Sections))
	for _, s := range r.Sections {
		titles[s.ID] = md(SectionName(r, s))
	}
	return titles
}

// sectionLost is the points of the overall score a section's answers lose
// against the full weights.
func sectionLost(sr *assessment.SectionResult, p *assessment.Plan) float64 {
	lost := 0.0
	for _, qr := range sr.Questions {
		lost += p.Points[qr.Question.ID].Lost
	}
	return lost
}

// tally is a section's points lost, red flags and questions at high and
// medium risk, in one sentence: "12.7 points lost; 2 red flags; 2
// questions at high risk, 1 at medium."
func tally(sr *assessment.SectionResult, p *assessment.Plan) string {
	flags := "no red flag"
	if n := len(sr.Flags); n > 0 {
		flags = itoa(n) + " red " + oneOf(n == 1, "flag", "flags")
	}
	var at string
	switch h, m := sr.HighQuestions, sr.MediumQuestions; {
	case h == 0 && m == 0:
		at = "no question at high or medium risk"
	case m == 0:
		at = itoa(h) + oneOf(h == 1, " question", " questions") + " at high risk, none at medium"
	case h == 0:
		at = itoa(m) + oneOf(m == 1, " question", " questions") + " at medium risk, none at high"
	default:
		at = itoa(h) + oneOf(h == 1, " question", " questions") + " at high risk, " + itoa(m) + " at medium"
	}
	return Points(sectionLost(sr, p)) + " points lost; " + flags + "; " + at + "."
}

// planIndex files a plan's actions, gaps and next steps by question id.
type planIndex struct {
	actions map[string][]assessment.PlanAction
	gaps    map[string]float64
	next    map[string][]assessment.NextStep
	// first holds the ids of the actions the summary shows, which the
	// sections name without repeating their text.
	first map[string]bool
	// practices is set when advice for a multiple-choice practice, in
	// place or missing, is left to the JSON report.
	practices bool
}

func indexPlan(p *assessment.Plan, a *assessment.Answers) planIndex {
	ix := planIndex{actions: map[string][]assessment.PlanAction{}, gaps: map[string]float64{}, next: map[string][]assessment.NextStep{}, first: map[string]bool{}}
	for _, act := range p.Actions {
		if act.Question != nil {
			ix.actions[act.Question.ID] = append(ix.actions[act.Question.ID], act)
		}
	}
	// Within a question, actions are listed by id, not by rank: a new rank
	// must not move lines.
	for id := range ix.actions {
		slices.SortStableFunc(ix.actions[id], func(x, y assessment.PlanAction) int { return strings.Compare(x.ID, y.ID) })
	}
	for _, g := range p.Gaps {
		ix.gaps[g.Question.ID] += g.Points
	}
	for _, n := range p.NextSteps {
		if an := a.Answers[n.Question.ID]; n.Question.Kind == questions.Multi && n.Option != nil && an != nil && slices.Contains(an.Choices, n.Option.Value) {
			// A practice in place: its answer names it, and the JSON
			// report has its advice, as for a practice missing.
			ix.practices = true
			continue
		}
		ix.next[n.Question.ID] = append(ix.next[n.Question.ID], n)
	}
	return ix
}

// block is one section's part of the report.
func block(sr *assessment.SectionResult, res *assessment.Result, p *assessment.Plan, ix planIndex, titles map[string]string) mdBlock {
	b := mdBlock{Title: titles[sr.Section.ID]}
	switch {
	case !sr.Scored:
		b.Headline = "**Not scored.** No question of this section that counts towards its score has an answer."
		if len(sr.Flags) > 0 {
			b.Headline += " " + tally(sr, p)
		}
	case sr.Forced && sr.ScoreRisk != questions.RiskHigh:
		b.Headline = fmt.Sprintf("**%s / 100, high risk %s**, raised from %s by a critical red flag: %s", num(sr.Score), riskSymbol(sr.Risk), sr.ScoreRisk, tally(sr, p))
	case sr.Risk == questions.RiskUnknown:
		b.Headline = fmt.Sprintf("**%s / 100, unknown risk %s**: %s%% of its weight rests on answers that leave it open; %s", num(sr.Score), riskSymbol(sr.Risk), num(assessment.Round1(sr.UnknownShare)), tally(sr, p))
	default:
		b.Headline = fmt.Sprintf("**%s / 100, %s risk %s**: %s", num(sr.Score), sr.Risk, riskSymbol(sr.Risk), tally(sr, p))
	}
	actions, gaps, next := ix.actions, ix.gaps, ix.next
	a := answersOf(res)
	hasAdvice := false
	var strengths, recorded, notApplicable []string
	for _, qr := range sr.Questions {
		q := qr.Question
		if qr.Status == assessment.Hidden {
			continue
		}
		pts := p.Points[q.ID]
		note := ""
		if an := a.Answers[q.ID]; an != nil {
			note = md(an.Note)
		}
		ref := md(q.Prompt) + " (`" + q.ID + "`)"
		var sub []string
		for _, f := range qr.Flags {
			if f.Critical {
				sub = append(sub, "**Critical red flag:** "+md(f.Text))
			} else {
				sub = append(sub, "Red flag: "+md(f.Text))
			}
		}
		switch {
		case qr.Status == assessment.NotApplicable:
			notApplicable = append(notApplicable, "`"+q.ID+"` because "+quoted(md(qr.Answer.Reason)))
		case qr.Status == assessment.DontKnow:
			// What "don't know" counts as is in the working's rules.
			text := ref + ": \"don't know\""
			if qr.Scored {
				text += fmt.Sprintf("; costs %s points until known", Points(pts.Lost))
			}
			if note != "" {
				sub = append(sub, "Note: "+note)
			}
			b.DontKnow = append(b.DontKnow, mdItem{Text: text + ".", Sub: sub})
			continue
		case qr.Status == assessment.Unanswered:
			text := ref + ": not answered"
			if pts.Full > 0 {
				text += fmt.Sprintf(", worth %s points", Points(pts.Full))
			}
			b.Open = append(b.Open, mdItem{Text: text + "."})
			continue
		case qr.Scored && qr.Score < 100:
			// A red flag says what the answer means better than the
			// question does, so it stands in for the prompt.
			lead := ref + ":"
			if len(sub) > 0 {
				lead = strings.Join(sub, " ") + " `" + q.ID + "`:"
				sub = nil
			}
			// Its score is in the working; what it costs of the overall
			// score is what a reader weighs.
			text := lead + " " + quoted(answerView(qr)) + riskNote(&qr) + "; costs " + Points(pts.Lost) + " points."
			// A missing practice is named with its action's id and points:
			// its label says what to add, and a sentence of advice for each
			// would make a question with many practices missing the
			// longest part of the report. The JSON report has the advice.
			var missing []string
			for _, act := range actions[q.ID] {
				if act.Kind == assessment.FromMissing && act.Option != nil {
					missing = append(missing, md(act.Option.Label)+" (`"+act.ID+"`, "+Points(act.Impact)+")")
					hasAdvice = true
					continue
				}
				label := "Action `" + act.ID + "` (" + Points(act.Impact) + "): "
				if act.ID == q.ID && math.Abs(act.Impact-pts.Lost) < 1e-9 {
					// Its id and points are those of the line above.
					label = "Action: "
				}
				text := md(act.Text)
				if ix.first[act.ID] {
					text = "in the summary's first actions."
				}
				sub = append(sub, label+text)
				hasAdvice = true
			}
			if len(missing) > 0 {
				sub = append(sub, "Missing practices: "+strings.Join(missing, "; ")+".")
				b.practices = true
			}
			switch g := gaps[q.ID]; {
			case g > 0 && len(actions[q.ID]) == 0:
				text = strings.TrimSuffix(text, ".") + ", no advice in the rubric."
			case g > 0:
				sub = append(sub, "No advice in the rubric for "+Points(g)+" of them.")
			}
			var steps []string
			for _, n := range next[q.ID] {
				steps = append(steps, md(n.Text))
			}
			if len(steps) > 0 {
				sub = append(sub, "Next: "+strings.Join(steps, " "))
			}
			if note != "" {
				sub = append(sub, "Note: "+note)
			}
			b.Lost = append(b.Lost, mdItem{Text: text, Sub: sub})
			continue
		case qr.Scored:
			s := "`" + q.ID + "` " + quoted(answerView(qr))
			if rn := riskNote(&qr); rn != "" && rn != ", low risk" {
				s += " (" + strings.TrimPrefix(rn, ", ") + ")"
			}
			strengths = append(strengths, s)
		case !q.Scored() && qr.Status == assessment.Answered && !caseInput(res, q.ID):
			recorded = append(recorded, "`"+q.ID+"` "+quoted(answerView(qr)))
		case !qr.Scored && q.Scored() && qr.Status == assessment.Answered:
			// Answered but in no band, or measured from a date not given.
			b.Open = append(b.Open, mdItem{Text: ref + ": " + quoted(answerView(qr)) + ", not scored (" + md(qr.Reason) + "); worth " + Points(pts.Full) + " points."})
		}
		// One line per question: its steps change together with its answer.
		var steps []string
		for _, n := range next[q.ID] {
			steps = append(steps, md(n.Text))
		}
		if len(steps) > 0 {
			b.NextSteps = append(b.NextSteps, "`"+q.ID+"`: "+strings.Join(steps, " "))
		}
		for _, f := range sub {
			b.Notes = append(b.Notes, "`"+q.ID+"`: "+f)
		}
		if note != "" {
			b.Notes = append(b.Notes, "`"+q.ID+"`: "+note)
		}
	}
	if len(strengths) > 0 {
		b.Strengths = "Full marks: " + strings.Join(strengths, "; ") + "."
	}
	if len(recorded) > 0 {
		b.Recorded = "Recorded, not scored: " + strings.Join(recorded, "; ") + "."
	}
	if len(notApplicable) > 0 {
		b.NotApplicable = "Not applicable, left out of the score: " + strings.Join(notApplicable, "; ") + "."
	}
	if !hasAdvice && sr.Recommendation != "" {
		b.Advice = fmt.Sprintf("The rubric's advice for a section at %s risk: %s", sr.Risk, md(sr.Recommendation))
	}
	return b
}

// riskNote is the risk the rubric gives a chosen option or band, as
// ", medium risk", or "" when it gives none.
func riskNote(qr *assessment.QuestionResult) string {
	q, ans := qr.Question, qr.Answer
	if ans == nil {
		return ""
	}
	var risks []string
	add := func(r questions.Risk) {
		if r != questions.RiskNone && !slices.Contains(risks, string(r)) {
			risks = append(risks, string(r))
		}
	}
	switch assessment.BasisOf(q) {
	case assessment.ByOption:
		if o := q.Option(ans.Text); o != nil {
			add(o.Risk)
		}
	case assessment.ByOptions:
		if r, _ := q.RuleFor(ans.Choices); r != nil {
			add(r.Risk) // the rule that decided speaks for the answer
			break
		}
		for _, c := range ans.Choices {
			if o := q.Option(c); o != nil {
				add(o.Risk)
			}
		}
	case assessment.ByMeasure:
		if !ans.DontKnow {
			add(qr.Risk) // the band's, measured as scoring measures it
		}
	}
	if len(risks) == 0 {
		return ""
	}
	return ", " + strings.Join(risks, " and ") + " risk"
}

// quoted puts an answer in quotation marks unless it is a state in
// italics, like *don't know*.
func quoted(s string) string {
	if strings.HasPrefix(s, "*") {
		return s
	}
	return "\u201c" + s + "\u201d"
}

func caseView(res *assessment.Result) *mdCase {
	s := res.BusinessCase
	if s == nil || res.Rubric.BusinessCase == nil {
		return nil
	}
	c := &mdCase{Available: s.Available, Problem: md(s.Problem)}
	names := caseInputNames(res.Rubric.BusinessCase)
	for _, q := range s.Missing {
		if q != nil {
			c.Missing = append(c.Missing, md(capital(names[q.ID]))+": "+md(q.Prompt)+" (`"+q.ID+"`)")
		}
	}
	if !s.Available {
		return c
	}
	if s.Currency != "" {
		c.Currency = "Amounts are in " + md(s.Currency) + "."
	} else {
		c.Currency = "Amounts are in the answers' currency."
	}
	c.Years = Years(s.HorizonYears)
	c.Inputs = []string{
		"Yearly benefit at full adoption: " + money(s.AnnualBenefit),
		"One-off cost to go live: " + money(s.OneOffCost),
		"Running cost per year: " + money(s.RunningCost),
		"Horizon: " + c.Years,
	}
	if len(s.Scenarios) > 0 {
		// The same at every adoption level, so not a column of the table.
		c.Inputs = append(c.Inputs, "Cost over "+c.Years+": "+money(s.Scenarios[0].Cost))
	}
	if !s.HasAssumed {
		// When given, the table marks its row.
		c.Inputs = append(c.Inputs, "Adoption the case assumes: not given")
	}
	for _, sc := range s.Scenarios {
		row := mdScenario{
			Adoption: num(sc.Adoption) + "%",
			Benefit:  money(sc.Benefit),
			Net:      money(sc.Net),
			ROI:      dash,
			Payback:  PaybackCell(sc, s.HorizonYears),
		}
		if sc.Assumed {
			// As typed: rounded, 74.96 would read as a second 75% row.
			row.Adoption = md(assessment.FormatNumber(sc.Adoption)) + "% (assumed)"
		}
		if sc.HasROI {
			row.ROI = num(sc.ROI) + "%"
		}
		c.Scenarios = append(c.Scenarios, row)
	}
	// The summary names the break-even adoption, or says why there is
	// none or why it is out of reach.
	c.Summary = md(s.Summary())
	return c
}

// PaybackCell is a scenario's payback as a table shows it: months within
// the horizon, else words: "30.5 months", "not within 5 years", "never".
func PaybackCell(sc assessment.Scenario, years float64) string {
	switch when, months := payback(sc, years); when {
	case paysNever:
		return "never"
	case paysAtOnce:
		return "at once"
	case paysAfterHorizon:
		return "not within " + Years(years)
	default:
		return num(months) + " months"
	}
}

func working(v *mdView, res *assessment.Result, p *assessment.Plan, titles map[string]string) {
	r := res.Rubric
	v.Rules = []string{
		fmt.Sprintf("A question scores 0 to 100 as the rubric sets for its answer, chosen options adding up; \"don't know\" scores %s; questions unanswered or not asked are left out.", num(r.DontKnowScore)),
		"Points = score × weight/total, the total being the weight of the section's scored questions; a section's score is the sum of its points, and the overall score the sum of each section's share × score.",
		"Points lost and actions count against the full weights, so missing answers never make them grow.",
	}
	if r.Unknown != nil {
		v.Rules = append(v.Rules, fmt.Sprintf("A section, or the whole result, is at unknown risk when \"don't know\" answers and answers the rubric counts as unknown carry more than %s%% of its scored weight; a critical red flag still makes it high. Here: overall %s%%.", num(r.Unknown.Share), num(assessment.Round1(res.UnknownShare))))
	}
	var terms []string
	for _, sr := range res.Sections {
		if sr.Scored {
			terms = append(terms, pct(sr.Share)+" × "+num(sr.Score))
		}
	}
	if res.Scored {
		v.Overall = "Overall score: " + strings.Join(terms, " + ") + " = " + num(res.Score) + "."
	} else {
		v.Overall = "Overall score: not scored."
	}
	inActions, gaps := 0.0, 0.0
	for _, act := range p.Actions {
		inActions += act.Impact
	}
	for _, g := range p.Gaps {
		gaps += g.Points
	}
	v.Ledger = fmt.Sprintf("Against the full weights the answers earn %s points and lose %s: %s under actions, %s without advice", Points(p.Earned), Points(p.Lost), Points(inActions), Points(gaps))
	if p.DontKnowLost > 0 {
		v.Ledger += fmt.Sprintf(" (the actions include %s lost to \"don't know\")", Points(p.DontKnowLost))
	}
	if p.Unknown > 0 {
		v.Ledger += fmt.Sprintf("; %s rest on questions without a scored answer", Points(p.Unknown))
	}
	v.Ledger += "."
	for _, sr := range res.Sections {
		wk := mdWorking{Intro: "`" + sr.Section.ID + "`:"}
		if sr.Bands.Low != r.Bands.Low || sr.Bands.Medium != r.Bands.Medium {
			wk.Intro += fmt.Sprintf(" Its own bands: %s or more is low risk, %s or more medium.", num(sr.Bands.Low), num(sr.Bands.Medium))
		}
		total := 0.0 // the weight of the section's scored questions
		for _, qr := range sr.Questions {
			if qr.Scored {
				total += qr.Question.Weight
			}
		}
		var hidden []string
		for _, qr := range sr.Questions {
			q := qr.Question
			switch {
			case !q.Scored():
				continue // never counts; its answer is shown in its section's block
			case qr.Status == assessment.Hidden:
				// One line for all of them: they only show their weights.
				hidden = append(hidden, "`"+q.ID+"` (weight "+num(q.Weight)+")")
				continue
			}
			wk.Rows = append(wk.Rows, workingLine(qr, res.Answers, total))
		}
		if len(hidden) > 0 {
			wk.Rows = append(wk.Rows, "Not asked: "+strings.Join(hidden, ", "))
		}
		v.Working = append(v.Working, wk)
	}
}

// workingLine shows how a question's points were reached: score × share
// = points, the share written as its weight over the total weight of the
// section's scored questions, and, where the answer alone does not say
// it, how the score was found (the band a number fell in, the chosen
// options' sum).
func workingLine(qr assessment.QuestionResult, a *assessment.Answers, total float64) string {
	q := qr.Question
	line := "`" + q.ID + "`: "
	weight := "weight " + num(q.Weight)
	switch {
	case qr.Status == assessment.Hidden:
		return line + "not asked (" + weight + ")"
	case qr.Status == assessment.Unanswered:
		return line + "left out (" + weight + ")"
	case qr.Status == assessment.NotApplicable:
		return line + "not applicable, left out (" + weight + ")"
	case !qr.Scored:
		return line + "not scored: " + md(qr.Reason) + " (" + weight + ")"
	}
	how := ""
	switch assessment.BasisOf(q) {
	case assessment.ByOptions:
		if qr.Rule > 0 && qr.Status != assessment.DontKnow {
			how = "rule " + itoa(qr.Rule) + " (" + md(q.Rules[qr.Rule-1].When.String()) + ") decides"
			break
		}
		var parts []string
		sum := 0.0
		for _, c := range qr.Answer.Choices {
			if o := q.Option(c); o != nil {
				parts = append(parts, num(o.Score))
				sum += o.Score
			}
		}
		switch {
		case qr.Status == assessment.DontKnow:
		case len(parts) > 1 && sum > 100:
			how = strings.Join(parts, " + ") + ", capped at 100"
		case len(parts) > 1:
			how = strings.Join(parts, " + ")
		}
	case assessment.ByMeasure:
		if qr.Status == assessment.DontKnow {
			break
		}
		x, b, ok := assessment.Measured(q, qr.Answer, a)
		switch {
		case !ok:
		case b == nil && q.Min != nil && q.Max != nil:
			how = "on a straight line from " + num(*q.Min) + " to " + num(*q.Max)
		case b != nil && q.RelativeTo != "": // a date, measured in months
			ref := "the assessment date"
			if q.RelativeTo != questions.RelativeToAssessment {
				ref = "`" + q.RelativeTo + "`"
			}
			how = num(x) + " months after " + ref + ", band " + bandRange(b, "")
		case b != nil:
			unit := ""
			if q.Unit == "%" {
				unit = "%"
			}
			how = "band " + bandRange(b, unit)
		}
	}
	if qr.Status == assessment.DontKnow {
		how = "don't know"
	}
	// The share as weight/total: the same figure as a percentage, exact,
	// and it shows the weight.
	line += num(qr.Score) + " × " + num(q.Weight) + "/" + num(total) + " = " + num(qr.Points)
	if how != "" {
		line += " (" + how + ")"
	}
	return line
}

// bandRange is a scoring band in words: "60 to under 80", "80 or more",
// "under 60".
func bandRange(b *questions.ScoreBand, unit string) string {
	switch {
	case b.From != nil && b.To != nil:
		return num(*b.From) + " to under " + num(*b.To) + unit
	case b.From != nil:
		return num(*b.From) + unit + " or more"
	case b.To != nil:
		return "under " + num(*b.To) + unit
	}
	return "of every value"
}

// answerView is the answer as a reader sees it, escaped; the states without
// an answer are in italics, so they cannot be mistaken for one.
func answerView(qr assessment.QuestionResult) string {
	switch qr.Status {
	case assessment.Hidden:
		return "*not asked*"
	case assessment.Unanswered:
		return "*not answered*"
	case assessment.DontKnow:
		return "*don't know*"
	case assessment.NotApplicable:
		return "*not applicable*"
	}
	q := qr.Question
	return cell(md(assessment.AnswerInContext(q, qr.Answer)))
}

// cell keeps an empty table cell from being printed as "|  |", which
// markdownlint (MD060) reads as misaligned: it shows a dash instead.
func cell(s string) string {
	if s == "" {
		return dash
	}
	return s
}

// caseInput reports whether a question holds a figure of the business
// case, which its own section shows when the case can be worked out.
func caseInput(res *assessment.Result, id string) bool {
	bc := res.Rubric.BusinessCase
	if bc == nil || res.BusinessCase == nil || !res.BusinessCase.Available {
		return false
	}
	return id == bc.AnnualBenefit || id == bc.OneOffCost || id == bc.RunningCost || id == bc.HorizonYears || id == bc.AssumedAdoption
}
