package tui

import (
	"cmp"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"github.com/vitals-dev/vitals/questions"
	"github.com/vitals-dev/vitals/workspace"
)

// resumeScreen offers to go on with an unfinished answers file, or to
// start over. It lists the runs of one rubric and project (found after
// they were given), or, at the start, the unfinished runs in the folder.
type resumeScreen struct {
	form   *huh.Form
	choice *string
	// rubric is the rubric of every run listed, or nil when they differ
	// (at the start); rubrics then holds each file's.
	rubric              *questions.Rubric
	rubrics             map[string]*questions.Rubric
	project, name, role string
	// early is set when the screen came before anything was typed:
	// starting over goes on to the start screen.
	early bool
	// head names the rubric of the runs listed, when they share one.
	head string
}

// startOver is the choice value for a new answers file.
const startOver = "\x00new"

// maxResumable is the number of unfinished runs the screen lists.
const maxResumable = 5

func newResumeScreen(m *Model, r *questions.Rubric, files []workspace.Unfinished, rubrics map[string]*questions.Rubric) resumeScreen {
	rs := resumeScreen{rubric: r, rubrics: rubrics, choice: new(string), project: m.cfg.Project, name: m.cfg.Respondent, role: m.cfg.Role}
	if v := m.start.values; v != nil {
		rs.project, rs.name, rs.role = strings.TrimSpace(v.project), strings.TrimSpace(v.name), strings.TrimSpace(v.role)
	}
	if len(files) > maxResumable {
		files = files[:maxResumable]
	}
	projects, ids := map[string]bool{}, map[string]bool{}
	for _, u := range files {
		projects[strings.ToLower(strings.TrimSpace(u.Answers.Project))] = true
		ids[u.Answers.Rubric.ID] = true
	}
	mixed := len(projects) > 1
	switch {
	case r != nil:
		rs.head = clean(r.Title)
	case len(ids) == 1 && rubrics[files[0].Path] != nil:
		rs.head = clean(rubrics[files[0].Path].Title)
	default:
		rs.head = "unfinished runs"
	}
	opts := make([]huh.Option[string], 0, len(files)+1)
	for _, u := range files {
		label := fmt.Sprintf("%d of %d answered, last %s", u.Answered, u.Visible, u.Answers.Updated.In(m.cfg.Clock().Location()).Format("2 Jan 15:04"))
		if who := u.Answers.Respondent.String(); who != "" {
			label += " by " + clean(who)
		}
		if mixed {
			label = clean(strings.TrimSpace(u.Answers.Project)) + ": " + label
		}
		if ur := rubrics[u.Path]; len(ids) > 1 && ur != nil {
			label += " (" + clean(ur.Title) + ")"
		}
		opts = append(opts, huh.NewOption("Go on: "+label, u.Path))
	}
	opts = append(opts, huh.NewOption("Start a new assessment", startOver))
	*rs.choice = files[0].Path
	title := "You have an unfinished assessment of " + clean(strings.TrimSpace(files[0].Answers.Project))
	if mixed {
		title = "You have unfinished assessments"
	}
	km := huh.NewDefaultKeyMap()
	km.Quit.SetEnabled(false)
	km.Select.Filter.SetEnabled(false)
	rs.form = m.newForm(km, huh.NewGroup(
		themed(huh.NewSelect[string](), m.st).
			Title(title).
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
	switch {
	case *rs.choice == startOver && rs.early:
		// On to the rubric and project; the runs were offered already.
		m.screen = screenStart
		m.start.offered = true
		return m, m.start.form().Init()
	case *rs.choice == startOver:
		return m.askWho(rs.rubric, rs.project)
	}
	r := rs.rubric
	if r == nil {
		r = rs.rubrics[*rs.choice]
	}
	return m, openCmd(m.cfg, r, *rs.choice, rs.project, rs.name, rs.role)
}

func (m Model) viewResume() (string, helpKeys) {
	var b strings.Builder
	b.WriteString(m.st.title.Render("vitals") + m.st.subtle.Render(" · "+truncate(m.resume.head, m.width-9)) + "\n\n")
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

// scannedMsg lists the unfinished runs in the folder, found before the
// start screen's first key.
type scannedMsg struct {
	files   []workspace.Unfinished
	rubrics map[string]*questions.Rubric
}

// scanUnfinishedCmd finds the unfinished runs in the folder for the
// rubrics of the catalog (or the one --rubric fixed), of any project:
// each file's header names its rubric and project, and FindUnfinished
// reads the runs of each. At most maxResumable projects are read.
func scanUnfinishedCmd(cfg *workspace.Config, fixed *questions.Rubric) tea.Cmd {
	if cfg.AnswersPath != "" || cfg.Catalog == nil {
		return nil
	}
	return func() tea.Msg {
		known := map[string]*questions.Rubric{}
		for _, r := range cfg.Catalog.Rubrics {
			if fixed == nil || r.ID == fixed.ID {
				known[r.ID] = r
			}
		}
		if fixed != nil {
			known[fixed.ID] = fixed
		}
		dir := cfg.Folder()
		entries, _ := os.ReadDir(dir)
		type run struct{ rubric, project string }
		seen := map[run]bool{}
		msg := scannedMsg{rubrics: map[string]*questions.Rubric{}}
		for _, e := range entries {
			if e.IsDir() || !workspace.IsAnswersFile(e.Name()) || len(seen) >= maxResumable {
				continue
			}
			h, err := workspace.ReadHeader(filepath.Join(dir, e.Name()))
			r := known[h.Rubric.ID]
			k := run{h.Rubric.ID, strings.ToLower(strings.TrimSpace(h.Project))}
			if err != nil || h.Complete || r == nil || seen[k] {
				continue
			}
			seen[k] = true
			for _, u := range cfg.FindUnfinished(r, h.Project) {
				msg.files = append(msg.files, u)
				msg.rubrics[u.Path] = r
			}
		}
		slices.SortStableFunc(msg.files, func(a, b workspace.Unfinished) int {
			return cmp.Compare(b.Answers.Updated.UnixNano(), a.Answers.Updated.UnixNano())
		})
		return msg
	}
}
