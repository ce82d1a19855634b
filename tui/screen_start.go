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

// startScreen asks for what the flags did not give, in the order plain
// mode asks: first the rubric (a short list, with the description of the
// one under the cursor drawn by the screen so it never pushes the list off
// a small window), then the project; then, once it is known that no
// unfinished run of that project is to be resumed, who is answering.
type startScreen struct {
	// pick chooses the rubric; nil when --rubric fixed it.
	pick *huh.Form
	// details asks for the project.
	details *huh.Form
	// who asks for the respondent's name and role; nil when the flags
	// gave either.
	who    *huh.Form
	stage  startStage
	values *startValues
	rubric *questions.Rubric // fixed by --rubric, or nil
	err    string
	// firstField is the who form's first field, where shift+tab does
	// nothing.
	firstField huh.Field
	// whoFields are the who form's fields; submitted is set at the Enter
	// that ends it, before huh's own command comes back, so that what is
	// typed next is kept for the first question, never typed into the
	// form.
	whoFields []huh.Field
	submitted bool
	// intro are the lines above the who form of a participant joining
	// over SSH.
	intro []string
	// shortIntro replaces intro on a screen too small for it and the
	// form (a participant's 40×12 window).
	shortIntro []string
	// searching is set from the project's enter until the folder has
	// been searched for unfinished runs; pending holds the keys typed
	// meanwhile.
	searching bool
	pending   []tea.KeyPressMsg
	// touched is set at the first key: the unfinished runs found by the
	// first scan are offered only before it. offered is set once they
	// were, and declined: the project's runs are not offered again.
	touched, offered bool
}

// startStage is the part of the start screen on show.
type startStage int

const (
	stagePick startStage = iota
	stageProject
	stageWho
)

type startValues struct {
	rubric, project, name, role string
	// code is the resume code an anonymous participant over SSH typed.
	code string
}

// startHeader is the number of lines drawn above the form.
const startHeader = 3

func newStartScreen(m *Model, fixed *questions.Rubric) startScreen {
	return newStartScreenWith(m, fixed, nil)
}

// needWho reports whether the respondent is asked: as in plain mode, when
// the flags gave neither name nor role.
func needWho(cfg *workspace.Config) bool { return cfg.Respondent == "" && cfg.Role == "" }

// newStartScreenWith starts over with the values typed so far.
func newStartScreenWith(m *Model, fixed *questions.Rubric, typed *startValues) startScreen {
	cfg := m.cfg
	v := &startValues{project: cfg.Project, name: cfg.Respondent, role: cfg.Role}
	if typed != nil {
		*v = *typed
	}
	st := startScreen{values: v, rubric: fixed, stage: stageProject}
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
		st.stage = stagePick
	}
	// Field errors are drawn by viewStart, above the form.
	st.details = m.newForm(km, huh.NewGroup(
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
	)).WithShowErrors(false)
	if needWho(cfg) {
		name := huh.NewInput().Title("Your name").
			Description("Leave empty to answer anonymously.").
			Value(&v.name).CharLimit(80).Validate(assessment.CheckText)
		role := huh.NewInput().Title("Your role").
			Description("e.g. project lead, sponsor, key user. Optional.").
			Value(&v.role).CharLimit(80).Validate(assessment.CheckText)
		fields := []huh.Field{name, role}
		st.firstField = name
		if cfg.Workshop == assessment.WorkshopAnonymous {
			// An anonymous workshop never asks who answered.
			role.Description("The workshop is anonymous: your name is not asked. The role lets the report compare groups. Optional.")
			fields, st.firstField = []huh.Field{role}, role
		}
		st.who = m.newForm(km, huh.NewGroup(fields...)).WithShowErrors(false)
		st.whoFields = fields
	}
	return st.fit(m)
}

// newWhoScreen asks only who is answering: the rubric and project are
// known, and no unfinished run of them is to be resumed.
func newWhoScreen(m *Model, r *questions.Rubric, project string) startScreen {
	st := newStartScreenWith(m, r, &startValues{rubric: r.ID, project: project})
	st.stage = stageWho
	return st
}

