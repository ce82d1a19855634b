package tui

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"github.com/vitals-dev/vitals/questions"
	"github.com/vitals-dev/vitals/reports"
	"github.com/vitals-dev/vitals/workspace"
)

// saveScreen asks where the answers and the report go, asks before
// replacing a file, and shows where they went.
type saveScreen struct {
	form    *huh.Form
	answers *string
	report  *string
	// exists names the files that would be replaced, while asking.
	exists []string
	saving bool
	err    string
}

func (m Model) openSave() Model {
	ss := saveScreen{answers: new(string), report: new(string)}
	*ss.answers = m.sess.Path
	*ss.report = m.cfg.OutPath
	if *ss.report == "" {
		*ss.report = workspace.ReportPathFor(m.sess.Path)
	}
	m.save = m.saveForm(ss)
	m.screen = screenSave
	return m
}

func (m Model) saveForm(ss saveScreen) saveScreen {
	notEmpty := func(s string) error {
		if strings.TrimSpace(s) == "" {
			return errors.New("enter a file name")
		}
		return nil
	}
	km := huh.NewDefaultKeyMap()
	km.Quit.SetEnabled(false)
	// Field errors are drawn by viewSave, above the form, where the window
	// always has room for them.
	ss.form = m.newForm(km, huh.NewGroup(
		huh.NewInput().Title("Answers file").
			Description("Saved after every answer; change the name to move it.").
			Value(ss.answers).Validate(notEmpty),
		huh.NewInput().Title("Report (markdown)").
			Value(ss.report).Validate(notEmpty),
	))
	ss.form = m.sizeForm(ss.form, 3).WithShowErrors(false)
	return ss
}

// filesSavedMsg reports the result of saving the answers and the report.
type filesSavedMsg struct {
	answers, report string
	// moved is set when the answers file now lives at answers; lock is
	// then the lock on the new name.
	moved  bool
	lock   *workspace.Lock
	exists []string
	err    error
}

func (m Model) updateSave(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch m.screen {
	case screenOverwrite:
		if k, ok := msg.(tea.KeyPressMsg); ok {
			switch {
			case key.Matches(k, m.keys.Yes):
				m.screen = screenSave
				m.save.saving = true
				return m, m.saveFilesCmd(true)
			case key.Matches(k, m.keys.No):
				m.screen = screenSave
				m.save = m.saveForm(m.save)
				m.save.err = "Choose other names, or go back with esc."
				return m, m.save.form.Init()
			}
		}
		return m, nil
	case screenDone:
		if k, ok := msg.(tea.KeyPressMsg); ok && (key.Matches(k, m.keys.Exit) || key.Matches(k, m.keys.Quit)) {
			return m, tea.Quit
		}
		return m, nil
	}
	if k, ok := msg.(tea.KeyPressMsg); ok && k.String() == "esc" && !m.save.saving {
		m = m.openResults()
		return m, nil
	}
	if m.save.form.State != huh.StateNormal {
		return m, nil
	}
	var cmd tea.Cmd
	m.save.form, cmd = updateForm(m.save.form, msg)
	if next, ok := nextFieldNow(m.save.form, msg); ok {
		return m, next
	}
	if m.save.form.State != huh.StateCompleted {
		return m, cmd
	}
	if strings.TrimSpace(*m.save.answers) == "" || strings.TrimSpace(*m.save.report) == "" {
		m.save = m.saveForm(m.save)
		m.save.err = "Both file names are needed."
		return m, m.save.form.Init()
	}
	if workspace.SameFile(strings.TrimSpace(*m.save.answers), strings.TrimSpace(*m.save.report)) {
		// Asked before anything is written: "exists, overwrite?" would
		// look harmless, since the answers file always exists.
		m.save = m.saveForm(m.save)
		m.save.err = "The report and the answers file need different names: the report would replace the answers."
		return m, m.save.form.Init()
	}
	m.save.saving = true
	m.save.err = ""
	// Finishing is a change to the answers: record it before the write.
	m.sess.Answers.Complete = true
	return m, m.saveFilesCmd(false)
}

// saveFilesCmd writes the answers (moving the file when its name changed)
// and the report, refusing to replace files unless overwrite is set.
func (m Model) saveFilesCmd(overwrite bool) tea.Cmd {
	sess, saver := m.sess, m.saver
	old := sess.Path
	answers := filepath.Clean(strings.TrimSpace(*m.save.answers))
	report := filepath.Clean(strings.TrimSpace(*m.save.report))
	data := sess.Answers.Marshal(sess.Rubric)
	version := m.cfg.Version
	now := m.cfg.Clock()
	return func() tea.Msg {
		msg := filesSavedMsg{answers: old, report: report}
		if !overwrite {
			if answers != filepath.Clean(old) && exists(answers) {
				msg.exists = append(msg.exists, answers)
			}
			if exists(report) {
				msg.exists = append(msg.exists, report)
			}
			if len(msg.exists) > 0 {
				return msg
			}
		}
		var lock *workspace.Lock
		if answers != filepath.Clean(old) {
			if err := os.MkdirAll(filepath.Dir(answers), 0o755); err != nil {
				msg.err = fmt.Errorf("create folder for %s: %w", clean(answers), err)
				return msg
			}
			// The new name is held like the old one before it is written:
			// another session may have it open.
			l, _, err := workspace.Acquire(answers, now)
			if err != nil {
				msg.err = err
				return msg
			}
			lock = l
		}
		// Through the saver, so no late autosave replaces this write.
		if err := saver.final(func() error { return workspace.WriteFileAtomic(answers, data) }); err != nil {
			_ = lock.Release()
			msg.err = err
			return msg
		}
		if lock != nil {
			msg.answers, msg.moved, msg.lock = answers, true, lock
			_ = os.Remove(old)
		}
		data, err := renderReport(sess, version)
		if err != nil {
			msg.err = err
			return msg
		}
		msg.err = sess.WriteReport(msg.report, data, true)
		return msg
	}
}

