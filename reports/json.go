package reports

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/vitals-dev/vitals/assessment"
	"github.com/vitals-dev/vitals/questions"
)

// SchemaVersion is the version of the JSON report's shape, documented in
// docs/report-json.md. It changes only when a key is removed, renamed or
// changes meaning; new keys may be added without a change. Version 2 split
// the advice for practices in place from the advice for what is missing,
// and measures actions against the full weights.
const SchemaVersion = 2

// The JSON report. Structs, not maps, so the key order is fixed; every key
// is always present (null or empty when there is nothing to say), so tools
// need not guess whether a key was left out.
type jsonReport struct {
	SchemaVersion int            `json:"schema_version"`
	Generator     jsonGenerator  `json:"generator"`
	Rubric        jsonRubric     `json:"rubric"`
	Project       string         `json:"project"`
	ProjectID     string         `json:"project_id"`
	Respondent    jsonRespondent `json:"respondent"`
	Date          string         `json:"date"`
	Started       string         `json:"started"`
	Updated       string         `json:"updated"`
	Complete      bool           `json:"complete"`
	Summary       jsonSummary    `json:"summary"`
	Sections      []jsonSection  `json:"sections"`
	Flags         []jsonFlag     `json:"flags"`
	Actions       []jsonAction   `json:"actions"`
	Gaps          []jsonGap      `json:"gaps"`
	BusinessCase  *jsonCase      `json:"business_case"`
	DontKnow      []jsonRef      `json:"dont_know"`
	Unanswered    []jsonRef      `json:"unanswered"`
	Since         *Since         `json:"since"`
}

type jsonGenerator struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

type jsonRubric struct {
	ID            string    `json:"id"`
	Title         string    `json:"title"`
	ReportTitle   string    `json:"report_title"`
	Version       string    `json:"version"`
	Hash          string    `json:"hash"`
	Bands         jsonBands `json:"bands"`
	DontKnowScore float64   `json:"dont_know_score"`
}

type jsonBands struct {
	Low    float64 `json:"low"`
	Medium float64 `json:"medium"`
}

type jsonRespondent struct {
	Name    string `json:"name"`
	Role    string `json:"role"`
	Display string `json:"display"`
}

type jsonSummary struct {
	Scored bool     `json:"scored"`
	Score  *float64 `json:"score"`
	Risk   string   `json:"risk"`
	Forced bool     `json:"forced"`
	// UnknownShare is the percentage of the weight resting on answers
	// that leave the result open; only for rubrics with an unknown rule.
	UnknownShare  *float64   `json:"unknown_share,omitempty"`
	RedFlags      int        `json:"red_flags"`
	CriticalFlags int        `json:"critical_flags"`
	Completeness  float64    `json:"completeness"`
	Known         float64    `json:"known"`
	Counts        jsonCounts `json:"counts"`
	Points        jsonPoints `json:"points"`
	Weakest       []string   `json:"weakest"`
	FirstActions  []string   `json:"first_actions"`
	Text          jsonText   `json:"text"`
}

// jsonPoints accounts for the 100 points of the overall score against the
// full weights.
type jsonPoints struct {
	Earned       float64 `json:"earned"`
	Lost         float64 `json:"lost"`
	Unknown      float64 `json:"unknown"`
	InActions    float64 `json:"in_actions"`
	InGaps       float64 `json:"in_gaps"`
	DontKnowLost float64 `json:"dont_know_lost"`
}

// jsonText is the summary as the report words it.
type jsonText struct {
	Verdict string `json:"verdict"`
	Money   string `json:"money"`
	Weakest string `json:"weakest"`
	Unknown string `json:"unknown"`
	Flags   string `json:"flags"`
}

type jsonCounts struct {
	Questions  int `json:"questions"`
	Asked      int `json:"asked"`
	Answered   int `json:"answered"`
	DontKnow   int `json:"dont_know"`
	Unanswered int `json:"unanswered"`
	NotAsked   int `json:"not_asked"`
	// NotApplicable counts the answers "not applicable", which are
	// among Answered; left out when there are none.
	NotApplicable int `json:"not_applicable,omitempty"`
	// High and Medium count the questions whose answer carries that risk;
	// in sections only.
	High   *int `json:"high,omitempty"`
	Medium *int `json:"medium,omitempty"`
	// Unknown counts the answers whose risk is unknown; in sections of
	// rubrics with an unknown rule only.
	Unknown *int `json:"unknown,omitempty"`
}

