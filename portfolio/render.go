package portfolio

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/vitals-dev/vitals/internal/printable"
	"github.com/vitals-dev/vitals/questions"
	"github.com/vitals-dev/vitals/reports"
)

// Format is an output format of the portfolio.
type Format string

// The formats: markdown for people, JSON and CSV for a spreadsheet, a BI
// tool or a warehouse.
const (
	Markdown Format = "md"
	JSON     Format = "json"
	CSV      Format = "csv"
)

// ParseFormat reads --format.
func ParseFormat(s string) (Format, error) {
	switch Format(s) {
	case Markdown, JSON, CSV:
		return Format(s), nil
	}
	return "", fmt.Errorf("--format must be md, json or csv, not %q", printable.Line(s))
}

// Render writes the portfolio in format f; version names the vitals that
// wrote it.
func (p *Portfolio) Render(w io.Writer, f Format, version string) error {
	switch f {
	case JSON:
		return p.json(w, version)
	case CSV:
		return p.csv(w)
	}
	// The markdown does not name the build, as reports do not: the same
	// files give the same bytes, for a committed portfolio to diff.
	return p.markdown(w)
}

func (p *Portfolio) rubricIDs() []string {
	var ids []string
	for _, s := range p.Signs {
		if len(ids) == 0 || ids[len(ids)-1] != s.Rubric {
			ids = append(ids, s.Rubric)
		}
	}
	return ids
}

// markdown: a headline, one table per rubric (a column per sign), the
// projects not assessed, the systemic risks, and how to read it.
func (p *Portfolio) markdown(w io.Writer) error {
	var b strings.Builder
	b.WriteString("# Portfolio: adoption risk across projects\n\n")
	assessed, stale, high, missing := 0, 0, 0, 0
	for _, r := range p.Rows {
		switch r.Status {
		case Assessed:
			assessed++
			if r.Stale {
				stale++
			}
			if r.Risk == questions.RiskHigh {
				high++
			}
		default:
			missing++
		}
	}
	fmt.Fprintf(&b, "%s assessed: %d at high risk overall, %d stale (older than %s)", reports.Count(assessed, "project", "projects"), high, stale, reports.Count(p.MaxAge, "day", "days"))
	if missing > 0 {
		fmt.Fprintf(&b, "; %d not assessed or not finished", missing)
	}
	fmt.Fprintf(&b, ". As on %s.\n", p.Now.UTC().Format("2006-01-02"))

	rubrics := p.rubricIDs()
	for _, id := range rubrics {
		var signs []Sign
		for _, s := range p.Signs {
			if s.Rubric == id {
				signs = append(signs, s)
			}
		}
		if len(rubrics) > 1 {
			fmt.Fprintf(&b, "\n## Rubric `%s`\n", id)
		}
		b.WriteString("\n| Project | Overall |")
		for i := range signs {
			fmt.Fprintf(&b, " %d |", i+1)
		}
		b.WriteString(" Assessed | People | Trend |\n| --- | --- |")
		for range signs {
			b.WriteString(" --- |")
		}
		b.WriteString(" --- | --- | --- |\n")
		for _, r := range p.Rows {
			if r.Status != Assessed || r.Rubric != id {
				continue
			}
			fmt.Fprintf(&b, "| %s | %s |", reports.MarkdownText(r.Label), band(r.Risk))
			for _, s := range signs {
				c := "–"
				for _, cell := range r.Signs {
					if cell.ID == s.ID {
						c = band(cell.Risk)
					}
				}
				fmt.Fprintf(&b, " %s |", c)
			}
			age := fmt.Sprintf("%s (%s)", r.Date.UTC().Format("2006-01-02"), ago(r.AgeDays))
			if r.Stale {
				age = "⏰ " + age + " **stale**"
			}
			people := strconv.Itoa(r.Respondents)
			if r.Split > 0 {
				people += fmt.Sprintf(" ⚡ %s split", reports.Count(r.Split, "question", "questions"))
			}
			tr := reports.Arrow(r.Trend)
			if r.Trend != "" {
				tr += " " + r.Trend
			}
			fmt.Fprintf(&b, " %s | %s | %s |\n", age, people, tr)
		}
		b.WriteString("\nSigns: ")
		for i, s := range signs {
			if i > 0 {
				b.WriteString("; ")
			}
			fmt.Fprintf(&b, "**%d** %s", i+1, reports.MarkdownText(strings.TrimPrefix(s.Title, fmt.Sprintf("Sign %d: ", i+1))))
		}
		b.WriteString(".\n")
	}

	var other []Row
	for _, r := range p.Rows {
		if r.Status != Assessed {
			other = append(other, r)
		}
	}
	if len(other) > 0 {
		b.WriteString("\n## Not assessed\n\n")
		for _, r := range other {
			if r.Status == Unfinished {
				fmt.Fprintf(&b, "- %s: started, never finished (%s)\n", reports.MarkdownText(r.Label), reports.MarkdownText(r.Source))
			} else {
				fmt.Fprintf(&b, "- %s: no assessment found\n", reports.MarkdownText(r.Label))
			}
		}
	}

	if len(p.LeftOut) > 0 {
		fmt.Fprintf(&b, "\n## Files left out\n\n%s could not be read, so a project may be missing above:\n\n", reports.Count(len(p.LeftOut), "answers file", "answers files"))
		for _, e := range p.LeftOut {
			fmt.Fprintf(&b, "- %s\n", reports.MarkdownText(e))
		}
	}

	var shared []Systemic
	for _, s := range p.Systemic {
		if len(s.High)+len(s.Medium) > 0 {
			shared = append(shared, s)
		}
	}
	b.WriteString("\n## Systemic risks\n\n")
	if len(shared) == 0 {
		b.WriteString("No sign is at medium or high risk in any project.\n")
	} else {
		b.WriteString("A sign at risk in many projects is the organisation's to fix, not each team's alone.\n\n")
		b.WriteString("| Sign | High | Medium | Projects at risk |\n| --- | --- | --- | --- |\n")
		for _, s := range shared {
			names := make([]string, 0, len(s.High)+len(s.Medium))
			for _, n := range s.High {
				names = append(names, "🔴 "+reports.MarkdownText(n))
			}
			for _, n := range s.Medium {
				names = append(names, "🟡 "+reports.MarkdownText(n))
			}
			list := strings.Join(names, ", ")
			if len(names) > 12 {
				list = strings.Join(names[:12], ", ") + fmt.Sprintf(" and %d more", len(names)-12)
			}
			fmt.Fprintf(&b, "| %s | %d of %d | %d of %d | %s |\n", reports.MarkdownText(s.Title), len(s.High), s.Of, len(s.Medium), s.Of, list)
		}
	}
	b.WriteString("\nWorst first: by overall band, then signs at high risk, then score. " +
		"⏰ stale: older than the maximum age. ⚡ a workshop whose room split on some questions: its bands are a median that hides a disagreement. " +
		"Trend: the overall change since the run before (↑ better, → same, ↓ worse; a change counts when the band changes or the score moves 5 points); – no earlier run in the folders (the portfolio does not read git history: `vitals report` and `vitals check` do).")
	b.WriteString("\n")
	_, err := io.WriteString(w, b.String())
	return err
}

