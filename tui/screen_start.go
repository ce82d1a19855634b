package tui

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"charm.land/lipgloss/v2"

	"github.com/vitals-dev/vitals/assessment"
	"github.com/vitals-dev/vitals/questions"
	"github.com/vitals-dev/vitals/workspace"
)

// startScreen asks for what the flags did not give: first the rubric (a
// short list, with the description of the one under the cursor drawn by
// the screen so it never pushes the list off a small window), then the
// project and who is answering.
type startScreen struct {
	// pick chooses the rubric; nil when --rubric fixed it.
	pick *huh.Form
	// details asks for the project, name and role.
	details *huh.Form
	// picking is set while pick is shown.
	picking bool
	values  *startValues
	rubric  *questions.Rubric // fixed by --rubric, or nil
	err     string
	// firstField is the details' first field, where shift+tab does
	// nothing.
	firstField huh.Field
}

type startValues struct {
	rubric, project, name, role string
}

// startHeader is the number of lines drawn above the form.
const startHeader = 3

func newStartScreen(m *Model, fixed *questions.Rubric) startScreen {
	return newStartScreenWith(m, fixed, nil)
}

// newStartScreenWith starts over with the values typed so far.
func newStartScreenWith(m *Model, fixed *questions.Rubric, typed *startValues) startScreen {
	cfg := m.cfg
	v := &startValues{project: cfg.Project, name: cfg.Respondent, role: cfg.Role}
	if typed != nil {
		*v = *typed
	}
	st := startScreen{values: v, rubric: fixed}
	km := huh.NewDefaultKeyMap()
	km.Quit.SetEnabled(false)
	km.Select.Filter.SetEnabled(false)
	if fixed == nil && cfg.Catalog != nil && len(cfg.Catalog.Rubrics) > 0 {
		opts := make([]huh.Option[string], 0, len(cfg.Catalog.Rubrics))
		def := cfg.Catalog.Rubrics[0].ID
		for _, r := range cfg.Catalog.Rubrics {
			label := clean(r.Title)
			if r.Source != questions.BuiltinSource {
				label += " (your rubric)"
			}
			opts = append(opts, huh.NewOption(label, r.ID))
			if r.ID == "five-warning-signs" {
				def = r.ID
			}
		}
		if v.rubric == "" {
			v.rubric = def
		}
		st.pick = m.newForm(km, huh.NewGroup(
			themed(huh.NewSelect[string](), m.st).
				Title("Which check do you want to run?").
				Options(opts...).
				Value(&v.rubric),
		))
		st.picking = true
	}
	fields := []huh.Field{
		huh.NewInput().Title("Project").
			Description("The system or roll-out you are assessing, e.g. \"CRM roll-out EMEA\".").
			Value(&v.project).
			CharLimit(120).
			Validate(func(s string) error {
				if strings.TrimSpace(s) == "" {
					return errors.New("enter a project name")
				}
				return assessment.CheckText(s)
			}),
	}
	if cfg.Respondent == "" {
		fields = append(fields,
			huh.NewInput().Title("Your name").
				Description("Leave empty to answer anonymously.").
				Value(&v.name).CharLimit(80).Validate(assessment.CheckText),
			huh.NewInput().Title("Your role").
				Description("e.g. project lead, sponsor, key user. Optional.").
				Value(&v.role).CharLimit(80).Validate(assessment.CheckText),
		)
	}
	st.firstField = fields[0]
	// Field errors are drawn by viewStart, above the form.
	st.details = m.newForm(km, huh.NewGroup(fields...)).WithShowErrors(false)
	return st.fit(m)
}

// form is the form on screen.
func (st startScreen) form() *huh.Form {
	if st.picking {
		return st.pick
	}
	return st.details
}

// fit sizes the forms: the rubric list gets only the lines it needs, so
// the description fits below it.
func (st startScreen) fit(m *Model) startScreen {
	if st.pick != nil {
		n := 1
		if m.cfg.Catalog != nil {
			n += len(m.cfg.Catalog.Rubrics)
		}
		st.pick = st.pick.WithWidth(m.contentWidth()).WithHeight(max(2, min(n, m.bodyHeight()-startHeader)))
	}
	st.details = m.sizeForm(st.details, startHeader)
	return st
}

