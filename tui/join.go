package tui

import (
	"errors"
	"strings"
	"unicode"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"github.com/vitals-dev/vitals/assessment"
	"github.com/vitals-dev/vitals/questions"
	"github.com/vitals-dev/vitals/workspace"
)

// Remote is a participant of a workshop served over SSH. Unless their
// answers file is open already, a screen asks who they are before the
// first question, as the workshop's mode says, with the same fields,
// checks and look as the one-keyboard workshop's, and Open opens their
// answers file.
type Remote struct {
	// Named asks the name and role; otherwise only the role is asked, and
	// a resume code may be typed instead.
	Named bool
	// Code is an anonymous participant's resume code: the one they
	// connected with, or the one a new participant is given, shown on the
	// join screen and the quit screen.
	Code string
	// Session is the participant's answers file when it is open already
	// (they connected with their resume code as the user name): no
	// questions are asked before the first one.
	Session *workspace.Session
	// Open opens the participant's answers file from what they typed:
	// the name (empty when anonymous), the role, and the resume code typed
	// (anonymous; empty when none). It runs in a command, off the update
	// loop. Its error is shown on the screen and the participant can try
	// again, so it must say nothing of the server (no path, no host).
	Open func(name, role, code string) (*workspace.Session, error)
}

// newJoinScreen is the who stage of the start screen for a participant
// joining over SSH.
func newJoinScreen(m *Model, r *questions.Rubric, j *Remote, typed *startValues) startScreen {
	v := &startValues{rubric: r.ID, project: m.cfg.Project}
	if typed != nil {
		*v = *typed
	}
	st := startScreen{values: v, rubric: r, stage: stageWho}
	km := huh.NewDefaultKeyMap()
	km.Quit.SetEnabled(false)
	role := huh.NewInput().Title("Your role").
		Description("e.g. project lead, sponsor, key user. Optional.").
		Value(&v.role).CharLimit(80).Validate(assessment.CheckText)
	var fields []huh.Field
	if j.Named {
		name := huh.NewInput().Title("Your name").
			Description("The report says who answered what. Cut off? Connect again and type the same name to go on where you stopped.").
			Value(&v.name).CharLimit(80).
			Validate(func(s string) error {
				if strings.TrimSpace(s) == "" {
					return errors.New("enter your name: it is how you get back to your answers if you are cut off")
				}
				return assessment.CheckText(s)
			})
		fields = []huh.Field{name, role}
		st.intro = []string{"Welcome to the workshop."}
	} else {
		code := huh.NewInput().Title("Resume code").
			Description("Cut off earlier? Type the code you were given to go on where you stopped. Otherwise leave it empty.").
			Value(&v.code).CharLimit(12).Validate(assessment.CheckText)
		role.Description("Your name is not asked. The role lets the report compare groups. Optional.")
		fields = []huh.Field{code, role}
		st.intro = []string{
			"Welcome. Nobody's name is asked or shown in this workshop.",
			"New here? Your resume code is " + j.Code + ": note it. If you are cut off, type the same ssh command with " + j.Code + "@ before the host, or type it below.",
			"Back after being cut off? Type the code you were given below instead.",
		}
		st.shortIntro = []string{"Anonymous. Your resume code: " + j.Code + " (keep it; cut off? type it below)."}
	}
	st.firstField, st.whoFields = fields[0], fields
	st.who = m.newForm(km, huh.NewGroup(fields...)).WithShowErrors(false)
	return st.fit(m)
}

// joinCmd opens the participant's file with what they typed.
func joinCmd(j *Remote, v startValues) tea.Cmd {
	name, role, code := strings.TrimSpace(v.name), strings.TrimSpace(v.role), strings.TrimSpace(v.code)
	return func() tea.Msg {
		s, err := j.Open(name, role, code)
		return openedMsg{sess: s, err: err}
	}
}

// joinFailed shows the join screen again, with what was typed and why it
// did not open: the participant corrects it and tries again.
func (m Model) joinFailed(err error) (tea.Model, tea.Cmd) {
	typed := *m.start.values
	m.start = newJoinScreen(&m, m.start.rubric, m.remote, &typed)
	msg := clean(err.Error())
	if r, size := utf8.DecodeRuneInString(msg); size > 0 {
		msg = string(unicode.ToUpper(r)) + msg[size:]
	}
	m.start.err = "✗ " + msg
	m.screen = screenStart
	return m, m.start.who.Init()
}

// remoteResumeHint says how a participant over SSH goes on later: by the
// name typed, or the resume code.
func (m Model) remoteResumeHint() string {
	switch {
	case m.sess != nil && m.sess.Answers.Respondent.Name != "" && m.remote.Named:
		return "To go on later, connect again and type the same name (" + clean(m.sess.Answers.Respondent.Name) + ")."
	case m.remote.Code != "":
		return "To go on later, type the same ssh command with " + m.remote.Code + "@ before the host, or type " + m.remote.Code + " as the resume code."
	}
	return "To go on later, connect again."
}