// form is the form on screen.
func (st startScreen) form() *huh.Form {
	switch st.stage {
	case stagePick:
		return st.pick
	case stageWho:
		return st.who
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
	st.who = m.sizeForm(st.who, startHeader+1+st.introHeight(m))
	return st
}

// introHeight is the number of lines the intro takes, with the blank
// line below it.
func (st startScreen) introHeight(m *Model) int {
	lines := st.introLines(m)
	if len(lines) == 0 {
		return 0
	}
	return lipgloss.Height(wrapText(strings.Join(lines, "\n"), m.contentWidth())) + 1
}

// introLines is the intro that leaves the form room to be seen: the short
// one when the whole would leave fewer than 6 lines for the fields.
func (st startScreen) introLines(m *Model) []string {
	if len(st.shortIntro) == 0 || len(st.intro) == 0 {
		return st.intro
	}
	full := lipgloss.Height(wrapText(strings.Join(st.intro, "\n"), m.contentWidth())) + 1
	if m.bodyHeight()-startHeader-1-full < 6 {
		return st.shortIntro
	}
	return st.intro
}

// chosenRubric is the rubric fixed by the flags or picked.
func (st startScreen) chosenRubric(cfg *workspace.Config) *questions.Rubric {
	if st.rubric != nil {
		return st.rubric
	}
	if cfg.Catalog != nil {
		for _, c := range cfg.Catalog.Rubrics {
			if c.ID == st.values.rubric {
				return c
			}
		}
	}
	return nil
}

func (m Model) updateStart(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case openedMsg:
		return m.opened(msg)
	case scannedMsg:
		// Offered first, unless a key was pressed meanwhile: the screen
		// does not change under the user's fingers.
		if len(msg.files) > 0 && !m.start.touched {
			m.resume = newResumeScreen(&m, nil, msg.files, msg.rubrics)
			m.resume.early = true
			m.screen = screenResume
			return m, m.resume.form.Init()
		}
		return m, nil
	case unfinishedMsg:
		if len(msg.files) > 0 && !m.start.offered {
			m.resume = newResumeScreen(&m, msg.rubric, msg.files, nil)
			m.screen = screenResume
			return m, m.resume.form.Init()
		}
		typed := m.start.pending
		m, cmd := m.askWho(msg.rubric, strings.TrimSpace(m.start.values.project))
		cmds := []tea.Cmd{cmd}
		for _, k := range typed {
			// Typed ahead while the folder was searched: the name and
			// role. (Never into the resume screen, a choice to see.)
			if m.screen != screenStart || m.start.stage != stageWho {
				break
			}
			var nm tea.Model
			nm, cmd = m.updateWho(k)
			m = nm.(Model)
			cmds = append(cmds, cmd)
		}
		return m, tea.Batch(cmds...)
	}
	st := &m.start
	if _, ok := msg.(tea.KeyPressMsg); ok {
		st.touched = true
	}
	switch st.stage {
	case stagePick:
		var cmd tea.Cmd
		st.pick, cmd = updateForm(st.pick, msg)
		if st.pick.State != huh.StateCompleted {
			return m, cmd
		}
		st.stage = stageProject
		return m, st.details.Init()
	case stageWho:
		return m.updateWho(msg)
	}
	if st.searching || st.details.State != huh.StateNormal {
		if k, ok := msg.(tea.KeyPressMsg); ok && len(st.pending) < 1000 {
			st.pending = append(st.pending, k)
		}
		return m, nil
	}
	if k, ok := msg.(tea.KeyPressMsg); ok && k.String() == "esc" && st.pick != nil {
		// Back to the choice of rubric, keeping what was typed.
		m.start = newStartScreenWith(&m, st.rubric, st.values)
		return m, m.start.form().Init()
	}
	var cmd tea.Cmd
	st.details, cmd = updateForm(st.details, msg)
	if k, ok := msg.(tea.KeyPressMsg); !ok || k.String() != "enter" || st.details.GetFocusedField().Error() != nil {
		if st.details.State != huh.StateCompleted {
			return m, cmd
		}
	}
	// Taken at once, not when huh's command comes back: what is typed
	// next is the name, not more of the project.
	st.searching = true
	r := st.chosenRubric(m.cfg)
	if r == nil || strings.TrimSpace(st.values.project) == "" {
		// A fast double Enter can skip a validator: ask again.
		m.start = newStartScreenWith(&m, st.rubric, st.values)
		m.start.err = "Choose a check and enter a project name."
		return m, m.start.form().Init()
	}
	return m, findUnfinishedCmd(m.cfg, r, strings.TrimSpace(st.values.project))
}

// askWho asks who is answering a new run of r, or opens it at once when
// the flags said.
func (m Model) askWho(r *questions.Rubric, project string) (Model, tea.Cmd) {
	if !needWho(m.cfg) {
		return m, openCmd(m.cfg, r, m.cfg.AnswersPath, project, m.cfg.Respondent, m.cfg.Role)
	}
	m.start = newWhoScreen(&m, r, project)
	m.screen = screenStart
	return m, m.start.who.Init()
}

