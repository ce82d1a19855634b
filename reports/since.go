package reports

import (
	"fmt"
	"math"

	"github.com/vitals-dev/vitals/assessment"
	"github.com/vitals-dev/vitals/questions"
)

// MinChange is the smallest move of a score, in points, that counts as a
// change when the band stays the same: smaller moves are the noise of one
// answer given a little differently, and the report calls them "same".
const MinChange = 5.0

// Since compares a run with earlier runs of the same project and rubric:
// the "Since last time" section of a report. Build one with Compare.
type Since struct {
	// Previous is the run compared with: the latest of the earlier ones.
	Previous PreviousRun `json:"previous"`
	// MethodChanged is set when the rubric's content changed between the
	// runs: the earlier answers are scored with today's rubric, and
	// questions whose answers no longer fit are listed in Changed.
	MethodChanged bool         `json:"method_changed"`
	Signs         []SignChange `json:"signs"`
	NewFlags      []FlagRef    `json:"new_flags"`
	ResolvedFlags []FlagRef    `json:"resolved_flags"`
	// Done are the questions whose answer moved to a better one.
	Done []FlagRef `json:"done"`
	// BecameUnknown are the questions answered before and "don't know" now.
	BecameUnknown []FlagRef `json:"became_unknown"`
	// Changed are questions that changed with the rubric: matched by id,
	// but given no change figure.
	Changed []string `json:"changed"`
	// Trend holds every run's sign scores, oldest first, the current run
	// last; only with three or more runs.
	Trend []TrendRun `json:"trend"`
	// Note says why history may be incomplete (a shallow clone).
	Note string `json:"note"`

	// bands are each sign's thresholds, for the trend charts.
	bands map[string]questions.Bands
}

// PreviousRun names the run compared with.
type PreviousRun struct {
	Source string `json:"source"`
	Date   string `json:"date"`
	Rubric string `json:"rubric_version"`
}

// SignChange is one sign then and now.
type SignChange struct {
	ID           string         `json:"id"`
	Title        string         `json:"title"`
	Before       float64        `json:"before"`
	After        float64        `json:"after"`
	BeforeScored bool           `json:"before_scored"`
	AfterScored  bool           `json:"after_scored"`
	BeforeRisk   questions.Risk `json:"before_risk"`
	Risk         questions.Risk `json:"risk"`
	Change       float64        `json:"change"`
	// Direction is better, same, worse, or "not comparable".
	Direction string `json:"direction"`
}

// FlagRef is a question and the words shown for it.
type FlagRef struct {
	Question string `json:"question"`
	Text     string `json:"text"`
}

// TrendRun is one run's sign scores for the trend chart.
type TrendRun struct {
	Date string `json:"date"`
	// Scores are by section id; a sign not scored is absent.
	Scores map[string]float64 `json:"scores"`
}