// finishParticipantCmd saves a workshop participant's finished answers;
// filesSaved then shows the thank-you screen.
func (m Model) finishParticipantCmd() tea.Cmd {
	sess, saver := m.sess, m.saver
	path := sess.Path
	data := sess.Answers.Marshal(sess.Rubric)
	return func() tea.Msg {
		msg := filesSavedMsg{answers: path}
		msg.err = saver.final(func() error { return workspace.WriteFileAtomic(path, data) })
		return msg
	}
}

// exists reports whether path is a file that saving would replace; a
// device or pipe is written into, not replaced.
func exists(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.Mode().IsRegular()
}

func (m Model) filesSaved(msg filesSavedMsg) (tea.Model, tea.Cmd) {
	m.save.saving = false
	if msg.moved {
		m.sess.MoveTo(msg.answers, msg.lock)
		m.outcome.AnswersPath = msg.answers
	}
	switch {
	case len(msg.exists) > 0:
		m.sess.Answers.Complete = false
		m.save.exists = msg.exists
		m.screen = screenOverwrite
		return m, nil
	case msg.err != nil && m.cfg.Workshop != "":
		m.sess.Answers.Complete = false
		m = m.openReview()
		m.warnings = questions.Problems{{File: m.sess.Path, Msg: "could not save: " + msg.err.Error()}}
		return m, nil
	case msg.err != nil:
		// Not finished after all: the file on disk says so too on the
		// next autosave.
		m.sess.Answers.Complete = false
		m.save = m.saveForm(m.save)
		m.save.err = "Could not save: " + msg.err.Error()
		return m, m.save.form.Init()
	}
	m.outcome = workspace.Outcome{AnswersPath: msg.answers, ReportPath: msg.report, Complete: true}
	m.screen = screenDone
	return m, nil
}

func (m Model) viewSave() (string, helpKeys) {
	w := m.contentWidth()
	var b strings.Builder
	switch m.screen {
	case screenDone:
		if m.remote != nil {
			// The last frame a participant over SSH sees: no server path.
			b.WriteString(m.st.title.Render("Thank you") + "\n\n")
			b.WriteString(wrapText("Your answers are saved. The facilitator shares the workshop's report.", w) + "\n")
			return b.String(), helpKeys{}
		}
		if m.cfg.Workshop != "" {
			b.WriteString(m.st.title.Render("Thank you") + "\n\n")
			b.WriteString(wrapText("Your answers are saved. Press enter and hand the keyboard back: the screen is cleared for the next participant.", w) + "\n")
			return b.String(), helpKeys{short: []key.Binding{m.keys.Exit}}
		}
		b.WriteString(m.st.title.Render("Saved") + "\n\n")
		b.WriteString(wrapText("Answers: "+clean(m.outcome.AnswersPath), w) + "\n")
		b.WriteString(wrapText("Report:  "+clean(m.outcome.ReportPath), w) + "\n\n")
		b.WriteString(m.st.subtle.Render(wrapText("Commit both; next quarter's report says what changed since.", w)))
		return b.String(), helpKeys{short: []key.Binding{m.keys.Exit}}
	case screenOverwrite:
		b.WriteString(m.st.title.Render("Replace existing files?") + "\n\n")
		for _, p := range m.save.exists {
			b.WriteString(wrapText("• "+clean(p)+" exists.", w) + "\n")
		}
		b.WriteString("\n" + m.st.bold.Render("Overwrite? (y/n)"))
		return b.String(), helpKeys{short: []key.Binding{m.keys.Yes, m.keys.No}}
	}
	b.WriteString(m.st.title.Render("Save the report") + "\n\n")
	if e := firstErr(m.save.err, m.save.form); e != "" {
		b.WriteString(m.st.err.Render(wrapText(e, w)) + "\n")
	}
	if m.save.saving {
		b.WriteString("Saving…")
	} else {
		b.WriteString(m.save.form.View())
	}
	keys := []key.Binding{
		key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "next / save")),
		key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous")),
		key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "results")),
	}
	return b.String(), helpKeys{
		short: append(slices.Clone(keys), m.keys.HelpF1),
		full:  [][]key.Binding{keys, {m.keys.Quit}},
	}
}

// renderReport scores the session and renders its markdown report.
func renderReport(sess *workspace.Session, version string) ([]byte, error) {
	var buf bytes.Buffer
	if err := reports.Render(&buf, sess.Result(), reports.Options{Format: reports.Format("md"), Version: version}); err != nil {
		return nil, fmt.Errorf("render report: %w", err)
	}
	return buf.Bytes(), nil
}
