package tui

import (
	"fmt"
	"math"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/vitals-dev/vitals/assessment"
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
	rs.vp.SetHeight(max(2, m.bodyHeight()))
	rs.vp.SetContent(m.renderResult(rs.result, m.contentWidth()))
	return rs
}

func (m Model) updateResults(msg tea.Msg) (tea.Model, tea.Cmd) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return m, nil
	}
	switch {
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
	keys := helpKeys{
		short: []key.Binding{
			key.NewBinding(key.WithKeys("up", "down"), key.WithHelp("↑/↓", "scroll")),
			m.keys.Save, m.keys.Review, m.keys.Help,
		},
		full: [][]key.Binding{
			{m.keys.Up, m.keys.Down, m.keys.PageUp, m.keys.PageDown},
			{m.keys.Save, m.keys.Review},
			{m.keys.Quit},
		},
	}
	return m.results.vp.View(), keys
}

// renderResult lays out the result for a width: overall, one bar per
// section, red flags, top actions and the business case.
func (m Model) renderResult(r *assessment.Result, w int) string {
	st := m.st
	var b strings.Builder
	line := func(s string) { b.WriteString(s + "\n") }
	line(st.title.Render(wrapText("Results · "+clean(r.Rubric.Title), w)))
	if r.Answers.Project != "" {
		line(st.subtle.Render(truncate(clean(r.Answers.Project), w)))
	}
	line("")
	if r.Scored {
		risk := st.risk(r.Risk)
		if r.Forced {
			risk += st.subtle.Render(" (red flag)")
		}
		line(st.bold.Render(fmt.Sprintf("Overall %s/100", assessment.FormatNumber(r.Score))) + "  " + risk)
	} else {
		line(st.bold.Render("Overall: not scored") + "  " + st.subtle.Render("(no scored answers yet)"))
	}
	line(st.subtle.Render(fmt.Sprintf("%s%% of the questions answered", assessment.FormatNumber(r.Completeness))))
	if n := r.ScoredSections(); r.Scored && n < len(r.Sections) {
		line(st.warn.Render(wrapText(fmt.Sprintf("The overall score covers only %d of %d sections.", n, len(r.Sections)), w)))
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
	if len(r.Actions) > 0 {
		line("")
		line(st.title.Render("Top actions"))
		for i, a := range r.Actions {
			if i == 5 {
				break
			}
			line(indent(fmt.Sprintf("%d. %s", i+1, cleanText(a.Text))+st.subtle.Render(fmt.Sprintf(" (+%s points)", assessment.FormatNumber(math.Round(a.Impact*10)/10))), w, 3))
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
			b.WriteString(m.caseTable(bc, w))
			if s := bc.Summary(); s != "" {
				line(wrapText(s, w))
			}
		}
	}
	if len(r.Unanswered) > 0 || len(r.DontKnow) > 0 {
		line("")
		line(st.subtle.Render(wrapText(fmt.Sprintf("%d unanswered (left out of the scores) and %d \"don't know\" (scored %s, as a risk): both are listed in the report.", len(r.Unanswered), len(r.DontKnow), assessment.FormatNumber(r.Rubric.DontKnowScore)), w)))
	}
	return strings.TrimRight(b.String(), "\n")
}

// caseTable is the return at each adoption level, narrow enough for 40
// columns.
func (m Model) caseTable(bc *assessment.Sensitivity, w int) string {
	cur := clean(bc.Currency)
	money := func(x float64) string {
		s := humanMoney(x)
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
		roi, pay := "–", "never"
		if sc.HasROI {
			roi = fmt.Sprintf("%.0f%%", sc.ROI)
		}
		if sc.Pays {
			pay = fmt.Sprintf("%.0f mo", math.Ceil(sc.PaybackMonths))
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

// humanMoney shortens large amounts: 1.2m, 350k.
func humanMoney(x float64) string {
	ax := math.Abs(x)
	switch {
	case ax >= 1e9:
		return trimZero(fmt.Sprintf("%.1f", x/1e9)) + "bn"
	case ax >= 1e6:
		return trimZero(fmt.Sprintf("%.1f", x/1e6)) + "m"
	case ax >= 1e4:
		return fmt.Sprintf("%.0fk", x/1e3)
	}
	return fmt.Sprintf("%.0f", x)
}

func trimZero(s string) string { return strings.TrimSuffix(s, ".0") }

// indent wraps s to w, indenting the lines after the first by n spaces.
func indent(s string, w, n int) string {
	lines := strings.Split(wrapText(s, max(10, w-n)), "\n")
	for i := 1; i < len(lines); i++ {
		lines[i] = strings.Repeat(" ", n) + lines[i]
	}
	return strings.Join(lines, "\n")
}
