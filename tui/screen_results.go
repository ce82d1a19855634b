package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/vitals-dev/vitals/assessment"
	"github.com/vitals-dev/vitals/reports"
)

// resultsScreen shows the scored assessment in a scrolling viewport.
type resultsScreen struct {
	result *assessment.Result
	vp     viewport.Model
}

func (m Model) openResults() Model {
	m.results = resultsScreen{result: m.sess.Result(), vp: viewport.New()}
	m.results = m.results.fit(m)
	m.screen = screenResults
	return m
}

// fit sizes the viewport and lays the content out for the width.
func (rs resultsScreen) fit(m Model) resultsScreen {
	if rs.result == nil {
		return rs
	}
	rs.vp.SetWidth(m.contentWidth())
	rs.vp.SetHeight(max(2, m.bodyHeight()-1)) // and a line for the scroll mark
	rs.vp.SetContent(m.renderResult(rs.result, m.contentWidth()))
	return rs
}

func (m Model) updateResults(msg tea.Msg) (tea.Model, tea.Cmd) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return m, nil
	}
	switch {
	case m.remote != nil && key.Matches(k, m.keys.Finish):
		m.sess.Answers.Complete = true
		m.outcome.AnswersPath = m.sess.Path
		m.outcome.Complete = true
		m.screen = screenDone
		return m, tea.Quit
	case m.remote != nil && key.Matches(k, m.keys.Save):
		// No report of their own on the server's disk.
		return m, nil
	case key.Matches(k, m.keys.Save):
		m = m.openSave()
		return m, m.save.form.Init()
	case key.Matches(k, m.keys.Review):
		m = m.openReview()
		return m, nil
	}
	var cmd tea.Cmd
	m.results.vp, cmd = m.results.vp.Update(msg)
	return m, cmd
}

func (m Model) viewResults() (string, helpKeys) {
	end := m.keys.Save
	if m.remote != nil {
		end = m.keys.Finish
	}
	keys := helpKeys{
		short: []key.Binding{
			key.NewBinding(key.WithKeys("up", "down"), key.WithHelp("↑/↓", "scroll")),
			end, m.keys.Review, m.keys.Help,
		},
		full: [][]key.Binding{
			{m.keys.Up, m.keys.Down, m.keys.PageUp, m.keys.PageDown},
			{end, m.keys.Review},
			{m.keys.Quit},
		},
	}
	return m.results.vp.View() + "\n" + m.st.subtle.Render(truncate(m.results.scrollMark(), m.contentWidth())), keys
}

// scrollMark says where the viewport is when the results do not fit:
// "↓ more below · 40%", or "↑ more above · end"; "" when they fit.
func (rs resultsScreen) scrollMark() string {
	vp := rs.vp
	switch {
	case vp.AtTop() && vp.AtBottom():
		return ""
	case !vp.AtBottom():
		return fmt.Sprintf("↓ more below · %.0f%%", 100*vp.ScrollPercent())
	}
	return "↑ more above · end"
}