func (m Model) updateStart(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case openedMsg:
		return m.opened(msg)
	case unfinishedMsg:
		if len(msg.files) > 0 {
			m.resume = newResumeScreen(&m, msg.rubric, msg.files)
			m.screen = screenResume
			return m, m.resume.form.Init()
		}
		v := m.start.values
		return m, openCmd(m.cfg, msg.rubric, m.cfg.AnswersPath, strings.TrimSpace(v.project), strings.TrimSpace(v.name), strings.TrimSpace(v.role))
	}
	st := &m.start
	if st.picking {
		var cmd tea.Cmd
		st.pick, cmd = updateForm(st.pick, msg)
		if st.pick.State != huh.StateCompleted {
			return m, cmd
		}
		st.picking = false
		return m, st.details.Init()
	}
	if st.details.State != huh.StateNormal {
		return m, nil
	}
	if k, ok := msg.(tea.KeyPressMsg); ok && k.String() == "esc" && st.pick != nil {
		// Back to the choice of rubric, keeping what was typed.
		m.start = newStartScreenWith(&m, st.rubric, st.values)
		return m, m.start.form().Init()
	}
	var cmd tea.Cmd
	st.details, cmd = updateForm(st.details, msg)
	if next, ok := nextFieldNow(st.details, msg); ok {
		return m, next
	}
	if st.details.State != huh.StateCompleted {
		return m, cmd
	}
	v := st.values
	r := st.rubric
	if r == nil && m.cfg.Catalog != nil {
		for _, c := range m.cfg.Catalog.Rubrics {
			if c.ID == v.rubric {
				r = c
			}
		}
	}
	if r == nil || strings.TrimSpace(v.project) == "" {
		// A fast double Enter can skip a validator: ask again.
		m.start = newStartScreenWith(&m, st.rubric, v)
		m.start.err = "Choose a check and enter a project name."
		return m, m.start.form().Init()
	}
	return m, findUnfinishedCmd(m.cfg, r, strings.TrimSpace(v.project))
}

// opened shows the first question of a session opened by a command, or
// the error that stopped it.
func (m Model) opened(msg openedMsg) (tea.Model, tea.Cmd) {
	if msg.err != nil {
		m.err = fmt.Errorf("open answers: %w", msg.err)
		return m, tea.Quit
	}
	m.warnings = msg.warnings
	m = m.begin(msg.sess)
	return m, m.question.init()
}

func (m Model) viewStart() (string, helpKeys) {
	st := m.start
	w := m.contentWidth()
	var b strings.Builder
	b.WriteString(m.st.title.Render("vitals") + m.st.subtle.Render(truncate(" · will it be used after go-live?", w-6)) + "\n")
	if st.rubric != nil {
		b.WriteString(m.st.subtle.Render(truncate(clean(st.rubric.Title), w)) + "\n")
	}
	b.WriteString("\n")
	details := st.details
	if st.picking {
		details = nil
	}
	if e := firstErr(st.err, details); e != "" {
		b.WriteString(m.st.err.Render(wrapText(e, w)) + "\n")
	}
	back := key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "back"))
	if f := st.details.GetFocusedField(); f == nil || f == st.firstField {
		// On the first field shift+tab leads nowhere.
		back.SetEnabled(false)
	}
	keys := helpKeys{short: []key.Binding{
		key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "next")),
		back,
		m.keys.Quit,
	}}
	switch {
	case st.picking:
		form := st.pick.View()
		b.WriteString(form + "\n")
		room := m.bodyHeight() - 2 - lipgloss.Height(form) - 1
		if d := m.rubricDescription(st.values.rubric); d != "" && room > 0 {
			lines := strings.Split(wrapText(d, w), "\n")
			if len(lines) > room {
				lines = lines[:room]
				lines[room-1] = truncate(lines[room-1]+"…", w)
			}
			b.WriteString("\n" + m.st.subtle.Render(strings.Join(lines, "\n")))
		}
		keys.short[0] = key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "choose"))
		keys.short[1] = key.NewBinding(key.WithKeys("up", "down"), key.WithHelp("↑/↓", "move"))
	case st.details.State == huh.StateCompleted:
		b.WriteString("Opening…")
	default:
		b.WriteString(st.details.View())
		if st.pick != nil {
			keys.short = append(keys.short[:2], key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "choose check")), m.keys.Quit)
		}
	}
	keys.full = [][]key.Binding{slices.Clone(keys.short)}
	keys.short = append(keys.short, m.keys.HelpF1)
	return b.String(), keys
}

func (m Model) rubricDescription(id string) string {
	if m.cfg.Catalog == nil {
		return ""
	}
	for _, r := range m.cfg.Catalog.Rubrics {
		if r.ID == id {
			return cleanText(r.Description)
		}
	}
	return ""
}

// unfinishedMsg lists the answers files that could be resumed.
type unfinishedMsg struct {
	rubric *questions.Rubric
	files  []workspace.Unfinished
}

func findUnfinishedCmd(cfg *workspace.Config, r *questions.Rubric, project string) tea.Cmd {
	return func() tea.Msg {
		if cfg.AnswersPath != "" {
			return unfinishedMsg{rubric: r}
		}
		return unfinishedMsg{rubric: r, files: cfg.FindUnfinished(r, project)}
	}
}