// updateWho reads the respondent's name and role, then opens the run.
func (m Model) updateWho(msg tea.Msg) (tea.Model, tea.Cmd) {
	st := &m.start
	if st.submitted || st.who.State != huh.StateNormal {
		// The run is being opened: what is typed meanwhile is the first
		// answer, kept for the question screen (opened).
		if k, ok := msg.(tea.KeyPressMsg); ok && len(st.pending) < 1000 {
			st.pending = append(st.pending, k)
		}
		return m, nil
	}
	var cmd tea.Cmd
	st.who, cmd = updateForm(st.who, msg)
	last := len(st.whoFields) > 0 && st.who.GetFocusedField() == st.whoFields[len(st.whoFields)-1]
	// Enter on the last field is taken at once, as the project's Enter is,
	// without waiting for huh's command to complete the form.
	if k, ok := msg.(tea.KeyPressMsg); !ok || k.String() != "enter" || !last || !st.whoValid() {
		if next, ok := nextFieldNow(st.who, msg); ok {
			return m, next
		}
		if st.who.State != huh.StateCompleted {
			return m, cmd
		}
	}
	st.submitted = true
	v := st.values
	if m.remote != nil {
		return m, joinCmd(m.remote, *v)
	}
	return m, openCmd(m.cfg, st.rubric, m.cfg.AnswersPath, strings.TrimSpace(v.project), strings.TrimSpace(v.name), strings.TrimSpace(v.role))
}

// whoValid reports whether every field of the who form passes its
// check, as huh checks them when the form completes.
func (st *startScreen) whoValid() bool {
	for _, f := range st.whoFields {
		if f.Error() != nil {
			return false
		}
	}
	return true
}

// opened shows the first question of a session opened by a command, or
// the error that stopped it.
func (m Model) opened(msg openedMsg) (tea.Model, tea.Cmd) {
	if msg.err != nil && m.remote != nil {
		return m.joinFailed(msg.err)
	}
	if msg.err != nil {
		// Nothing was asked yet: the same exit as when the file given on
		// the command line cannot be opened (2), a held file included.
		m.err = workspace.CannotStart(fmt.Errorf("open answers: %w", msg.err))
		return m, tea.Quit
	}
	m.warnings = msg.warnings
	if m.remote != nil {
		if c := strings.ToUpper(strings.TrimSpace(m.start.values.code)); c != "" {
			// Resumed with the code typed: that is the one to give again.
			r := *m.remote
			r.Code = c
			m.remote = &r
		}
	}
	typed := m.start.pending
	m = m.begin(msg.sess)
	cmds := []tea.Cmd{m.question.init()}
	for _, k := range typed {
		// Typed while the file was being opened: the first answer's keys,
		// in the order they came.
		nm, cmd := m.Update(k)
		m = nm.(Model)
		cmds = append(cmds, cmd)
	}
	return m, tea.Batch(cmds...)
}

func (m Model) viewStart() (string, helpKeys) {
	st := m.start
	w := m.contentWidth()
	var b strings.Builder
	b.WriteString(m.st.title.Render("vitals") + m.st.subtle.Render(truncate(" · will it be used after go-live?", w-6)) + "\n")
	if r := st.chosenRubric(m.cfg); r != nil && st.stage != stagePick {
		head := clean(r.Title)
		if p := strings.TrimSpace(st.values.project); st.stage == stageWho && p != "" {
			head += " · " + clean(p)
		}
		b.WriteString(m.st.subtle.Render(truncate(head, w)) + "\n")
	}
	b.WriteString("\n")
	if e := firstErr(st.err, map[startStage]*huh.Form{stageProject: st.details, stageWho: st.who}[st.stage]); e != "" {
		b.WriteString(m.st.err.Render(wrapText(e, w)) + "\n")
	}
	keys := helpKeys{short: []key.Binding{
		key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "next")),
	}}
	switch {
	case st.stage == stagePick:
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
		keys.short = []key.Binding{
			key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "choose")),
			key.NewBinding(key.WithKeys("up", "down"), key.WithHelp("↑/↓", "move")),
		}
	case st.form().State == huh.StateCompleted || st.stage == stageProject && st.searching:
		b.WriteString("Opening…")
	case st.stage == stageWho:
		if lines := st.introLines(&m); len(lines) > 0 {
			b.WriteString(wrapText(strings.Join(lines, "\n"), w) + "\n\n")
		}
		b.WriteString(m.st.bold.Render("Who is answering?") + "\n")
		b.WriteString(st.who.View())
		if f := st.who.GetFocusedField(); f != nil && f != st.firstField {
			keys.short = append(keys.short, key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "back")))
		}
	default:
		b.WriteString(st.details.View())
		if st.pick != nil {
			keys.short = append(keys.short, key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "choose check")))
		}
	}
	keys.short = append(keys.short, m.keys.Quit)
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