// renderResult lays out the result for a width in the order of the
// report's summary, worded by the same reports.Summary: the verdict, the
// money, the weakest signs, what is not known and the first actions; then
// one bar per section, the red flags and the business case.
func (m Model) renderResult(r *assessment.Result, w int) string {
	st := m.st
	var b strings.Builder
	line := func(s string) { b.WriteString(s + "\n") }
	sum := reports.Summarize(r)
	line(st.title.Render(wrapText("Results · "+clean(r.Rubric.Title), w)))
	if r.Answers.Project != "" {
		line(st.subtle.Render(truncate(clean(r.Answers.Project), w)))
	}
	line("")
	// The verdict names its risk in words, so the colour is only a help.
	line(st.riskStyle(r.Risk).Bold(true).Render(wrapText(clean(sum.Verdict), w)))
	for _, text := range []string{sum.Forced, sum.Message, sum.Money, sum.Weakest} {
		if text != "" {
			line(wrapText(clean(text), w))
		}
	}
	if sum.Coverage != "" {
		line(st.warn.Render(wrapText(sum.Coverage, w)))
	}
	line(st.subtle.Render(wrapText(clean(sum.Unknown), w)))
	if len(sum.Actions) > 0 {
		line("")
		line(st.title.Render("First actions"))
		for i, a := range sum.Actions {
			line(indent(fmt.Sprintf("%d. %s", i+1, cleanText(a.Text))+st.subtle.Render(" (+"+a.Points+" points)"), w, 3))
		}
	}
	line("")

	barW := max(5, min(30, w-26))
	for _, s := range r.Sections {
		line(st.bold.Render(wrapText(clean(s.Section.Title), w)))
		if !s.Scored {
			line("  " + st.subtle.Render(strings.Repeat("·", barW)+"  not scored"))
			continue
		}
		risk := st.risk(s.Risk)
		if s.Forced {
			risk += st.subtle.Render(" (red flag)")
		}
		scored := "  " + st.riskStyle(s.Risk).Render(bar(s.Score, barW)) + fmt.Sprintf(" %3.0f ", s.Score)
		if lipgloss.Width(scored+risk) > w {
			// Too narrow for both: the risk goes on its own line, whole.
			line(strings.TrimRight(scored, " "))
			line("  " + risk)
			continue
		}
		line(scored + risk)
	}

	if len(r.Flags) > 0 {
		line("")
		line(st.title.Render(fmt.Sprintf("Red flags (%d)", len(r.Flags))))
		for _, f := range r.Flags {
			mark := st.warn.Render("⚑ ")
			if f.Critical {
				mark = st.bad.Render("⚑ critical: ")
			}
			line(indent(mark+clean(f.Text), w, 2))
		}
	}
	if bc := r.BusinessCase; bc != nil {
		line("")
		line(st.title.Render("Business case at lower adoption"))
		switch {
		case bc.Problem != "":
			line(wrapText(clean(bc.Problem), w))
		case !bc.Available:
			var names []string
			for _, q := range bc.Missing {
				if q != nil {
					names = append(names, clean(q.Prompt))
				}
			}
			line(st.subtle.Render(wrapText("Not worked out: these answers are missing or \"don't know\": "+strings.Join(names, "; "), w)))
		default:
			// The money line at the top says what the break-even means.
			b.WriteString(m.caseTable(bc, w))
		}
	}
	return strings.TrimRight(b.String(), "\n")
}

// caseTable is the return at each adoption level, narrow enough for 40
// columns.
func (m Model) caseTable(bc *assessment.Sensitivity, w int) string {
	cur := clean(bc.Currency)
	money := func(x float64) string {
		s := reports.Money(x)
		if cur != "" && w >= 60 {
			s += " " + cur
		}
		return s
	}
	rows := [][]string{{"adoption", "net", "ROI", "payback"}}
	for _, sc := range bc.Scenarios {
		a := pct(sc.Adoption)
		if sc.Assumed {
			a += "*"
		}
		roi, pay := "–", reports.PaybackCell(sc, bc.HorizonYears)
		if sc.HasROI {
			roi = reports.Num(sc.ROI) + "%"
		}
		if w < 60 {
			// The table's width: "30.5 mo", "> 5 yr".
			pay = strings.NewReplacer(" months", " mo", "not within", ">", " years", " yr", " year", " yr").Replace(pay)
		}
		rows = append(rows, []string{a, money(sc.Net), roi, pay})
	}
	widths := make([]int, 4)
	for _, r := range rows {
		for i, c := range r {
			widths[i] = max(widths[i], lipgloss.Width(c))
		}
	}
	var b strings.Builder
	for ri, r := range rows {
		var cells []string
		for i, c := range r {
			pad := strings.Repeat(" ", widths[i]-lipgloss.Width(c))
			if i == 0 {
				cells = append(cells, c+pad)
			} else {
				cells = append(cells, pad+c)
			}
		}
		row := "  " + strings.Join(cells, "  ")
		if ri == 0 {
			row = m.st.subtle.Render(row)
		}
		b.WriteString(row + "\n")
	}
	if bc.HasBreakEven {
		be := "break-even at " + assessment.FormatNumber(assessment.Round1(bc.BreakEven)) + "% adoption"
		if !bc.Reachable {
			be += " (out of reach)"
		}
		b.WriteString(m.st.bold.Render("  "+strings.ReplaceAll(wrapText(be, w-2), "\n", "\n  ")) + "\n")
	}
	if bc.HasAssumed {
		b.WriteString(m.st.subtle.Render("  * the adoption the case assumes") + "\n")
	}
	return b.String()
}

// indent wraps s to w, indenting the lines after the first by n spaces.
func indent(s string, w, n int) string {
	lines := strings.Split(wrapText(s, max(10, w-n)), "\n")
	for i := 1; i < len(lines); i++ {
		lines[i] = strings.Repeat(" ", n) + lines[i]
	}
	return strings.Join(lines, "\n")
}
