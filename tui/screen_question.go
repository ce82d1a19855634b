package tui

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"charm.land/lipgloss/v2"

	"github.com/vitals-dev/vitals/assessment"
	"github.com/vitals-dev/vitals/questions"
	"github.com/vitals-dev/vitals/workspace"
)

// dontKnow is the option value of "Don't know" in choice fields; it cannot
// clash with a rubric value, which is an id.
const dontKnow = "\x00dk"

// notApplicable is the option value of "Not applicable" in choice fields.
const notApplicable = "\x00na"

// questionScreen shows one question of a section at a time. Each question
// gets a small form of its own, built when it is shown: a rubric of any
// size costs the same per key press.
type questionScreen struct {
	rubric *questions.Rubric
	order  []*questions.Question
	index  map[string]int
	idx    int
	// returnTo is screenReview when a question is edited from the review.
	returnTo screen

	form *huh.Form
	val  *fieldValue
	// noting is set while the note of the current answer is edited, or
	// with reason the reason a question does not apply, which the answer
	// "not applicable" needs before it is stored.
	noting, reason bool
	// stale is set when the window changed while the note was open: the
	// field is laid out again when it closes.
	stale    bool
	noteForm *huh.Form
	noteVal  *string
	err      string
	// warn says why the date just entered looks wrong; warned is that
	// date, which a second enter keeps.
	warn, warned string

	// Cached when the question is shown: the work is O(rubric).
	prog progress
	// Which optional parts fit the window, worked out by layoutQuestion;
	// tight drops the blank line above the field.
	showSection, tight bool
	showWarning        bool
	helpLines          int
	// cut is set when part of the question's text did not fit; reading
	// shows all of it, scrolled to readTop, in place of the field.
	cut     bool
	reading bool
	readTop int
}

// fieldValue is what the form's field writes into.
type fieldValue struct {
	one  string
	many []string
	text string
}

func (qs questionScreen) current() *questions.Question {
	if qs.idx < 0 || qs.idx >= len(qs.order) {
		return nil
	}
	return qs.order[qs.idx]
}

func (qs questionScreen) init() tea.Cmd {
	if qs.form == nil {
		return nil
	}
	return qs.form.Init()
}

// typing reports whether keys go into a text field, so letters and ? are
// text rather than commands.
func (qs questionScreen) typing() bool {
	if qs.noting {
		return true
	}
	q := qs.current()
	return q != nil && isInput(q)
}

func isInput(q *questions.Question) bool {
	in := assessment.FormOf(q).Input
	return in == assessment.TypeLine || in == assessment.TypeText
}

// firstOpen returns the first visible question without an answer that was
// not passed over before the last answer (see Session.PassedOver), or -1.
func (qs questionScreen) firstOpen(s *workspace.Session) int {
	vis := s.Visible()
	passed := s.PassedOver()
	for i, q := range qs.order {
		if _, ok := s.Answers.Answers[q.ID]; vis[q.ID] && !ok && !passed[q.ID] {
			return i
		}
	}
	return -1
}

// step returns the next (dir 1) or previous (dir -1) visible question
// after i, or -1.
func (qs questionScreen) step(s *workspace.Session, i, dir int) int {
	vis := s.Visible()
	for j := i + dir; j >= 0 && j < len(qs.order); j += dir {
		if vis[qs.order[j].ID] {
			return j
		}
	}
	return -1
}

// showQuestion makes question i current, with a fresh form holding its
// answer so far.
func (m Model) showQuestion(i int, returnTo screen) Model {
	qs := &m.question
	qs.idx, qs.returnTo, qs.err, qs.noting, qs.reason = i, returnTo, "", false, false
	qs.warn, qs.warned = "", ""
	qs.reading, qs.readTop = false, 0
	q := qs.order[i]
	qs.prog = m.progressAt(q)
	qs.form, qs.val = m.buildField(q)
	m.screen = screenQuestion
	return m.layoutQuestion()
}

