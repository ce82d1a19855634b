package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"github.com/vitals-dev/vitals/questions"
	"github.com/vitals-dev/vitals/workspace"
)

// resumeScreen offers to go on with an unfinished answers file for the same
// rubric and project, or to start over.
type resumeScreen struct {
	form                *huh.Form
	choice              *string
	rubric              *questions.Rubric
	project, name, role string
}

// startOver is the choice value for a new answers file.
const startOver = "\x00new"

func newResumeScreen(m *Model, r *questions.Rubric, files []workspace.Unfinished) resumeScreen {
	rs := resumeScreen{rubric: r, choice: new(string), project: m.cfg.Project, name: m.cfg.Respondent, role: m.cfg.Role}
	if v := m.start.values; v != nil {
		rs.project, rs.name, rs.role = strings.TrimSpace(v.project), strings.TrimSpace(v.name), strings.TrimSpace(v.role)
	}
	if len(files) > 5 {
		files = files[:5]
	}
	opts := make([]huh.Option[string], 0, len(files)+1)
	for _, u := range files {
		label := fmt.Sprintf("Go on: %d of %d answered, last %s", u.Answered, u.Visible, u.Answers.Updated.In(m.cfg.Clock().Location()).Format("2 Jan 15:04"))
		if who := u.Answers.Respondent.String(); who != "" {
			label += " by " + clean(who)
		}
		opts = append(opts, huh.NewOption(label, u.Path))
	}
	opts = append(opts, huh.NewOption("Start a new assessment", startOver))
	*rs.choice = files[0].Path
	km := huh.NewDefaultKeyMap()
	km.Quit.SetEnabled(false)
	km.Select.Filter.SetEnabled(false)
	rs.form = m.newForm(km, huh.NewGroup(
		themed(huh.NewSelect[string](), m.st).
			Title("You have an unfinished assessment of "+clean(strings.TrimSpace(files[0].Answers.Project))).
			Options(opts...).
			Value(rs.choice).
			DescriptionFunc(func() string {
				if *rs.choice == startOver {
					return "A new answers file; the old one is kept."
				}
				return "File: " + clean(*rs.choice)
			}, rs.choice),
	))
	rs.form = m.sizeForm(rs.form, 2)
	return rs
}

func (m Model) updateResume(msg tea.Msg) (tea.Model, tea.Cmd) {
	if o, ok := msg.(openedMsg); ok {
		return m.opened(o)
	}
	if m.resume.form.State != huh.StateNormal {
		return m, nil
	}
	var cmd tea.Cmd
	m.resume.form, cmd = updateForm(m.resume.form, msg)
	if m.resume.form.State != huh.StateCompleted {
		return m, cmd
	}
	rs := m.resume
	if *rs.choice == startOver {
		return m.askWho(rs.rubric, rs.project)
	}
	return m, openCmd(m.cfg, rs.rubric, *rs.choice, rs.project, rs.name, rs.role)
}

func (m Model) viewResume() (string, helpKeys) {
	var b strings.Builder
	b.WriteString(m.st.title.Render("vitals") + m.st.subtle.Render(" · "+truncate(clean(m.resume.rubric.Title), m.width-9)) + "\n\n")
	if m.resume.form.State == huh.StateCompleted {
		b.WriteString("Opening…")
	} else {
		b.WriteString(m.resume.form.View())
	}
	return b.String(), helpKeys{short: []key.Binding{
		key.NewBinding(key.WithKeys("up", "down"), key.WithHelp("↑/↓", "choose")),
		key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open")),
		m.keys.Quit,
	}}
}
