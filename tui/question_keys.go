package tui

// The question screen's own keys: y and n, digits, and the key line with
// the marks that say what a cut list hides.

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/vitals-dev/vitals/assessment"
	"github.com/vitals-dev/vitals/questions"
)

// answerYesNo answers a yes/no question with the option whose label or
// value starts with the letter typed, at once.
func (m Model) answerYesNo(letter string) (tea.Model, tea.Cmd) {
	qs := &m.question
	for _, o := range qs.current().Options {
		if strings.HasPrefix(strings.ToLower(o.Label), letter) || strings.HasPrefix(strings.ToLower(o.Value), letter) {
			qs.val.one = o.Value
			return m.answered()
		}
	}
	return m, nil
}

// pickDigit chooses the option a digit names: in a list it moves the
// cursor there (enter answers), in a checklist it ticks or unticks it.
func (m Model) pickDigit(digit rune) (tea.Model, tea.Cmd) {
	qs := &m.question
	q := qs.current()
	if q == nil || !isChoice(q) || qs.form == nil {
		return m, nil
	}
	value := digitOption(q, digit)
	if value == "" {
		return m, nil
	}
	if assessment.FormOf(q).Input == assessment.PickMany {
		qs.form = moveCursorTo(qs.form, value)
		if h, ok := hoveredOption(qs.form); ok && h == value {
			qs.err = ""
			var cmd tea.Cmd
			qs.form, cmd = updateForm(qs.form, tea.KeyPressMsg{Code: tea.KeySpace, Text: " "})
			return m, cmd
		}
		return m, nil
	}
	qs.form, qs.val = m.buildFieldValue(q, &fieldValue{one: value})
	m = m.layoutQuestion()
	return m, qs.form.Init()
}

func (m Model) questionKeys(q *questions.Question) helpKeys {
	note := m.keys.Note
	if m.pendingNote(q) != "" {
		note.SetHelp("ctrl+n", "edit note")
	}
	var field, more []key.Binding
	switch {
	case assessment.FormOf(q).Input == assessment.PickMany:
		field = []key.Binding{
			key.NewBinding(key.WithKeys("up", "down"), key.WithHelp("↑/↓", "move")),
			key.NewBinding(key.WithKeys("space"), key.WithHelp("space", "tick")),
		}
		more = []key.Binding{key.NewBinding(key.WithKeys("1"), key.WithHelp("1-9", "tick that option"))}
	case isInput(q):
		if q.DontKnow {
			more = []key.Binding{key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "don't know (typed)"))}
		}
	case isYesNo(q):
		field = []key.Binding{key.NewBinding(key.WithKeys("y", "n"), key.WithHelp("y/n", "answer"))}
		more = []key.Binding{
			key.NewBinding(key.WithKeys("up", "down"), key.WithHelp("↑/↓", "choose")),
			key.NewBinding(key.WithKeys("1"), key.WithHelp("1-9", "choose that option")),
		}
	default:
		field = []key.Binding{key.NewBinding(key.WithKeys("up", "down"), key.WithHelp("↑/↓", "choose"))}
		digits := key.NewBinding(key.WithKeys("1"), key.WithHelp("1-9", "choose that option"))
		if assessment.FormOf(q).Points {
			digits.SetHelp("0-9", "choose that point")
		}
		more = []key.Binding{digits}
	}
	next := key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "next"))
	back := m.keys.Back
	section := key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup", "section start"))
	switch {
	case m.question.returnTo == screenReview:
		next.SetHelp("enter", "keep")
		back.SetHelp("esc", "review")
	case m.question.step(m.sess, m.question.idx, -1) < 0:
		// The first question: esc and pgup lead nowhere.
		back.SetEnabled(false)
		section.SetEnabled(false)
	}
	help := m.keys.Help
	if m.question.typing() {
		help = m.keys.HelpF1
	}
	short := append(slices.Clone(field), next, back, note)
	if m.width < 60 {
		// A narrow help line is cut after two or three keys: enter, the
		// way to all the others, and esc first.
		short = append([]key.Binding{next, help, back}, append(slices.Clone(field), note)...)
	} else {
		short = append(short, help)
	}
	read := m.keys.Read
	switch {
	case m.question.cut:
		// Part of the question's text is hidden: say how to read it
		// before anything else.
		short = append([]key.Binding{read}, short...)
	case m.hasHelp(q):
		read.SetHelp("ctrl+o", "help")
		short = append([]key.Binding{read}, short...)
	}
	full := [][]key.Binding{
		append(append(slices.Clone(field), more...), next),
		{back, section, m.keys.ReviewAt},
		{note, read, m.keys.Quit},
	}
	if assessment.FormOf(q).Input == assessment.TypeText {
		full[0] = append(full[0], key.NewBinding(key.WithKeys("alt+enter"), key.WithHelp("alt+enter", "new line")))
	}
	return helpKeys{short: short, full: full}
}

// scrollMarks says how many options of a list cut to the window are
// above and below the part shown ("↑ 1 more above · ↓ 2 more below"), or
// "" when the whole list shows. huh scrolls its lists without a mark, so
// the options are looked for in the field as drawn.
func (qs questionScreen) scrollMarks() string {
	q := qs.current()
	if q == nil || qs.form == nil || !isChoice(q) {
		return ""
	}
	var lines []string
	for _, l := range strings.Split(ansi.Strip(qs.form.View()), "\n") {
		l = strings.TrimLeft(l, "┃ >")
		l = strings.TrimPrefix(strings.TrimPrefix(l, "[ ] "), "[x] ")
		if l = strings.TrimSpace(l); l != "" {
			lines = append(lines, l)
		}
	}
	shown := func(label string) bool {
		for _, l := range lines {
			cut := strings.TrimSuffix(l, "…")
			if l == label || (cut != l || utf8.RuneCountInString(l) >= 8) && strings.HasPrefix(label, cut) {
				return true
			}
		}
		return false
	}
	opts := choiceOptions(q)
	first, last := -1, -1
	for i, o := range opts {
		if shown(o.Key) {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	if first < 0 {
		return ""
	}
	var marks []string
	if first > 0 {
		marks = append(marks, fmt.Sprintf("↑ %d more above", first))
	}
	if below := len(opts) - 1 - last; below > 0 {
		marks = append(marks, fmt.Sprintf("↓ %d more below", below))
	}
	return strings.Join(marks, " · ")
}