func (m Model) updateQuestion(msg tea.Msg) (tea.Model, tea.Cmd) {
	qs := &m.question
	if p, ok := msg.(tea.PasteMsg); ok {
		if why := qs.refusePaste(p.Content); why != "" {
			qs.err = why
			return m, nil
		}
	}
	if qs.noting {
		return m.updateNote(msg)
	}
	if qs.reading {
		return m.updateReading(msg)
	}
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(k, m.keys.Read):
			qs.reading, qs.readTop = true, 0
			return m, nil
		case key.Matches(k, m.keys.ReviewAt):
			// The answers so far, mid-way; esc comes back here.
			from, id := qs.idx, qs.current().ID
			m = m.openReview()
			m.review = m.review.focus(id, m)
			m.reviewFrom = from + 1
			return m, nil
		case key.Matches(k, m.keys.Back):
			return m.back()
		case k.String() == "pgup":
			return m.backSection()
		case key.Matches(k, m.keys.Note):
			return m.startNote()
		case isYesNo(qs.current()) && (k.Text == "y" || k.Text == "n" || k.Text == "Y" || k.Text == "N"):
			// As huh's confirm field: the letter is the answer.
			return m.answerYesNo(strings.ToLower(k.Text))
		case !qs.typing() && len(k.Text) == 1 && k.Text[0] >= '0' && k.Text[0] <= '9':
			return m.pickDigit(rune(k.Text[0]))
		case k.String() == "enter" && qs.form != nil && qs.form.State == huh.StateNormal:
			// The answer is taken here, at once. Left to huh, enter only
			// asks for the next field through a command, and keys typed
			// before that command comes back still go to this field:
			// "1000000", enter, "500000" typed fast was saved as
			// 100000050. The field's value is current after every key.
			return m.answered()
		}
	}
	if qs.form == nil || qs.form.State != huh.StateNormal {
		return m, nil
	}
	if _, ok := msg.(tea.KeyPressMsg); ok {
		// The reason shown was the last enter's; this key corrects it.
		qs.err, qs.warn = "", ""
	}
	var cmd tea.Cmd
	qs.form, cmd = updateForm(qs.form, msg)
	if qs.form.State != huh.StateCompleted {
		return m, cmd
	}
	return m.answered()
}

// answered stores the completed form's answer, saves, and moves on.
func (m Model) answered() (tea.Model, tea.Cmd) {
	qs := &m.question
	q := qs.current()
	ans, err := qs.answerFromField(q)
	if err == nil && ans != nil && ans.NotApplicable {
		// Stored once its reason is typed.
		return m.startReason()
	}
	return m.commit(q, ans, err)
}

// commit stores ans (or shows err), saves, and moves on.
func (m Model) commit(q *questions.Question, ans *assessment.Answer, err error) (tea.Model, tea.Cmd) {
	qs := &m.question
	if err == nil && ans == nil && m.pendingNote(q) != "" {
		// An answers file keeps a note with its answer; leaving the
		// question empty would drop the note without a word.
		err = errors.New("this note is kept with an answer: answer the question, type ? for \"don't know\", or remove the note first")
	}
	if err == nil && ans != nil {
		if warn := m.dateWarning(q, ans); warn != "" && qs.warned != ans.Text {
			// Not refused: the same date entered again is kept.
			entered := *qs.val
			m = m.showQuestion(qs.idx, qs.returnTo)
			m.question.form, m.question.val = m.buildFieldValue(q, &entered)
			m.question.warn, m.question.warned = warn+" Press enter again to keep it, or correct it.", ans.Text
			m = m.layoutQuestion()
			return m, m.question.init()
		}
	}
	if err == nil {
		err = m.store(q, ans)
	}
	if err != nil {
		// Shown again with the error (huh can let a fast double Enter
		// past its own validation), holding what the user entered, not
		// the answer stored before: ticks and text are kept to correct.
		entered := *qs.val
		m = m.showQuestion(qs.idx, qs.returnTo)
		m.question.form, m.question.val = m.buildFieldValue(q, &entered)
		m.question.err = strings.TrimPrefix(err.Error(), workspace.ErrInvalid.Error()+": ")
		m = m.layoutQuestion()
		return m, m.question.init()
	}
	m.warnings = nil
	save := m.autosave()
	if bad := m.sess.Recheck(); len(bad) > 0 {
		// An answer that no longer fits is dropped; ask it again now.
		m = m.showQuestion(m.question.index[bad[0].ID], m.question.returnTo)
		m.question.err = "This answer did not fit and was not kept: please answer again."
		return m, tea.Batch(save, m.autosave(), m.question.init())
	}
	if qs.returnTo == screenReview {
		m = m.openReview()
		m.review = m.review.focus(q.ID, m)
		return m, save
	}
	next := qs.step(m.sess, qs.idx, 1)
	if next < 0 {
		m = m.openReview()
		m.reviewFrom = 0
		return m, save
	}
	m = m.showQuestion(next, screenQuestion)
	return m, tea.Batch(save, m.question.init())
}