func band(r questions.Risk) string {
	return reports.RiskSymbol(r) + " " + r.String()
}

func ago(days int) string {
	switch days {
	case 0:
		return "today"
	case 1:
		return "1 day ago"
	}
	return fmt.Sprintf("%d days ago", days)
}

type jsonPortfolio struct {
	Format     int            `json:"format"`
	Generator  string         `json:"generator"`
	Date       string         `json:"date"`
	MaxAgeDays int            `json:"max_age_days"`
	Projects   []jsonRow      `json:"projects"`
	Systemic   []jsonSystemic `json:"systemic_risks"`
	LeftOut    []string       `json:"left_out"`
}

type jsonRow struct {
	Project     string     `json:"project"`
	ProjectID   string     `json:"project_id"`
	Rubric      string     `json:"rubric,omitempty"`
	Status      string     `json:"status"`
	Source      string     `json:"source,omitempty"`
	Date        string     `json:"date,omitempty"`
	AgeDays     *int       `json:"age_days"`
	Stale       bool       `json:"stale"`
	Respondents int        `json:"respondents"`
	Risk        string     `json:"risk,omitempty"`
	Score       *float64   `json:"score"`
	Split       int        `json:"split_questions"`
	Trend       string     `json:"trend,omitempty"`
	Change      *float64   `json:"change"`
	Signs       []jsonCell `json:"signs"`
}

type jsonCell struct {
	ID    string   `json:"id"`
	Risk  string   `json:"risk"`
	Score *float64 `json:"score"`
}