type jsonSection struct {
	ID             string         `json:"id"`
	Title          string         `json:"title"`
	Weight         float64        `json:"weight"`
	Share          *float64       `json:"share"`
	Scored         bool           `json:"scored"`
	Score          *float64       `json:"score"`
	ScoreRisk      string         `json:"score_risk"`
	Risk           string         `json:"risk"`
	Forced         bool           `json:"forced"`
	UnknownShare   *float64       `json:"unknown_share,omitempty"`
	Bands          jsonBands      `json:"bands"`
	Recommendation string         `json:"recommendation"`
	Lost           float64        `json:"lost"`
	Counts         jsonCounts     `json:"counts"`
	Questions      []jsonQuestion `json:"questions"`
}

type jsonQuestion struct {
	ID     string             `json:"id"`
	Prompt string             `json:"prompt"`
	Kind   string             `json:"kind"`
	Weight float64            `json:"weight"`
	Status string             `json:"status"`
	Answer *jsonAnswer        `json:"answer"`
	Scored bool               `json:"scored"`
	Score  *float64           `json:"score"`
	Share  *float64           `json:"share"`
	Points *float64           `json:"points"`
	Lost   *float64           `json:"lost"`
	Reason string             `json:"reason"`
	Flags  []jsonQuestionFlag `json:"flags"`
	Advice jsonAdvice         `json:"advice"`
}

// jsonAdvice separates the advice for what the answer lacks, which wins
// back points, from the advice for practices already in place, which does
// not.
type jsonAdvice struct {
	Missing []jsonAdviceItem `json:"missing"`
	InPlace []string         `json:"in_place"`
}

// jsonAdviceItem names an action of the top-level list, whose text it
// does not repeat.
type jsonAdviceItem struct {
	Action string  `json:"action"`
	Impact float64 `json:"impact"`
}

type jsonAnswer struct {
	// Value is the raw answer: an option value, a list of them, a number,
	// a date or text; null for "don't know" and "not applicable".
	Value    any    `json:"value"`
	Text     string `json:"text"`
	DontKnow bool   `json:"dont_know"`
	// NotApplicable answers are left out of scoring, for the reason
	// given; both keys are left out of other answers.
	NotApplicable bool   `json:"not_applicable,omitempty"`
	Reason        string `json:"reason,omitempty"`
	Note          string `json:"note"`
}

type jsonQuestionFlag struct {
	Text     string `json:"text"`
	Critical bool   `json:"critical"`
}

type jsonFlag struct {
	Section        string `json:"section"`
	Question       string `json:"question"`
	Text           string `json:"text"`
	Critical       bool   `json:"critical"`
	Answer         string `json:"answer"`
	Recommendation string `json:"recommendation"`
}

type jsonAction struct {
	ID       string  `json:"id"`
	Kind     string  `json:"kind"`
	Section  string  `json:"section"`
	Question string  `json:"question"`
	Option   string  `json:"option"`
	Text     string  `json:"text"`
	Impact   float64 `json:"impact"`
	Stake    float64 `json:"stake"`
}

type jsonGap struct {
	Section  string  `json:"section"`
	Question string  `json:"question"`
	Points   float64 `json:"points"`
}

type jsonCase struct {
	Available bool           `json:"available"`
	Missing   []string       `json:"missing"`
	Problem   string         `json:"problem"`
	Currency  string         `json:"currency"`
	Inputs    jsonCaseInputs `json:"inputs"`
	Scenarios []jsonScenario `json:"scenarios"`
	BreakEven *float64       `json:"break_even"`
	Reachable bool           `json:"reachable"`
	Summary   string         `json:"summary"`
}

// actionKind is the stable name of an action's kind in JSON.
func actionKind(k assessment.ActionKind) string {
	switch k {
	case assessment.FromMissing:
		return "missing_practice"
	case assessment.FindOut:
		return "find_out"
	}
	return "answer"
}