// store validates and keeps ans (nil clears the answer) in memory; the
// caller saves the file with autosave.
func (m Model) store(q *questions.Question, ans *assessment.Answer) error {
	mem := *m.sess
	mem.Path = "" // the file is written by a command, not in Update
	if ans == nil {
		return mem.Clear(q.ID)
	}
	ans.Note = m.pendingNote(q)
	return mem.Set(q.ID, ans)
}

// back goes to the previous visible question, or returns to the review.
func (m Model) back() (tea.Model, tea.Cmd) {
	qs := m.question
	if qs.returnTo == screenReview {
		m = m.openReview()
		m.review = m.review.focus(qs.current().ID, m)
		return m, nil
	}
	prev := qs.step(m.sess, qs.idx, -1)
	if prev < 0 {
		m.question.err = "This is the first question."
		return m, nil
	}
	m = m.showQuestion(prev, screenQuestion)
	return m, m.question.init()
}

// backSection goes to the first question of this section, or of the one
// before when already there.
func (m Model) backSection() (tea.Model, tea.Cmd) {
	qs := m.question
	if qs.returnTo == screenReview {
		return m.back()
	}
	vis := m.sess.Visible()
	cur := qs.current().Section
	target := -1
	for i := qs.idx - 1; i >= 0; i-- {
		q := qs.order[i]
		if !vis[q.ID] {
			continue
		}
		if q.Section != cur && target >= 0 {
			break
		}
		if q.Section != cur {
			cur = q.Section
		}
		target = i
	}
	if target < 0 {
		m.question.err = "This is the first section."
		return m, nil
	}
	m = m.showQuestion(target, screenQuestion)
	return m, m.question.init()
}

func isYesNo(q *questions.Question) bool { return q != nil && assessment.FormOf(q).Letters }

// unitName names the kind of section: the built-in rubric's sections are
// the warning signs.
func unitName(r *questions.Rubric) string {
	if r.ID == "five-warning-signs" {
		return "Sign"
	}
	return "Part"
}

// layoutQuestion decides which optional parts fit and sizes the form.
func (m Model) layoutQuestion() Model {
	qs := &m.question
	q := qs.current()
	if q == nil || qs.form == nil {
		return m
	}
	w := m.contentWidth()
	h := func(s string) int {
		if s == "" {
			return 0
		}
		return lipgloss.Height(wrapText(s, w))
	}
	fixed := 3 + h(clean(q.Prompt)) + 1 // header, progress, blank; prompt; blank
	if len(m.warnings) > 0 {
		wh := h("⚠ " + clean(m.warnings[0].Msg) + " (and 99 more)")
		qs.showWarning = fixed+wh+3 <= m.bodyHeight()
		if qs.showWarning {
			fixed += wh
		}
	}
	fixed++ // the error line, blank when there is none
	if qs.err != "" {
		fixed += h("✗ "+qs.err) - 1
	} else if qs.warn != "" {
		fixed += h("⚠ "+qs.warn) - 1
	}
	if n := m.noteLine(q); n != "" {
		fixed++
	}
	need := m.formNeed(q)
	room := m.bodyHeight()
	// What the question accepts matters most, then the section, then why
	// the section matters; the options get what is left, at least three
	// lines (huh scrolls them).
	help := h(m.helpText(q, false))
	qs.helpLines = max(0, min(help, room-fixed-min(need, 3)))
	fixed += qs.helpLines
	section := h(clean(q.Section.Title)) + 1
	qs.showSection = fixed+section+need <= room
	if qs.showSection {
		fixed += section
	}
	qs.cut = qs.helpLines < help || !qs.showSection || m.labelsCut(q)
	least := 3
	if qs.err != "" || qs.warn != "" {
		least = 2 // the reason must show too
	}
	// In a small window the blank line above the field goes first.
	qs.tight = room-fixed < min(need, least)
	if qs.tight {
		fixed--
	}
	height := max(min(need, least), min(need, room-fixed))
	qs.form = qs.form.WithWidth(w).WithHeight(height)
	if qs.noting && qs.noteForm != nil {
		// The input scrolls to its cursor only when it updates; a nil
		// message makes it do so at the new width, without waiting for the
		// next key or blink.
		qs.noteForm, _ = updateForm(qs.noteForm.WithWidth(w), nil)
	}
	return m
}