type jsonSystemic struct {
	Sign   string `json:"sign"`
	Rubric string `json:"rubric"`
	Title  string `json:"title"`
	Scored int    `json:"projects_scored"`
	// High and Medium are project ids.
	High   []string `json:"high"`
	Medium []string `json:"medium"`
}

func (p *Portfolio) json(w io.Writer, version string) error {
	out := jsonPortfolio{Format: 1, Generator: "vitals " + version, Date: p.Now.UTC().Format("2006-01-02"), MaxAgeDays: p.MaxAge,
		Projects: []jsonRow{}, Systemic: []jsonSystemic{}, LeftOut: append([]string{}, p.LeftOut...)}
	for _, r := range p.Rows {
		jr := jsonRow{Project: r.Project, ProjectID: r.Key, Rubric: r.Rubric, Status: r.Status, Source: r.Source,
			Stale: r.Stale, Respondents: r.Respondents, Split: r.Split, Trend: r.Trend, Signs: []jsonCell{}}
		if r.Status == Assessed {
			jr.Date = r.Date.UTC().Format("2006-01-02")
			age := r.AgeDays
			jr.AgeDays = &age
			jr.Risk = reports.RiskName(r.Risk)
			if r.Scored {
				jr.Score = rounded(r.Score)
			}
			if r.Trend != "" {
				jr.Change = rounded(r.Change)
			}
			for _, c := range r.Signs {
				jc := jsonCell{ID: c.ID, Risk: reports.RiskName(c.Risk)}
				if c.Scored {
					jc.Score = rounded(c.Score)
				}
				jr.Signs = append(jr.Signs, jc)
			}
		}
		out.Projects = append(out.Projects, jr)
	}
	for _, s := range p.Systemic {
		js := jsonSystemic{Sign: s.ID, Rubric: s.Rubric, Title: s.Title, Scored: s.Of, High: s.HighIDs, Medium: s.MediumIDs}
		if js.High == nil {
			js.High = []string{}
		}
		if js.Medium == nil {
			js.Medium = []string{}
		}
		out.Systemic = append(out.Systemic, js)
	}
	data, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(data, '\n'))
	return err
}

// rounded is x to one decimal, as the reports round, for JSON.
func rounded(x float64) *float64 {
	v := reports.RoundTo(x, 1)
	return &v
}

// oneDecimal is x to one decimal, for CSV: "48.7", "22.0".
func oneDecimal(x float64) string { return strconv.FormatFloat(reports.RoundTo(x, 1), 'f', 1, 64) }

// csv writes one row per project; a sign's columns are "ID risk" and "ID
// score" for every sign of every rubric. Text cells that a spreadsheet
// would run as a formula start with a quote.
func (p *Portfolio) csv(w io.Writer) error {
	cw := csv.NewWriter(w)
	head := []string{"project", "project_id", "rubric", "status", "source", "date", "age_days", "stale", "respondents", "risk", "score", "split_questions", "trend", "change"}
	for _, s := range p.Signs {
		head = append(head, s.ID+" risk", s.ID+" score")
	}
	if err := cw.Write(head); err != nil {
		return err
	}
	for _, r := range p.Rows {
		rec := []string{cellText(r.Project), cellText(r.Key), r.Rubric, r.Status, cellText(r.Source)}
		if r.Status == Assessed {
			score := ""
			if r.Scored {
				score = oneDecimal(r.Score)
			}
			change := ""
			if r.Trend != "" {
				change = oneDecimal(r.Change)
			}
			rec = append(rec, r.Date.UTC().Format("2006-01-02"), strconv.Itoa(r.AgeDays), strconv.FormatBool(r.Stale),
				strconv.Itoa(r.Respondents), reports.RiskName(r.Risk), score, strconv.Itoa(r.Split), r.Trend, change)
		} else {
			rec = append(rec, "", "", "false", "0", "", "", "0", "", "")
		}
		for _, s := range p.Signs {
			risk, score := "", ""
			if s.Rubric == r.Rubric {
				for _, c := range r.Signs {
					if c.ID == s.ID {
						risk = reports.RiskName(c.Risk)
						if c.Scored {
							score = oneDecimal(c.Score)
						}
					}
				}
			}
			rec = append(rec, risk, score)
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// cellText keeps a spreadsheet from running a cell as a formula (CSV
// injection): text starting with = + - @ or a tab gets a leading quote.
func cellText(s string) string {
	s = printable.Line(s)
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