// Compare builds the comparison of cur with earlier, the earlier runs'
// answers scored against cur's rubric, oldest first; dropped lists, by
// question id, the answers of the latest earlier run that no longer fit
// the rubric. It returns nil when there is no earlier run.
func Compare(cur *assessment.Result, earlier []*assessment.Result, source string, dropped []string) *Since {
	if len(earlier) == 0 {
		return nil
	}
	prev := earlier[len(earlier)-1]
	pa, ca := answersOf(prev), answersOf(cur)
	s := &Since{
		Previous:      PreviousRun{Source: source, Date: reportDate(pa), Rubric: pa.Rubric.Version},
		MethodChanged: pa.Rubric.Hash != "" && pa.Rubric.Hash != ca.Rubric.Hash,
		Changed:       dropped,
		bands:         map[string]questions.Bands{},
	}
	changed := map[string]bool{}
	for _, id := range dropped {
		changed[id] = true
	}
	for i, sr := range cur.Sections {
		ps := prev.Sections[i]
		c := SignChange{ID: sr.Section.ID, Title: SectionName(cur.Rubric, sr.Section),
			Before: ps.Score, After: sr.Score, BeforeScored: ps.Scored, AfterScored: sr.Scored,
			BeforeRisk: ps.Risk, Risk: sr.Risk}
		c.Direction = direction(&c)
		s.bands[sr.Section.ID] = sr.Bands
		s.Signs = append(s.Signs, c)
	}
	prevFlags := map[string]assessment.Flag{}
	for _, f := range prev.Flags {
		prevFlags[f.Question.ID+"\x00"+f.Text] = f
	}
	curFlags := map[string]bool{}
	for _, f := range cur.Flags {
		k := f.Question.ID + "\x00" + f.Text
		curFlags[k] = true
		if _, ok := prevFlags[k]; !ok {
			s.NewFlags = append(s.NewFlags, FlagRef{f.Question.ID, f.Text})
		}
	}
	for _, f := range prev.Flags {
		if !curFlags[f.Question.ID+"\x00"+f.Text] {
			s.ResolvedFlags = append(s.ResolvedFlags, FlagRef{f.Question.ID, f.Text})
		}
	}
	before := map[string]assessment.QuestionResult{}
	for _, sr := range prev.Sections {
		for _, q := range sr.Questions {
			before[q.Question.ID] = q
		}
	}
	for _, sr := range cur.Sections {
		for _, q := range sr.Questions {
			b, ok := before[q.Question.ID]
			if !ok || changed[q.Question.ID] {
				continue
			}
			switch {
			case q.Status == assessment.DontKnow && b.Status == assessment.Answered:
				s.BecameUnknown = append(s.BecameUnknown, FlagRef{q.Question.ID, q.Question.Prompt})
			case q.Scored && b.Scored && q.Status == assessment.Answered && b.Status == assessment.Answered && q.Score > b.Score:
				s.Done = append(s.Done, FlagRef{q.Question.ID, q.Question.Prompt})
			}
		}
	}
	if len(earlier) >= 2 {
		for _, res := range append(append([]*assessment.Result{}, earlier...), cur) {
			tr := TrendRun{Date: reportDate(answersOf(res)), Scores: map[string]float64{}}
			for _, sr := range res.Sections {
				if sr.Scored {
					tr.Scores[sr.Section.ID] = sr.Score
				}
			}
			s.Trend = append(s.Trend, tr)
		}
	}
	return s
}

// direction applies the rule of a change: it counts when the band changed
// or the score moved at least MinChange points.
func direction(c *SignChange) string {
	if !c.BeforeScored || !c.AfterScored {
		return "not comparable"
	}
	c.Change = roundTo(c.After-c.Before, 1)
	return Direction(c.BeforeRisk, c.Risk, c.Change)
}

// Direction is the rule of a change from a score at risk before to one at
// risk after, change points apart: better or worse when the band changed
// or the score moved at least MinChange points, else same.
func Direction(before, after questions.Risk, change float64) string {
	band := after.Rank() - before.Rank()
	switch {
	case band < 0 || (band == 0 && change >= MinChange):
		return "better"
	case band > 0 || (band == 0 && change <= -MinChange):
		return "worse"
	}
	return "same"
}

// Arrow is a direction's arrow: ↑ better, ↓ worse, → same, – none.
func Arrow(d string) string {
	switch d {
	case "better":
		return "↑"
	case "worse":
		return "↓"
	case "same":
		return "→"
	}
	return "–"
}

// RoundTo rounds x to n decimals, as reports show figures.
func RoundTo(x float64, n int) float64 { return roundTo(x, n) }

// signedPoints writes a change with its sign: "+6.0", "−2.5", "0.0".
func signedPoints(x float64) string {
	switch {
	case x > 0:
		return "+" + fmt.Sprintf("%.1f", x)
	case x < 0:
		return "−" + fmt.Sprintf("%.1f", math.Abs(x))
	}
	return "0.0"
}