// formNeed is the height the field wants.
func (m Model) formNeed(q *questions.Question) int {
	switch assessment.FormOf(q).Input {
	case assessment.PickMany:
		n := len(q.Options) + 1
		if q.DontKnow {
			n++
		}
		if q.NotApplicable {
			n++
		}
		return n
	case assessment.PickOne:
		return len(choiceOptions(q))
	case assessment.TypeText:
		return 4
	}
	return 1
}

// helpText is what the field accepts ("A date, YYYY-MM-DD."), and with
// full the question's own help before it. The screen shows what the field
// accepts; the help is one key away (ctrl+o), so that the run reads in
// ten minutes.
func (m Model) helpText(q *questions.Question, full bool) string {
	var parts []string
	if full && q.Help != "" {
		parts = append(parts, cleanText(strings.TrimSpace(q.Help)))
	}
	var hint string
	switch assessment.FormOf(q).Input {
	case assessment.TypeLine:
		// In the words plain mode uses: "A number (at least 0, in EUR)."
		h := clean(assessment.InputHint(q))
		hint = strings.ToUpper(h[:1]) + h[1:] + "."
	case assessment.PickMany:
		hint = "Tick with space or the option's number, then enter."
	}
	if isInput(q) && q.DontKnow {
		hint += " Type ? if you don't know."
	}
	if isInput(q) && q.NotApplicable {
		hint += " Type n/a if it does not apply."
	}
	if isInput(q) && !q.Required {
		hint += " Leave empty to skip."
	}
	if hint = strings.TrimSpace(hint); hint != "" {
		parts = append(parts, hint)
	}
	return strings.Join(parts, "\n")
}

// hasHelp reports whether the reader (ctrl+o) has more to say about q
// than the screen shows: its help, or on the first question of a section
// why the section matters.
func (m Model) hasHelp(q *questions.Question) bool {
	return q.Help != "" || q.Section.Why != "" && m.question.prog.first()
}

