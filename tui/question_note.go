package tui

// The note box of the question screen: a note on the answer, typed before
// or after the answer is given.

import (
	"errors"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"github.com/vitals-dev/vitals/assessment"
	"github.com/vitals-dev/vitals/questions"
)

func (m Model) startNote() (tea.Model, tea.Cmd) {
	qs := &m.question
	q := qs.current()
	v := new(string)
	*v = m.pendingNote(q)
	qs.noteVal = v
	km := formKeyMap()
	qs.noteForm = m.newForm(km, huh.NewGroup(huh.NewInput().
		Title("Note on this answer").
		Placeholder("who said so, what it depends on…").
		Value(v).CharLimit(assessment.MaxText).Validate(assessment.CheckText)))
	qs.noting = true
	return m, qs.noteForm.Init()
}

// startReason opens the box for the reason a question does not apply:
// the answer "not applicable" is stored with it, never without.
func (m Model) startReason() (tea.Model, tea.Cmd) {
	qs := &m.question
	q := qs.current()
	v := new(string)
	if a := m.sess.Answers.Answers[q.ID]; a != nil && a.NotApplicable {
		*v = a.Reason
	}
	qs.noteVal = v
	qs.noteForm = m.newForm(formKeyMap(), huh.NewGroup(huh.NewInput().
		Title("Why does this not apply? (required)").
		Placeholder("e.g. the vendor runs it, and reports on it").
		Value(v).CharLimit(assessment.MaxText).Validate(func(s string) error {
		if strings.TrimSpace(s) == "" {
			return errors.New("say why it does not apply, or press esc to answer otherwise")
		}
		return assessment.CheckText(s)
	})))
	qs.noting, qs.reason = true, true
	qs.err = ""
	return m, qs.noteForm.Init()
}

func (m Model) updateNote(msg tea.Msg) (tea.Model, tea.Cmd) {
	qs := &m.question
	if k, ok := msg.(tea.KeyPressMsg); ok && k.String() == "esc" {
		qs.reason = false
		return m.closeNote(nil)
	}
	var cmd tea.Cmd
	qs.noteForm, cmd = updateForm(qs.noteForm, msg)
	if qs.noteForm.State != huh.StateCompleted {
		return m, cmd
	}
	if qs.reason {
		reason := strings.TrimSpace(*qs.noteVal)
		qs.noting, qs.reason = false, false
		if reason == "" {
			// huh can let a fast double enter past its validation.
			return m.startReason()
		}
		m = m.layoutQuestion()
		return m.commit(qs.current(), &assessment.Answer{NotApplicable: true, Reason: reason}, nil)
	}
	save := m.keepNote()
	return m.closeNote(save)
}

// closeNote goes back from the note box to the field, laid out again for
// the window (it may have changed meanwhile), and runs then.
func (m Model) closeNote(then tea.Cmd) (tea.Model, tea.Cmd) {
	m.question.noting = false
	var cmd tea.Cmd
	if m.question.stale {
		m, cmd = m.rebuildChoice()
	}
	m = m.layoutQuestion()
	return m, tea.Batch(cmd, then)
}

// keepNote stores the note typed in the note box with the answer, or as
// a note waiting for one; it returns the autosave.
func (m *Model) keepNote() tea.Cmd {
	qs := &m.question
	qs.err = "" // about the answer as it was before the note changed
	q := qs.current()
	note := strings.TrimSpace(*qs.noteVal)
	a := m.sess.Answers.Answers[q.ID]
	if a == nil {
		if err := assessment.CheckText(note); err != nil {
			qs.err = "note: " + err.Error()
			return nil
		}
		m.sess.SetPendingNote(q.ID, note)
		return m.autosave()
	}
	upd := *a
	upd.Note = note
	mem := *m.sess
	mem.Path = ""
	if err := mem.Set(q.ID, &upd); err != nil {
		qs.err = err.Error()
		return nil
	}
	return m.autosave()
}

// pendingNote is the note that goes with q's answer: one typed before the
// question was answered, or the stored answer's.
func (m Model) pendingNote(q *questions.Question) string {
	if a := m.sess.Answers.Answers[q.ID]; a != nil {
		return a.Note
	}
	return m.sess.PendingNote(q.ID)
}

func (m Model) noteLine(q *questions.Question) string {
	n := m.pendingNote(q)
	if n == "" {
		return ""
	}
	return "✎ Note: " + clean(n)
}
