package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/vitals-dev/vitals/assessment"
	"github.com/vitals-dev/vitals/questions"
)

// reviewScreen lists every visible question with its answer, grouped by
// section; enter edits one.
type reviewScreen struct {
	items   []reviewItem
	cursor  int // index into items, always a question
	offset  int // first line shown
	lines   int // lines available for the list
	missing int
	unknown int
	// answered and visible count the questions, for the summary line.
	answered, visible int
}

// reviewItem is a section heading (q nil) or a question, with the note
// on its answer.
type reviewItem struct {
	section *questions.Section
	q       *questions.Question
	note    string
}

func (m Model) openReview() Model {
	rs := reviewScreen{}
	vis := m.sess.Visible()
	for _, s := range m.sess.Rubric.Sections {
		head := false
		for _, q := range s.Questions {
			if !vis[q.ID] {
				continue
			}
			if !head {
				rs.items = append(rs.items, reviewItem{section: s})
				head = true
			}
			a := m.sess.Answers.Answers[q.ID]
			it := reviewItem{section: s, q: q}
			if a != nil {
				it.note = a.Note
			}
			rs.items = append(rs.items, it)
			switch {
			case a == nil && q.Required:
				rs.missing++
			case a != nil && a.DontKnow:
				rs.unknown++
			}
		}
	}
	rs.answered, rs.visible = m.sess.Progress()
	rs.cursor = -1
	rs = rs.move(1)
	m.review = rs.fit(m)
	m.screen = screenReview
	return m
}

// move puts the cursor on the next question item in direction dir.
func (rs reviewScreen) move(dir int) reviewScreen {
	for i := rs.cursor + dir; i >= 0 && i < len(rs.items); i += dir {
		if rs.items[i].q != nil {
			rs.cursor = i
			return rs
		}
	}
	return rs
}

// focus puts the cursor on question id.
func (rs reviewScreen) focus(id string, m Model) reviewScreen {
	for i, it := range rs.items {
		if it.q != nil && it.q.ID == id {
			rs.cursor = i
		}
	}
	return rs.fit(m)
}

// Each question takes two lines, prompt and answer, and a third for the
// note on the answer.
func itemHeight(it reviewItem) int {
	switch {
	case it.q == nil:
		return 1
	case it.note != "":
		return 3
	}
	return 2
}

// fit scrolls so the cursor is in view.
func (rs reviewScreen) fit(m Model) reviewScreen {
	// Title, summary, a line for "more above" and one for "more below".
	rs.lines = max(2, m.bodyHeight()-4)
	if len(rs.items) == 0 {
		return rs
	}
	start := 0
	for i := 0; i < rs.cursor && i < len(rs.items); i++ {
		start += itemHeight(rs.items[i])
	}
	// Show the section heading with the first question.
	if rs.cursor > 0 && rs.items[rs.cursor-1].q == nil {
		start--
	}
	end := start + 1 + itemHeight(rs.items[max(0, rs.cursor)])
	if rs.offset > start {
		rs.offset = start
	}
	if end > rs.offset+rs.lines {
		rs.offset = end - rs.lines
	}
	rs.offset = max(0, rs.offset)
	return rs
}

func (m Model) updateReview(msg tea.Msg) (tea.Model, tea.Cmd) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return m, nil
	}
	rs := m.review
	switch {
	case key.Matches(k, m.keys.Up):
		m.review = rs.move(-1).fit(m)
	case key.Matches(k, m.keys.Down):
		m.review = rs.move(1).fit(m)
	case key.Matches(k, m.keys.PageUp):
		for range rs.lines / 2 {
			rs = rs.move(-1)
		}
		m.review = rs.fit(m)
	case key.Matches(k, m.keys.PageDown):
		for range rs.lines / 2 {
			rs = rs.move(1)
		}
		m.review = rs.fit(m)
	case k.String() == "home" || k.String() == "g":
		rs.cursor = -1
		m.review = rs.move(1).fit(m)
	case k.String() == "end" || k.String() == "G":
		rs.cursor = len(rs.items)
		m.review = rs.move(-1).fit(m)
	case key.Matches(k, m.keys.Edit):
		if rs.cursor >= 0 && rs.cursor < len(rs.items) {
			q := rs.items[rs.cursor].q
			m = m.showQuestion(m.question.index[q.ID], screenReview)
			return m, m.question.init()
		}
	case key.Matches(k, m.keys.Results) && m.cfg.Workshop != "":
		// A workshop participant finishes here: no results on the screen
		// the next participant sits at, no report of their own.
		m.save.saving = true
		m.sess.Answers.Complete = true
		return m, m.finishParticipantCmd()
	case key.Matches(k, m.keys.Results):
		m = m.openResults()
	case key.Matches(k, m.keys.Back) && m.reviewFrom > 0:
		// Opened mid-way with ctrl+r: back to that question, or, when an
		// answer changed in the review hid it, to the next one still asked
		// (the one before it when none follows).
		at := m.reviewFrom - 1
		m.reviewFrom = 0
		if !m.sess.Visible()[m.question.order[at].ID] {
			if next := m.question.step(m.sess, at, 1); next >= 0 {
				at = next
			} else if prev := m.question.step(m.sess, at, -1); prev >= 0 {
				at = prev
			}
		}
		m = m.showQuestion(at, screenQuestion)
		return m, m.question.init()
	case key.Matches(k, m.keys.Back):
		// Back to the last question asked.
		last := m.question.step(m.sess, len(m.question.order), -1)
		if last >= 0 {
			m = m.showQuestion(last, screenQuestion)
			return m, m.question.init()
		}
	}
	return m, nil
}