type jsonCaseInputs struct {
	AnnualBenefit   *float64 `json:"annual_benefit"`
	OneOffCost      *float64 `json:"one_off_cost"`
	RunningCost     *float64 `json:"running_cost"`
	HorizonYears    *float64 `json:"horizon_years"`
	AssumedAdoption *float64 `json:"assumed_adoption"`
}

type jsonScenario struct {
	Adoption      float64  `json:"adoption"`
	Assumed       bool     `json:"assumed"`
	Benefit       float64  `json:"benefit"`
	Cost          float64  `json:"cost"`
	Net           float64  `json:"net"`
	ROI           *float64 `json:"roi"`
	PaybackMonths *float64 `json:"payback_months"`
}

type jsonRef struct {
	Section  string `json:"section"`
	Question string `json:"question"`
	Prompt   string `json:"prompt"`
}

func renderJSON(w io.Writer, res *assessment.Result, opt Options) error {
	doc := buildJSON(res, opt)
	doc.Since = opt.Since
	b, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return fmt.Errorf("render JSON report: %w", err)
	}
	b = append(terminalSafeJSON(b), '\n')
	_, err = w.Write(b)
	return err
}

func ptr(x float64) *float64 { return &x }

// The precision of numbers in JSON: enough for any use, without the
// floating-point noise that would make files differ for no reason.
func r2(x float64) float64  { return roundTo(x, 2) }
func r4(x float64) *float64 { return ptr(roundTo(x, 4)) }

func buildJSON(res *assessment.Result, opt Options) *jsonReport {
	r := res.Rubric
	a := answersOf(res)
	doc := &jsonReport{
		SchemaVersion: SchemaVersion,
		Generator:     jsonGenerator{Name: "vitals", Version: opt.Version},
		Rubric: jsonRubric{ID: r.ID, Title: r.Title, ReportTitle: ReportTitle(r), Version: r.Version, Hash: r.Hash(),
			Bands: jsonBands{Low: r.Bands.Low, Medium: r.Bands.Medium}, DontKnowScore: r.DontKnowScore},
		Project:    a.Project,
		ProjectID:  a.ProjectKey(),
		Respondent: jsonRespondent{Name: a.Respondent.Name, Role: a.Respondent.Role, Display: a.Respondent.String()},
		Date:       reportDate(a),
		Started:    timeText(a.Started),
		Updated:    timeText(a.Updated),
		Complete:   a.Complete,
		Sections:   []jsonSection{},
		Flags:      []jsonFlag{},
		Actions:    []jsonAction{},
		Gaps:       []jsonGap{},
		DontKnow:   refs(res.DontKnow),
		Unanswered: refs(res.Unanswered),
	}
	s := &doc.Summary
	s.Scored = res.Scored
	s.Risk = riskName(res.Risk)
	if res.Rubric.Unknown != nil && res.Scored {
		s.UnknownShare = ptr(r2(res.UnknownShare))
	}
	s.Forced = res.Forced
	if res.Scored {
		s.Score = ptr(res.Score)
	}
	sum := Summarize(res)
	p := sum.Plan
	s.Completeness = res.Completeness
	s.Known = p.KnownPercent()
	s.Weakest = []string{}
	for _, sr := range assessment.Weakest(res) {
		s.Weakest = append(s.Weakest, sr.Section.ID)
	}
	s.FirstActions = []string{}
	for _, a := range sum.Actions {
		s.FirstActions = append(s.FirstActions, a.ID)
	}
	s.Text = jsonText{Verdict: sum.Verdict, Money: sum.Money, Weakest: sum.Weakest, Unknown: sum.Unknown, Flags: sum.Flags}
	if sum.Coverage != "" {
		s.Text.Weakest += " " + sum.Coverage
	}
	if sum.Forced != "" {
		s.Text.Verdict += " " + sum.Forced
	}
	s.Points = jsonPoints{Earned: r2(p.Earned), Lost: r2(p.Lost), Unknown: r2(p.Unknown), DontKnowLost: r2(p.DontKnowLost)}
	inActions, inGaps := 0.0, 0.0
	for _, a := range p.Actions {
		inActions += a.Impact
	}
	for _, g := range p.Gaps {
		inGaps += g.Points
	}
	s.Points.InActions, s.Points.InGaps = r2(inActions), r2(inGaps)
	for _, f := range res.Flags {
		if f.Critical {
			s.CriticalFlags++
		}
		doc.Flags = append(doc.Flags, jsonFlag{Section: f.Section.ID, Question: f.Question.ID, Text: f.Text, Critical: f.Critical, Answer: f.Answer, Recommendation: f.Recommendation})
	}
	s.RedFlags = len(res.Flags)
	for _, act := range p.Actions {
		ja := jsonAction{ID: act.ID, Kind: actionKind(act.Kind), Text: act.Text, Impact: r2(act.Impact), Stake: r2(act.Stake)}
		if act.Kind == assessment.FindOut {
			ja.Text = FindOutText(p)
		}
		if act.Section != nil {
			ja.Section = act.Section.ID
		}
		if act.Question != nil {
			ja.Question = act.Question.ID
		}
		if act.Option != nil {
			ja.Option = act.Option.Value
		}
		doc.Actions = append(doc.Actions, ja)
	}
	for _, g := range p.Gaps {
		doc.Gaps = append(doc.Gaps, jsonGap{Section: g.Section.ID, Question: g.Question.ID, Points: r2(g.Points)})
	}
	adv := adviceByQuestion(p)
	for i := range res.Sections {
		js := sectionJSON(&res.Sections[i], p, adv, r.Unknown != nil)
		addCounts(&s.Counts, js.Counts)
		doc.Sections = append(doc.Sections, js)
	}
	doc.BusinessCase = caseJSON(res.BusinessCase, r.BusinessCase)
	return doc
}

