package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// readingText is everything the question screen can show about the
// current question, for reading in full when the window is too small.
func (m Model) readingText() string {
	q := m.question.current()
	w := m.contentWidth()
	var parts []string
	parts = append(parts, m.st.title.Render(wrapText(clean(q.Section.Title), w)))
	if why := cleanText(q.Section.Why); why != "" {
		parts = append(parts, m.st.faint.Render(wrapText(why, w)))
	}
	prompt := clean(q.Prompt)
	if q.Required {
		prompt += " *"
	}
	parts = append(parts, m.st.bold.Render(wrapText(prompt, w)))
	if help := m.helpText(q, true); help != "" {
		parts = append(parts, m.st.subtle.Render(wrapText(help, w)))
	}
	// The options in full: the field may cut them to fit.
	if isChoice(q) {
		var opts []string
		for _, o := range choiceOptions(q) {
			opts = append(opts, indent("• "+o.Key, w, 2))
		}
		parts = append(parts, strings.Join(opts, "\n"))
	}
	return strings.Join(parts, "\n\n")
}

// readingHeight is the number of text lines the reader shows at once.
func (m Model) readingHeight() int { return max(1, m.bodyHeight()-2) }

func (m Model) updateReading(msg tea.Msg) (tea.Model, tea.Cmd) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return m, nil
	}
	qs := &m.question
	lines := strings.Count(m.readingText(), "\n") + 1
	last := max(0, lines-m.readingHeight())
	switch {
	case key.Matches(k, m.keys.Read), key.Matches(k, m.keys.Back), k.String() == "enter", k.String() == "q":
		qs.reading = false
	case key.Matches(k, m.keys.Up):
		qs.readTop = max(0, qs.readTop-1)
	case key.Matches(k, m.keys.Down):
		qs.readTop = min(last, qs.readTop+1)
	case key.Matches(k, m.keys.PageUp):
		qs.readTop = max(0, qs.readTop-m.readingHeight())
	case key.Matches(k, m.keys.PageDown):
		qs.readTop = min(last, qs.readTop+m.readingHeight())
	}
	return m, nil
}

// viewReading shows the question's full text, scrolled, in place of the
// field: at 40×12 a long help text does not fit beside the options.
func (m Model) viewReading() (string, helpKeys) {
	qs := m.question
	w := m.contentWidth()
	lines := strings.Split(m.readingText(), "\n")
	h := m.readingHeight()
	top := min(qs.readTop, max(0, len(lines)-h))
	end := min(len(lines), top+h)
	where := fmt.Sprintf("Reading %d–%d of %d lines", top+1, end, len(lines))
	var b strings.Builder
	b.WriteString(m.st.subtle.Render(truncate(where, w)) + "\n\n")
	b.WriteString(strings.Join(lines[top:end], "\n"))
	done := key.NewBinding(key.WithKeys("esc", "enter", "ctrl+o"), key.WithHelp("esc", "back to the question"))
	scroll := key.NewBinding(key.WithKeys("up", "down"), key.WithHelp("↑/↓", "scroll"))
	return b.String(), helpKeys{short: []key.Binding{scroll, done}}
}