// sinceMarkdown is the "Since last time" section's lines, markdown: a
// table of the signs, then what changed in the answers, compact.
func sinceMarkdown(s *Since) []string {
	if s == nil {
		return nil
	}
	if len(s.Signs) == 0 {
		return []string{"No earlier run to compare with: " + md(s.Note) + "."}
	}
	var out []string
	head := "Compared with the run of " + md(s.Previous.Date) + " (`" + md(s.Previous.Source) + "`). A change counts when a score crosses a band or moves at least 5 points."
	if s.MethodChanged {
		head += " The rubric changed since (version " + md(s.Previous.Rubric) + " then): the earlier answers are scored with today's rubric."
	}
	out = append(out, head, "", "| Sign | Then | Now | Change |", "| --- | ---: | ---: | --- |")
	for _, c := range s.Signs {
		then, now := dash, dash
		if c.BeforeScored {
			then = num(c.Before) + " " + riskSymbol(c.BeforeRisk)
		}
		if c.AfterScored {
			now = num(c.After) + " " + riskSymbol(c.Risk)
		}
		change := Arrow(c.Direction) + " " + c.Direction
		if c.BeforeScored && c.AfterScored {
			change += " (" + signedPoints(c.Change) + ")"
		}
		out = append(out, "| "+md(c.Title)+" | "+then+" | "+now+" | "+change+" |")
	}
	list := func(label string, refs []FlagRef) {
		if len(refs) == 0 {
			return
		}
		var items []string
		for _, r := range refs {
			items = append(items, "`"+r.Question+"`")
		}
		out = append(out, "", label+": "+join(items)+".")
	}
	list("New red flags", s.NewFlags)
	list("Red flags resolved", s.ResolvedFlags)
	list("Done (a better answer than last time)", s.Done)
	list("Known before, \"don't know\" now", s.BecameUnknown)
	if len(s.Changed) > 0 {
		var items []string
		for _, id := range s.Changed {
			items = append(items, "`"+id+"`")
		}
		out = append(out, "", "Changed with the rubric, so given no change figure: "+join(items)+".")
	}
	if s.Note != "" {
		out = append(out, "", "Note: "+md(s.Note)+".")
	}
	if len(s.Trend) >= 3 {
		out = append(append(out, "", "Trend of each sign over the runs: its score, with the band thresholds as the two flat lines; a run where the sign was not scored is left out of its chart."), trendCharts(s)...)
	}
	return out
}

// trendCharts are mermaid line charts, one per sign: its score over the
// runs, with the sign's two band thresholds drawn as lines. (One chart of
// five lines would need a legend, which mermaid's xychart does not draw.)
// A run where the sign was not scored is left out of its chart, never
// drawn as a fall to 0; a sign scored in fewer than two runs has no chart.
func trendCharts(s *Since) []string {
	var out []string
	for _, c := range s.Signs {
		b, ok := s.bands[c.ID]
		if !ok {
			b = questions.DefaultBands
		}
		var dates, vals, low, medium []string
		for _, r := range s.Trend {
			v, scored := r.Scores[c.ID]
			if !scored {
				continue
			}
			dates = append(dates, `"`+r.Date+`"`)
			vals = append(vals, num(v))
			low = append(low, num(b.Low))
			medium = append(medium, num(b.Medium))
		}
		if len(vals) < 2 {
			continue
		}
		out = append(out, "", "```mermaid", "---", "config:", "  xyChart:", "    width: 600", "    height: 260",
			"  themeVariables:", "    xyChart:", `      plotColorPalette: "`+trendColour+", "+lowLineColour+", "+mediumLineColour+`"`, "---",
			"xychart-beta", `    title "`+chartLabel(c.Title)+`"`, "    x-axis ["+joinComma(dates)+"]", `    y-axis "Score" 0 --> 100`,
			"    line ["+joinComma(vals)+"]", "    line ["+joinComma(low)+"]", "    line ["+joinComma(medium)+"]", "```")
	}
	return out
}

// trendColour draws a sign's scores in its trend chart; the thresholds
// are in the bar chart's colours.
const trendColour = "#00838f"

func joinComma(items []string) string {
	s := ""
	for i, x := range items {
		if i > 0 {
			s += ", "
		}
		s += x
	}
	return s
}