func addCounts(dst *jsonCounts, c jsonCounts) {
	dst.Questions += c.Questions
	dst.Asked += c.Asked
	dst.Answered += c.Answered
	dst.DontKnow += c.DontKnow
	dst.Unanswered += c.Unanswered
	dst.NotApplicable += c.NotApplicable
	dst.NotAsked += c.NotAsked
}

// adviceByQuestion files the plan's advice under the question it is for.
func adviceByQuestion(p *assessment.Plan) map[string]*jsonAdvice {
	adv := map[string]*jsonAdvice{}
	get := func(id string) *jsonAdvice {
		if adv[id] == nil {
			adv[id] = &jsonAdvice{Missing: []jsonAdviceItem{}, InPlace: []string{}}
		}
		return adv[id]
	}
	for _, a := range p.Actions {
		if a.Question != nil {
			ad := get(a.Question.ID)
			ad.Missing = append(ad.Missing, jsonAdviceItem{Action: a.ID, Impact: r2(a.Impact)})
		}
	}
	for _, n := range p.NextSteps {
		ad := get(n.Question.ID)
		ad.InPlace = append(ad.InPlace, n.Text)
	}
	return adv
}

func sectionJSON(sr *assessment.SectionResult, p *assessment.Plan, adv map[string]*jsonAdvice, unknownRule bool) jsonSection {
	js := jsonSection{
		ID: sr.Section.ID, Title: sr.Section.Title, Weight: sr.Section.Weight,
		Scored: sr.Scored, ScoreRisk: riskName(sr.ScoreRisk), Risk: riskName(sr.Risk), Forced: sr.Forced,
		Bands:          jsonBands{Low: sr.Bands.Low, Medium: sr.Bands.Medium},
		Recommendation: sr.Recommendation,
		Counts: jsonCounts{Questions: len(sr.Questions), Asked: sr.Visible, Answered: sr.Answered + sr.DontKnow + sr.NotApplicable,
			DontKnow: sr.DontKnow, Unanswered: sr.Unanswered, NotAsked: len(sr.Questions) - sr.Visible, NotApplicable: sr.NotApplicable,
			High: &sr.HighQuestions, Medium: &sr.MediumQuestions},
		Questions: []jsonQuestion{},
	}
	if unknownRule {
		js.Counts.Unknown = &sr.UnknownQuestions
		if sr.Scored {
			js.UnknownShare = ptr(r2(sr.UnknownShare))
		}
	}
	if sr.Scored {
		js.Score, js.Share = ptr(sr.Score), r4(sr.Share)
	}
	for _, qr := range sr.Questions {
		q := qr.Question
		jq := jsonQuestion{ID: q.ID, Prompt: q.Prompt, Kind: string(q.Kind), Weight: q.Weight,
			Status: statusName(qr.Status), Scored: qr.Scored, Reason: qr.Reason,
			Flags: []jsonQuestionFlag{}, Advice: jsonAdvice{Missing: []jsonAdviceItem{}, InPlace: []string{}}}
		pts := p.Points[q.ID]
		js.Lost += pts.Lost
		if qr.Scored {
			jq.Score, jq.Share, jq.Points, jq.Lost = ptr(qr.Score), r4(qr.Share), ptr(r2(qr.Points)), ptr(r2(pts.Lost))
		}
		if ad := adv[q.ID]; ad != nil {
			jq.Advice = *ad
		}
		for _, f := range qr.Flags {
			jq.Flags = append(jq.Flags, jsonQuestionFlag{Text: f.Text, Critical: f.Critical})
		}
		// An answer to a question that is not asked (its condition is not
		// met) plays no part in the report, so it is not shown.
		if qr.Answer != nil && qr.Status != assessment.Hidden {
			jq.Answer = answerJSON(q, qr.Answer)
		}
		js.Questions = append(js.Questions, jq)
	}
	js.Lost = r2(js.Lost)
	return js
}