// reviewShortKeys is the review's help line; esc is on it when it leads
// back to a question the respondent left mid-way.
func (m Model) reviewShortKeys() []key.Binding {
	keys := []key.Binding{key.NewBinding(key.WithKeys("up", "down"), key.WithHelp("↑/↓", "move")), m.keys.Edit}
	if m.reviewFrom > 0 {
		keys = append(keys, m.reviewBack())
	}
	if m.cfg.Workshop != "" {
		// How a participant finishes comes first: a narrow window cuts
		// the line from the right.
		return append([]key.Binding{m.resultsKey()}, append(keys, m.keys.Help)...)
	}
	return append(keys, m.resultsKey(), m.keys.Help)
}

// reviewBack is the esc key of the review, named for where it goes.
func (m Model) reviewBack() key.Binding {
	if m.reviewFrom > 0 {
		return key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back to the question"))
	}
	return key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "last question"))
}

func (m Model) viewReview() (string, helpKeys) {
	rs := m.review
	w := m.contentWidth()
	var b strings.Builder
	b.WriteString(m.st.title.Render("Review your answers") + "\n")
	sum := fmt.Sprintf("%d of %d answered", rs.answered, rs.visible)
	if rs.unknown > 0 {
		sum += fmt.Sprintf(" · %d don't know", rs.unknown)
	}
	if rs.missing > 0 {
		sum += m.st.err.Render(fmt.Sprintf(" · %d required missing", rs.missing))
	}
	b.WriteString(truncate(sum, w) + "\n")
	// Only the items in view are drawn: a review of a thousand answers
	// costs the same per key as one of ten.
	var lines []string
	line, above, below := 0, 0, 0
	for i, it := range rs.items {
		h := itemHeight(it)
		if line+h <= rs.offset || line >= rs.offset+rs.lines {
			if it.q != nil && line < rs.offset {
				above++
			} else if it.q != nil {
				below++
			}
			line += h
			for range h {
				lines = append(lines, "")
			}
			continue
		}
		line += h
		if it.q == nil {
			lines = append(lines, m.st.title.Render(truncate(clean(it.section.Title), w)))
			continue
		}
		if line > rs.offset+rs.lines {
			below++ // cut: its answer or note is below the part shown
		}
		a := m.sess.Answers.Answers[it.q.ID]
		mark, text := "✓", clean(assessment.AnswerText(it.q, a))
		style := m.st.ok
		switch {
		case a == nil && it.q.Required:
			mark, text, style = "!", "not answered (required)", m.st.err
		case a == nil:
			mark, text, style = "·", "not answered", m.st.subtle
		case a.DontKnow:
			mark, text, style = "?", "don't know", m.st.warn
		case a.NotApplicable:
			mark, text, style = "–", "not applicable: "+clean(a.Reason), m.st.subtle
		}
		cur := "  "
		prompt := truncate(clean(it.q.Prompt), w-4)
		if i == rs.cursor {
			cur = m.st.selected.Render("› ")
			prompt = m.st.selected.Render(prompt)
		}
		lines = append(lines, cur+style.Render(mark)+" "+prompt)
		lines = append(lines, "    "+style.Render(truncate(text, w-4)))
		if it.note != "" {
			lines = append(lines, "    "+m.st.subtle.Render(truncate("✎ "+clean(it.note), w-4)))
		}
	}
	if above > 0 {
		b.WriteString(m.st.subtle.Render(truncate(fmt.Sprintf("↑ %d more above", above), w)))
	}
	b.WriteString("\n")
	end := min(len(lines), rs.offset+rs.lines)
	if rs.offset < end {
		b.WriteString(strings.Join(lines[rs.offset:end], "\n"))
	}
	if below > 0 {
		b.WriteString("\n" + strings.Repeat("\n", rs.offset+rs.lines-end) + m.st.subtle.Render(truncate(fmt.Sprintf("↓ %d more below", below), w)))
	}
	return b.String(), helpKeys{
		short: m.reviewShortKeys(),
		full: [][]key.Binding{
			{m.keys.Up, m.keys.Down, m.keys.PageUp, m.keys.PageDown},
			{m.keys.Edit, m.resultsKey()},
			{m.reviewBack(), m.keys.Quit},
		},
	}
}

// resultsKey is r: the results, or for a workshop participant, finishing.
func (m Model) resultsKey() key.Binding {
	if m.cfg.Workshop == "" {
		return m.keys.Results
	}
	k := m.keys.Results
	k.SetHelp("r", "finish and hand over")
	return k
}