func (m Model) viewQuestion() (string, helpKeys) {
	qs := m.question
	q := qs.current()
	w := m.contentWidth()
	if qs.reading {
		return m.viewReading()
	}
	var b strings.Builder
	p := qs.prog
	title := clean(m.sess.Rubric.Title)
	if m.sess.Answers.Project != "" {
		title += " · " + clean(m.sess.Answers.Project)
	}
	b.WriteString(m.st.subtle.Render(truncate(title, w)) + "\n")
	where := fmt.Sprintf("%s %d of %d · question %d of %d", unitName(m.sess.Rubric), p.section, p.sections, p.inSection, p.ofSecton)
	if p.followUp > 0 {
		where += fmt.Sprintf(" · follow-up %d", p.followUp)
		if lipgloss.Width(where) > w {
			// At 40 columns: the follow-up whole, "question" left out.
			where = fmt.Sprintf("%s %d of %d · %d of %d · follow-up %d", unitName(m.sess.Rubric), p.section, p.sections, p.inSection, p.ofSecton, p.followUp)
		}
	}
	overall := 0.0
	if p.visible > 0 {
		overall = 100 * float64(p.answered) / float64(p.visible)
	}
	if barW := w - lipgloss.Width(where) - 8; barW >= 6 {
		where += "  " + m.st.selected.Render(bar(overall, min(barW, 30))) + " " + pct(overall)
	}
	b.WriteString(truncate(where, w) + "\n")
	if len(m.warnings) > 0 && qs.showWarning {
		// Until the first answer: the answers file was written against
		// another version of the rubric.
		msg := "⚠ " + clean(m.warnings[0].Msg)
		if len(m.warnings) > 1 {
			msg += fmt.Sprintf(" (and %d more)", len(m.warnings)-1)
		}
		b.WriteString(m.st.warn.Render(wrapText(msg, w)) + "\n")
	}
	b.WriteString("\n")
	if qs.showSection {
		b.WriteString(m.st.title.Render(wrapText(clean(q.Section.Title), w)) + "\n")
	}
	if qs.showSection {
		b.WriteString("\n")
	}
	prompt := clean(q.Prompt)
	if q.Required {
		prompt += " *"
	}
	b.WriteString(m.st.bold.Render(wrapText(prompt, w)) + "\n")
	if qs.helpLines > 0 {
		lines := strings.Split(wrapText(m.helpText(q, false), w), "\n")
		if len(lines) > qs.helpLines {
			lines = lines[:qs.helpLines]
			lines[len(lines)-1] = truncate(lines[len(lines)-1]+"…", w)
		}
		b.WriteString(m.st.subtle.Render(strings.Join(lines, "\n")) + "\n")
	}
	if qs.noting {
		b.WriteString("\n" + qs.noteForm.View() + "\n")
		switch {
		case qs.err != "":
			b.WriteString(m.st.err.Render(wrapText("✗ "+qs.err, w)) + "\n")
		case qs.counter() != "":
			b.WriteString(m.st.subtle.Render(qs.counter()) + "\n")
		}
		keep := "keep note"
		if qs.reason {
			keep = "answer"
		}
		keys := []key.Binding{
			key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", keep)),
			key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
		}
		return b.String(), helpKeys{
			short: append(slices.Clone(keys), m.keys.HelpF1),
			full: [][]key.Binding{keys, {
				key.NewBinding(key.WithKeys("ctrl+u"), key.WithHelp("ctrl+u", "clear")),
				m.keys.Quit,
			}},
		}
	}
	if !qs.tight {
		b.WriteString("\n")
	}
	b.WriteString(qs.form.View() + "\n")
	switch errs := qs.form.Errors(); {
	case len(errs) > 0:
		b.WriteString(m.st.err.Render(wrapText("✗ "+clean(errs[0].Error()), w)) + "\n")
	case qs.err != "":
		b.WriteString(m.st.err.Render(wrapText("✗ "+qs.err, w)) + "\n")
	case qs.warn != "":
		b.WriteString(m.st.warn.Render(wrapText("⚠ "+qs.warn, w)) + "\n")
	case qs.counter() != "":
		b.WriteString(m.st.subtle.Render(qs.counter()) + "\n")
	default:
		// The line under a list cut to the window says what is hidden.
		b.WriteString(m.st.subtle.Render(truncate(qs.scrollMarks(), w)) + "\n")
	}
	if n := m.noteLine(q); n != "" {
		b.WriteString(m.st.subtle.Render(truncate(n, w)) + "\n")
	}
	return b.String(), m.questionKeys(q)
}

// editing is the text being typed where a paste would land: the note, or
// a free-text answer; ok is false where nothing long is typed.
func (qs questionScreen) editing() (text string, ok bool) {
	switch {
	case qs.noting && qs.noteVal != nil:
		return *qs.noteVal, true
	case qs.val != nil && qs.current() != nil && assessment.FormOf(qs.current()).Input == assessment.TypeText:
		return qs.val.text, true
	}
	return "", false
}

// refusePaste says why a paste cannot go into the text being edited: it
// would take it past MaxText, and huh would cut it there without a word.
// "" means it fits.
func (qs questionScreen) refusePaste(paste string) string {
	text, ok := qs.editing()
	if !ok {
		return ""
	}
	have, add := utf8.RuneCountInString(text), utf8.RuneCountInString(paste)
	if have+add <= assessment.MaxText {
		return ""
	}
	return fmt.Sprintf("That paste is %s characters and this field holds %s, with %s free: nothing was pasted. Paste a shorter part, or put the whole text in a file and note where it is.",
		assessment.FormatCount(add), assessment.FormatCount(assessment.MaxText), assessment.FormatCount(assessment.MaxText-have))
}

// counterFrom is how full a field must be before its counter shows.
const counterFrom = assessment.MaxText * 8 / 10

// counter is "8,120 of 10,000 characters" once the text being edited
// nears the limit, so the limit is seen before it is met; "" below it.
func (qs questionScreen) counter() string {
	text, ok := qs.editing()
	if n := utf8.RuneCountInString(text); ok && n >= counterFrom {
		return fmt.Sprintf("%s of %s characters", assessment.FormatCount(n), assessment.FormatCount(assessment.MaxText))
	}
	return ""
}
