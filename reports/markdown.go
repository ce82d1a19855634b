package reports

import (
	"embed"
	"fmt"
	"io"
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

// The view types hold the markdown report's content, already escaped with
// md. Ids and numbers are safe as they are.
type mdView struct {
	Title, RubricTitle, RubricID, RubricVersion string
	Date, Respondent                            string
	Incomplete                                  bool

	Headline, FlagsLine, CompletenessLine, DoFirst string

	Chart *mdChart
	Table []mdTableRow

	Sections      []mdSection
	Flags         []mdFlag
	Actions       []mdAction
	Case          *mdCase
	DontKnow      []mdQuestionRef
	Unanswered    []mdQuestionRef
	Unknowns      string // the sentence before the lists
	DontKnowScore string

	Rules        []string
	Overall      []mdOverallRow
	OverallScore string
	Working      []mdWorking
	Appendix     []mdAppendix

	Hash, Version string
}

type mdChart struct {
	Labels, Bars, Line string
	Left               string // sentence on sections left out, or ""
}

type mdTableRow struct{ Title, Score, Risk, Flags, Share string }

type mdSection struct {
	Title, Headline, Why      string
	Flags                     []string
	RecommendationFor, Advice string
	// NextSteps is the advice of practices already in place: not ranked
	// as actions, since it wins back no points.
	NextSteps []string
	Counts    string
}

type mdFlag struct {
	Critical                                  bool
	Text, Section, ID, Prompt, Answer, Advice string
}

type mdAction struct {
	N                         int
	Text, Impact, Section, ID string
}

type mdCase struct {
	Available          bool
	Missing            []mdQuestionRef
	Problem            string
	Currency           string
	Inputs             []string
	Years              string
	Scenarios          []mdScenario
	BreakEven, Summary string
}

type mdScenario struct{ Adoption, Benefit, Cost, Net, ROI, Payback string }

type mdQuestionRef struct{ Section, ID, Prompt string }

type mdOverallRow struct{ Title, Score, Weight, Share, Points string }

type mdWorking struct {
	Title, Intro string
	Rows         []mdWorkingRow
}

type mdWorkingRow struct{ ID, Answer, Score, Reason, Weight, Share, Points string }

type mdAppendix struct {
	Title string
	Rows  []mdAppendixRow
}

type mdAppendixRow struct{ Prompt, ID, Answer, Note string }

func renderMarkdown(w io.Writer, res *assessment.Result, opt Options) error {
	v := buildMarkdown(res, opt)
	if err := mdTemplate().Execute(w, v); err != nil {
		return fmt.Errorf("render markdown report: %w", err)
	}
	return nil
}

const dash = "–"

func buildMarkdown(res *assessment.Result, opt Options) *mdView {
	r := res.Rubric
	a := answersOf(res)
	titles := sectionTitles(r)
	v := &mdView{
		Title:         md(a.Project),
		RubricTitle:   md(r.Title),
		RubricID:      r.ID,
		RubricVersion: md(r.Version),
		Date:          reportDate(a),
		Respondent:    md(a.Respondent.String()),
		Incomplete:    !a.Complete,
		Hash:          r.Hash(),
		Version:       md(opt.Version),
	}
	if v.Title == "" {
		v.Title = "unnamed project"
	}
	if v.Date == "" {
		v.Date = "not recorded in the answers file"
	}
	if v.Version == "" {
		v.Version = "(version unknown)"
	}
	summary(v, res)
	chart(v, res, titles)
	for i := range res.Sections {
		v.Sections = append(v.Sections, sectionView(&res.Sections[i], titles))
	}
	for _, f := range res.Flags {
		v.Flags = append(v.Flags, mdFlag{
			Critical: f.Critical, Text: md(f.Text), Section: titles[f.Section.ID],
			ID: f.Question.ID, Prompt: md(f.Question.Prompt), Answer: md(f.Answer), Advice: md(f.Recommendation),
		})
	}
	for i, act := range res.Actions {
		v.Actions = append(v.Actions, mdAction{N: i + 1, Text: md(act.Text), Impact: points(act.Impact), Section: titles[act.Section.ID], ID: act.Question.ID})
	}
	v.Case = caseView(res, titles)
	unknowns(v, res, titles)
	working(v, res, titles)
	return v
}

// sectionTitles maps section ids to their escaped titles, made unique so
// that headings and references are never ambiguous.
func sectionTitles(r *questions.Rubric) map[string]string {
	titles := make(map[string]string, len(r.Sections))
	seen := map[string]bool{}
	for _, s := range r.Sections {
		t := md(s.Title)
		if seen[t] {
			t += " (`" + s.ID + "`)"
		}
		seen[t] = true
		titles[s.ID] = t
	}
	return titles
}

func summary(v *mdView, res *assessment.Result) {
	b := res.Rubric.Bands
	bands := fmt.Sprintf("Scores run from 0 to 100, higher is healthier: %s or more is low risk, %s or more medium risk, below that high risk.", num(b.Low), num(b.Medium))
	switch {
	case res.Scored && res.Forced:
		v.Headline = fmt.Sprintf("**Overall score: %s / 100, high risk %s.** The score alone is %s risk; a critical red flag raises the result to high. %s", num(res.Score), riskSymbol(res.Risk), res.Rubric.Bands.Risk(res.Score), bands)
	case res.Scored:
		v.Headline = fmt.Sprintf("**Overall score: %s / 100, %s risk %s.** %s", num(res.Score), res.Risk, riskSymbol(res.Risk), bands)
	default:
		v.Headline = "**Overall score: not scored.** No question that counts towards a score has been answered yet. " + bands
	}
	critical := 0
	for _, f := range res.Flags {
		if f.Critical {
			critical++
		}
	}
	switch {
	case len(res.Flags) == 0:
		v.FlagsLine = "Red flags: none."
	case critical > 0:
		v.FlagsLine = fmt.Sprintf("Red flags: %d, of which %d critical (a critical flag puts its section and the overall result at high risk, whatever the scores).", len(res.Flags), critical)
	default:
		v.FlagsLine = fmt.Sprintf("Red flags: %d, none of them critical.", len(res.Flags))
	}
	visible, answered, dk, unanswered := 0, 0, 0, 0
	for _, sr := range res.Sections {
		visible += sr.Visible
		answered += sr.Answered
		dk += sr.DontKnow
		unanswered += sr.Unanswered
	}
	v.CompletenessLine = fmt.Sprintf("Completeness: %s%%. Of the %d questions asked, %d have an answer", num(res.Completeness), visible, answered+dk)
	if dk > 0 {
		v.CompletenessLine += fmt.Sprintf(" (%d of them \"don't know\")", dk)
	}
	v.CompletenessLine += fmt.Sprintf(" and %d %s unanswered.", unanswered, oneOf(unanswered == 1, "is", "are"))
	if n := res.ScoredSections(); res.Scored && n < len(res.Sections) {
		v.CompletenessLine += fmt.Sprintf(" The overall score covers only %d of the %d sections; %s no scored answer yet.", n, len(res.Sections), oneOf(len(res.Sections)-n == 1, "the other has", "the others have"))
	}
	step := doFirst(res)
	v.DoFirst = "Do first: " + md(step.Text)
	if step.Why != "" {
		where := md(step.Section)
		if step.Question != "" {
			where += ", question `" + step.Question + "`"
		}
		if where != "" {
			where = "; " + where
		}
		v.DoFirst += " (" + step.Why + where + ")"
	}
}

func chart(v *mdView, res *assessment.Result, titles map[string]string) {
	var labels, bars, line []string
	left := 0
	for _, sr := range res.Sections {
		v.Table = append(v.Table, mdTableRow{
			Title: titles[sr.Section.ID],
			Score: scoreText(sr.Scored, sr.Score),
			Risk:  riskText(sr.Risk),
			Flags: itoa(len(sr.Flags)),
			Share: shareText(sr.Scored, sr.Share),
		})
		if !sr.Scored {
			left++
			continue
		}
		labels = append(labels, `"`+sr.Section.ID+`"`)
		bars = append(bars, num(sr.Score))
		line = append(line, num(sr.Bands.Low))
	}
	if len(bars) == 0 {
		return
	}
	c := &mdChart{Labels: strings.Join(labels, ", "), Bars: strings.Join(bars, ", "), Line: strings.Join(line, ", ")}
	if left > 0 {
		c.Left = fmt.Sprintf(" %s not be scored and %s left out of the chart.", plural(left, "section could", "sections could"), oneOf(left == 1, "is", "are"))
	}
	v.Chart = c
}

func scoreText(scored bool, score float64) string {
	if !scored {
		return "not scored"
	}
	return num(score)
}

func shareText(scored bool, share float64) string {
	if !scored {
		return dash
	}
	return pct(share)
}

func sectionView(sr *assessment.SectionResult, titles map[string]string) mdSection {
	s := mdSection{Title: titles[sr.Section.ID], Why: md(sr.Section.Why)}
	switch {
	case !sr.Scored:
		s.Headline = "**Not scored.** No question of this section that counts towards its score has an answer."
	case sr.Forced && sr.ScoreRisk != questions.RiskHigh:
		s.Headline = fmt.Sprintf("**Score %s / 100, high risk %s.** The score alone is %s risk; a critical red flag raises the section to high.", num(sr.Score), riskSymbol(sr.Risk), sr.ScoreRisk)
	default:
		s.Headline = fmt.Sprintf("**Score %s / 100, %s risk %s.**", num(sr.Score), sr.Risk, riskSymbol(sr.Risk))
	}
	for _, f := range sr.Flags {
		t := md(f.Text) + ` (answer to ` + "`" + f.Question.ID + "`" + `: "` + md(f.Answer) + `")`
		if f.Critical {
			t = "**Critical:** " + t
		}
		s.Flags = append(s.Flags, t)
	}
	if sr.Recommendation != "" {
		s.RecommendationFor = string(sr.Risk)
		s.Advice = md(sr.Recommendation)
	}
	for _, qr := range sr.Questions {
		for _, a := range qr.Advice {
			if a.Points == 0 && qr.Question.Kind == questions.Multi {
				s.NextSteps = append(s.NextSteps, md(a.Text)+" (question `"+qr.Question.ID+"`)")
			}
		}
	}
	hidden := len(sr.Questions) - sr.Visible
	s.Counts = fmt.Sprintf("Questions: %d asked, %d answered", sr.Visible, sr.Answered+sr.DontKnow)
	if sr.DontKnow > 0 {
		s.Counts += fmt.Sprintf(" (%d with \"don't know\")", sr.DontKnow)
	}
	s.Counts += fmt.Sprintf(", %d unanswered", sr.Unanswered)
	if hidden > 0 {
		s.Counts += fmt.Sprintf("; %s not asked because of earlier answers", plural(hidden, "question", "questions"))
	}
	s.Counts += "."
	return s
}

func caseView(res *assessment.Result, titles map[string]string) *mdCase {
	s := res.BusinessCase
	if s == nil {
		return nil
	}
	c := &mdCase{Available: s.Available, Problem: md(s.Problem)}
	for _, q := range s.Missing {
		c.Missing = append(c.Missing, mdQuestionRef{Section: titles[q.Section.ID], ID: q.ID, Prompt: md(q.Prompt)})
	}
	if !s.Available {
		return c
	}
	if s.Currency != "" {
		c.Currency = "Amounts are in " + md(s.Currency) + "."
	} else {
		c.Currency = "Amounts are in the currency the answers were given in."
	}
	c.Years = num(s.HorizonYears) + " " + oneOf(s.HorizonYears == 1, "year", "years")
	assumed := "not given"
	if s.HasAssumed {
		assumed = num(s.Assumed) + "%"
	}
	c.Inputs = []string{
		"Yearly benefit at full adoption: " + money(s.AnnualBenefit),
		"One-off cost to go live: " + money(s.OneOffCost),
		"Running cost per year: " + money(s.RunningCost),
		"Horizon: " + c.Years,
		"Adoption the case assumes: " + assumed,
	}
	for _, sc := range s.Scenarios {
		row := mdScenario{
			Adoption: num(sc.Adoption) + "%",
			Benefit:  money(sc.Benefit),
			Cost:     money(sc.Cost),
			Net:      money(sc.Net),
			ROI:      dash,
			Payback:  "never",
		}
		if sc.Assumed {
			// As typed: rounded, 74.96 would read as a second 75% row.
			row.Adoption = md(assessment.FormatNumber(sc.Adoption)) + "% (assumed)"
		}
		if sc.HasROI {
			row.ROI = num(sc.ROI) + "%"
		}
		if sc.Pays {
			switch months := roundTo(sc.PaybackMonths, 1); {
			case months == 0:
				row.Payback = "at once"
			case months > 12*s.HorizonYears:
				row.Payback = num(months) + " months (after the horizon)"
			default:
				row.Payback = num(months) + " months"
			}
		}
		c.Scenarios = append(c.Scenarios, row)
	}
	switch {
	case !s.HasBreakEven && s.OneOffCost+s.RunningCost*s.HorizonYears == 0:
		c.BreakEven = "Break-even adoption: none; with no cost and no benefit, there is nothing to pay back."
	case !s.HasBreakEven:
		c.BreakEven = "Break-even adoption: none; with no benefit, no adoption level pays back."
	case !s.Reachable:
		c.BreakEven = fmt.Sprintf("Break-even adoption: %s%%, which is more than everyone; the case cannot pay back within the horizon.", num(s.BreakEven))
	default:
		c.BreakEven = fmt.Sprintf("Break-even adoption: %s%%, the adoption at which the benefit over the horizon equals the cost.", num(s.BreakEven))
	}
	c.Summary = md(s.Summary())
	return c
}

func unknowns(v *mdView, res *assessment.Result, titles map[string]string) {
	ref := func(q *questions.Question) mdQuestionRef {
		return mdQuestionRef{Section: titles[q.Section.ID], ID: q.ID, Prompt: md(q.Prompt)}
	}
	for _, q := range res.DontKnow {
		v.DontKnow = append(v.DontKnow, ref(q))
	}
	for _, q := range res.Unanswered {
		v.Unanswered = append(v.Unanswered, ref(q))
	}
	v.DontKnowScore = num(res.Rubric.DontKnowScore)
	if len(v.DontKnow) == 0 && len(v.Unanswered) == 0 {
		v.Unknowns = "Every question that was asked has an answer, and none of them is \"don't know\"."
	} else {
		v.Unknowns = "Gaps in what the team knows are findings too. They are listed here rather than averaged away."
	}
}

func working(v *mdView, res *assessment.Result, titles map[string]string) {
	r := res.Rubric
	v.Rules = []string{
		"Each question scores from 0 to 100 from its answer, higher is healthier: the rubric gives the score of every option, and of every range of numbers or dates. The scores of the options chosen in a multiple-choice question add up, capped at 100; a scale question without ranges scores its lowest value 0 and its highest 100.",
		fmt.Sprintf("\"Don't know\" counts as a score of %s. Unanswered questions, and questions not asked because of earlier answers, are left out of the scores.", num(r.DontKnowScore)),
		"A section's score is the weighted mean of its scored questions: a question's share is its weight divided by the total weight of the section's scored questions, its points are share × score, and the points add up to the section's score.",
		"The overall score is the weighted mean of the scored sections, worked out the same way from the section weights.",
		fmt.Sprintf("Risk: a score of %s or more is low risk, %s or more is medium risk, anything lower is high risk. A critical red flag raises its section, and the overall result, to high risk whatever the scores.", num(r.Bands.Low), num(r.Bands.Medium)),
		"An action's impact is the number of points of the overall score it stands to win back: section share × question share × the points at stake. For a chosen answer those are all the points the question loses (100 − question score); for a good practice missing from a multiple-choice answer, the points that option would add.",
		"Shares and points are shown rounded to one decimal, so a column can be off by 0.1 from the total.",
	}
	for _, sr := range res.Sections {
		row := mdOverallRow{Title: titles[sr.Section.ID], Score: scoreText(sr.Scored, sr.Score), Weight: num(sr.Section.Weight), Share: shareText(sr.Scored, sr.Share), Points: dash}
		if sr.Scored {
			row.Points = num(sr.Share * sr.Score)
		}
		v.Overall = append(v.Overall, row)
	}
	v.OverallScore = scoreText(res.Scored, res.Score)
	a := answersOf(res)
	for _, sr := range res.Sections {
		wk := mdWorking{Title: titles[sr.Section.ID]}
		bandsNote := ""
		if sr.Bands.Low != r.Bands.Low || sr.Bands.Medium != r.Bands.Medium {
			bandsNote = fmt.Sprintf(" This section has its own bands: %s or more is low risk, %s or more medium risk.", num(sr.Bands.Low), num(sr.Bands.Medium))
		}
		switch {
		case !sr.Scored:
			wk.Intro = "Not scored: none of the questions below that count towards a score has an answer." + bandsNote
		case sr.Forced && sr.ScoreRisk != questions.RiskHigh:
			wk.Intro = fmt.Sprintf("Score %s, the sum of the points below: %s risk by its score, raised to high by a critical red flag.%s", num(sr.Score), sr.ScoreRisk, bandsNote)
		default:
			wk.Intro = fmt.Sprintf("Score %s, the sum of the points below: %s risk.%s", num(sr.Score), sr.Risk, bandsNote)
		}
		ap := mdAppendix{Title: titles[sr.Section.ID]}
		for _, qr := range sr.Questions {
			q := qr.Question
			ans := answerView(qr)
			row := mdWorkingRow{ID: q.ID, Answer: ans, Score: dash, Reason: cell(md(qr.Reason)), Weight: num(q.Weight), Share: dash, Points: dash}
			if !q.Scored() {
				row.Weight = dash // never counts, whatever the rubric's weight
			}
			if qr.Scored {
				row.Score = num(qr.Score)
				row.Share = pct(qr.Share)
				row.Points = num(qr.Points)
			}
			wk.Rows = append(wk.Rows, row)
			note := ""
			if an := a.Answers[q.ID]; an != nil && qr.Status != assessment.Hidden {
				note = md(an.Note)
			}
			ap.Rows = append(ap.Rows, mdAppendixRow{Prompt: md(q.Prompt), ID: q.ID, Answer: ans, Note: cell(note)})
		}
		v.Working = append(v.Working, wk)
		v.Appendix = append(v.Appendix, ap)
	}
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
	}
	q := qr.Question
	text := md(assessment.AnswerText(q, qr.Answer))
	if q.Kind == questions.Scale && q.Min != nil && q.Max != nil {
		text += " on a scale from " + num(*q.Min) + scaleLabel(q.LowLabel) + " to " + num(*q.Max) + scaleLabel(q.HighLabel)
	}
	return cell(text)
}

func scaleLabel(s string) string {
	if s == "" {
		return ""
	}
	return " (" + md(s) + ")"
}

// cell keeps an empty table cell from being printed as "|  |", which
// markdownlint (MD060) reads as misaligned: it shows a dash instead.
func cell(s string) string {
	if s == "" {
		return dash
	}
	return s
}