func answerJSON(q *questions.Question, an *assessment.Answer) *jsonAnswer {
	ja := &jsonAnswer{Text: assessment.AnswerText(q, an), DontKnow: an.DontKnow, NotApplicable: an.NotApplicable, Reason: an.Reason, Note: an.Note}
	if an.DontKnow || an.NotApplicable {
		return ja
	}
	ja.Value = assessment.AnswerValue(q, an)
	return ja
}

func refs(qs []*questions.Question) []jsonRef {
	out := make([]jsonRef, 0, len(qs))
	for _, q := range qs {
		out = append(out, jsonRef{Section: q.Section.ID, Question: q.ID, Prompt: q.Prompt})
	}
	return out
}

func caseJSON(s *assessment.Sensitivity, bc *questions.BusinessCase) *jsonCase {
	if s == nil || bc == nil {
		return nil
	}
	jc := &jsonCase{Available: s.Available, Missing: []string{}, Problem: s.Problem, Currency: s.Currency,
		Scenarios: []jsonScenario{}, Reachable: s.Reachable, Summary: s.Summary()}
	missing := map[string]bool{}
	for _, q := range s.Missing {
		jc.Missing = append(jc.Missing, q.ID)
		missing[q.ID] = true
	}
	// An input is null when it was not given (unanswered, "don't know" or
	// not asked), else the number answered.
	given := func(id string, x float64) *float64 {
		if missing[id] {
			return nil
		}
		return ptr(x)
	}
	jc.Inputs = jsonCaseInputs{
		AnnualBenefit: given(bc.AnnualBenefit, s.AnnualBenefit),
		OneOffCost:    given(bc.OneOffCost, s.OneOffCost),
		RunningCost:   given(bc.RunningCost, s.RunningCost),
		HorizonYears:  given(bc.HorizonYears, s.HorizonYears),
	}
	if s.HasAssumed {
		jc.Inputs.AssumedAdoption = ptr(s.Assumed)
	}
	for _, sc := range s.Scenarios {
		js := jsonScenario{Adoption: sc.Adoption, Assumed: sc.Assumed, Benefit: r2(sc.Benefit), Cost: r2(sc.Cost), Net: r2(sc.Net)}
		if sc.HasROI {
			js.ROI = ptr(r2(sc.ROI))
		}
		if sc.Pays {
			js.PaybackMonths = ptr(r2(sc.PaybackMonths))
		}
		jc.Scenarios = append(jc.Scenarios, js)
	}
	if s.HasBreakEven {
		jc.BreakEven = ptr(r2(s.BreakEven))
	}
	return jc
}
