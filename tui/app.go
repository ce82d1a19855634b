// Package tui is the interactive assessment: the full-screen program built
// on Bubble Tea and huh. It works through a workspace.Session, saving the
// answers file after every answer off the update loop, so nothing typed is
// ever lost.
package tui

import (
	"errors"
	"maps"
	"strings"
	"sync"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"charm.land/lipgloss/v2"

	"github.com/vitals-dev/vitals/assessment"
	"github.com/vitals-dev/vitals/questions"
	"github.com/vitals-dev/vitals/workspace"
)

// ErrQuit is returned by Run when the user chose to quit before the end.
// The answers given so far are saved.
var ErrQuit = errors.New("quit before the end")

// screen is where the user is.
type screen int

const (
	screenStart screen = iota
	screenResume
	screenQuestion
	screenReview
	screenResults
	screenSave
	screenOverwrite
	screenDone
	screenQuit
)

func (s screen) String() string {
	return [...]string{"start", "resume", "question", "review", "results", "save", "overwrite", "done", "quit"}[s]
}

// Model is the root model of the interactive assessment. Every screen is a
// plain struct it routes messages to.
type Model struct {
	cfg    *workspace.Config
	keys   keyMap
	help   help.Model
	st     *styles
	width  int
	height int

	screen screen
	// from is the screen the quit question returns to.
	from screen

	start    startScreen
	resume   resumeScreen
	question questionScreen
	review   reviewScreen
	// reviewFrom is 1 + the index of the question the review was opened
	// from with ctrl+r, where esc returns; 0 when it was reached at the end.
	reviewFrom int
	results    resultsScreen
	save       saveScreen

	sess  *workspace.Session
	saver *saver
	// saveErr is the last autosave error, shown until a save succeeds.
	saveErr error
	// warnings about the answers file (a rubric that changed).
	warnings questions.Problems

	outcome workspace.Outcome
	err     error
	// remote is set for a participant of a workshop served over SSH: the
	// results end the run instead of asking where to save files on the
	// server, and no screen names a path or the host.
	remote *Remote
}

// New returns the model for cfg. rubric is the rubric already chosen (nil
// to ask); sess is a session already open (nil to start with the start
// screen); unfinished lists resumable files for the chosen rubric and
// project.
func New(cfg *workspace.Config, rubric *questions.Rubric, sess *workspace.Session, unfinished []workspace.Unfinished) Model {
	m := Model{
		cfg:    cfg,
		keys:   newKeyMap(),
		help:   help.New(),
		st:     newStyles(),
		width:  80,
		height: 24,
		saver:  &saver{},
	}
	switch {
	case sess != nil:
		m = m.begin(sess)
	case rubric != nil && cfg.Project != "" && len(unfinished) > 0:
		m.resume = newResumeScreen(&m, rubric, unfinished, nil)
		m.screen = screenResume
	case rubric != nil && cfg.Project != "" && needWho(cfg):
		// The flags gave the rubric and project but not who answers.
		m.start = newWhoScreen(&m, rubric, strings.TrimSpace(cfg.Project))
		m.screen = screenStart
	default:
		m.start = newStartScreen(&m, rubric)
		m.screen = screenStart
	}
	return m
}

// Init starts the first screen's form.
func (m Model) Init() tea.Cmd {
	switch m.screen {
	case screenStart:
		if m.start.stage == stageWho {
			return m.start.form().Init()
		}
		// The unfinished runs in the folder are offered before anything
		// is typed.
		return tea.Batch(m.start.form().Init(), scanUnfinishedCmd(m.cfg, m.start.rubric))
	case screenResume:
		return m.resume.form.Init()
	case screenQuestion:
		return m.question.init()
	}
	return nil
}

// Update routes a message to the current screen.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.help.SetWidth(msg.Width)
		return m.resize()
	case filesSavedMsg:
		// From the save screen, or a workshop participant finishing at
		// the review.
		return m.filesSaved(msg)
	case savedMsg:
		if msg.seq == m.saver.latest() {
			m.saveErr = msg.err
		}
		return m, nil
	case tea.KeyPressMsg:
		if key.Matches(msg, m.keys.Quit) && m.screen != screenQuit && m.screen != screenDone {
			m.from, m.screen = m.screen, screenQuit
			return m, nil
		}
		// f1 opens the full key list everywhere; ? only where it is not
		// typed into a field (there it means "don't know").
		if key.Matches(msg, m.keys.Help) && (key.Matches(msg, m.keys.HelpF1) || m.helpToggles()) {
			m.help.ShowAll = !m.help.ShowAll
			return m.resize()
		}
		if m.help.ShowAll && msg.String() == "esc" {
			// Esc closes the key list it is read over; it goes back a
			// screen only once the list is closed.
			m.help.ShowAll = false
			return m.resize()
		}
	}
	switch m.screen {
	case screenStart:
		return m.updateStart(msg)
	case screenResume:
		return m.updateResume(msg)
	case screenQuestion:
		return m.updateQuestion(msg)
	case screenReview:
		return m.updateReview(msg)
	case screenResults:
		return m.updateResults(msg)
	case screenSave, screenOverwrite, screenDone:
		return m.updateSave(msg)
	case screenQuit:
		return m.updateQuit(msg)
	}
	return m, nil
}

// helpToggles reports whether ? is a key for the root here, not a
// character typed into a field.
func (m Model) helpToggles() bool {
	switch m.screen {
	case screenQuestion:
		return !m.question.typing()
	case screenStart, screenSave:
		return false
	}
	return true
}

// View draws the current screen with its help line below.
func (m Model) View() tea.View {
	var body string
	var keys helpKeys
	switch m.screen {
	case screenStart:
		body, keys = m.viewStart()
	case screenResume:
		body, keys = m.viewResume()
	case screenQuestion:
		body, keys = m.viewQuestion()
	case screenReview:
		body, keys = m.viewReview()
	case screenResults:
		body, keys = m.viewResults()
	case screenSave, screenOverwrite, screenDone:
		body, keys = m.viewSave()
	case screenQuit:
		body, keys = m.viewQuit()
	}
	v := tea.NewView(m.frame(body, keys))
	v.AltScreen = true
	v.WindowTitle = "vitals"
	return v
}

// frame puts the body above the status and help lines and cuts it to the
// window, so nothing the screen draws pushes the help off screen.
func (m Model) frame(body string, keys helpKeys) string {
	var foot []string
	if m.saveErr != nil && m.remote != nil {
		// The error names the server's files: the participant is told
		// only what it means for them.
		foot = append(foot, m.st.err.Render(wrapText("Autosave failed on the workshop's server. Your answers are kept in memory; the next answer tries again. Tell the facilitator.", m.width)))
	} else if m.saveErr != nil {
		foot = append(foot, m.st.err.Render(wrapText("Autosave failed: "+clean(m.saveErr.Error())+". Your answers are kept in memory; the next answer tries again.", m.width)))
	}
	if len(keys.full) == 0 {
		keys.full = [][]key.Binding{keys.short}
	}
	keys.short = m.keepHelpKey(keys.short)
	// bubbles/help can overrun the width by an item when the ellipsis
	// does not fit; cut it here.
	for _, l := range strings.Split(m.helpView(keys), "\n") {
		foot = append(foot, truncate(l, m.width))
	}
	footer := strings.Join(foot, "\n")
	room := max(1, m.height-lipgloss.Height(footer)-1)
	lines := strings.Split(strings.TrimRight(body, "\n"), "\n")
	if len(lines) > room {
		lines = lines[:room]
	}
	for i, l := range lines {
		if lipgloss.Width(l) > m.width {
			lines[i] = truncate(l, m.width)
		}
	}
	pad := room - len(lines)
	return strings.Join(lines, "\n") + strings.Repeat("\n", pad+2) + footer
}

// keepHelpKey moves the key that opens the full key list to second place
// when the help line is too wide for the window: bubbles/help cuts the
// line at the end, and the way to every key must never be what is cut.
func (m Model) keepHelpKey(short []key.Binding) []key.Binding {
	wide := m.help
	wide.SetWidth(0)
	if lipgloss.Width(wide.ShortHelpView(short)) <= m.width {
		return short
	}
	for i, b := range short {
		if k := b.Help().Key; i > 1 && b.Enabled() && (k == "?" || k == "f1") {
			out := append([]key.Binding{short[0], b}, short[1:i]...)
			return append(out, short[i+1:]...)
		}
	}
	return short
}

// helpView is the help line, or with ? the full help. Full help comes in
// columns; when they do not fit the window, bubbles/help drops the columns
// that overflow, so on a narrow terminal it is wrapped as a list instead
// and every key stays listed.
func (m Model) helpView(keys helpKeys) string {
	if !m.help.ShowAll {
		return m.help.View(keys)
	}
	wide := m.help
	wide.SetWidth(0)
	if cols := wide.FullHelpView(keys.full); lipgloss.Width(cols) <= m.width {
		return cols
	}
	return wrapHelp(m.help, keys.full, m.width)
}

// wrapHelp lists the enabled bindings of groups in the style of the short
// help, wrapped to width.
func wrapHelp(h help.Model, groups [][]key.Binding, width int) string {
	sep := h.Styles.ShortSeparator.Render(h.ShortSeparator)
	var lines []string
	line := ""
	for _, g := range groups {
		for _, b := range g {
			if !b.Enabled() {
				continue
			}
			item := h.Styles.ShortKey.Render(b.Help().Key) + " " + h.Styles.ShortDesc.Render(b.Help().Desc)
			switch {
			case line == "":
				line = item
			case lipgloss.Width(line+sep+item) <= width:
				line += sep + item
			default:
				lines = append(lines, line)
				line = item
			}
		}
	}
	return strings.Join(append(lines, line), "\n")
}

// bodyHeight is the number of lines a screen may draw above the help line.
func (m Model) bodyHeight() int {
	h := 2 // help line and the blank line above it
	if m.help.ShowAll {
		h += 4
	}
	if m.saveErr != nil {
		h += 2
	}
	return max(3, m.height-h)
}

// resize passes a new window size to the screen's form.
func (m Model) resize() (Model, tea.Cmd) {
	var cmd tea.Cmd
	switch m.screen {
	case screenStart:
		m.start = m.start.fit(&m)
	case screenResume:
		m.resume.form = m.sizeForm(m.resume.form, 0)
	case screenQuestion:
		if m.question.noting {
			// The list is built again when the note box closes: its
			// focus command would go to the note now.
			m.question.stale = true
		} else {
			m, cmd = m.rebuildChoice()
		}
		m = m.layoutQuestion()
		// huh lays a field's lines out again only when it updates: a nil
		// message does it now, at the new size, not at the next key.
		if m.question.form != nil {
			m.question.form, _ = updateForm(m.question.form, nil)
		}
	case screenReview:
		m.review = m.review.fit(m)
	case screenResults:
		m.results = m.results.fit(m)
	case screenSave:
		m.save.form = m.sizeForm(m.save.form, 0)
	}
	return m, cmd
}

// rebuildChoice builds a list's field again for the window as it is now.
// A multiple-choice list's labels are cut to the width, and huh never
// gives a shrunk list its rows back; the ticks or choice and the cursor
// stay as they are.
func (m Model) rebuildChoice() (Model, tea.Cmd) {
	m.question.stale = false
	q := m.question.current()
	if q == nil || m.question.val == nil || !isChoice(q) {
		return m, nil
	}
	entered := *m.question.val
	hovered, hovering := hoveredOption(m.question.form)
	m.question.form, m.question.val = m.buildFieldValue(q, &entered)
	cmd := m.question.init() // focus the new field
	if hovering {
		// Back on the option it was on, so space ticks that one.
		m.question.form = moveCursorTo(m.question.form, hovered)
	}
	return m, cmd
}

// contentWidth is the width text is wrapped to: the window, but not so
// wide that lines become hard to read.
func (m Model) contentWidth() int { return max(20, min(m.width, 100)) }

// sizeForm fits a form below reserved lines of the screen's own.
func (m Model) sizeForm(f *huh.Form, reserved int) *huh.Form {
	if f == nil {
		return nil
	}
	return f.WithWidth(m.contentWidth()).WithHeight(max(4, m.bodyHeight()-reserved))
}

// newForm builds a form the way every screen wants it: the cached theme,
// no help of its own (the root draws one line for everything).
func (m *Model) newForm(km *huh.KeyMap, groups ...*huh.Group) *huh.Form {
	return huh.NewForm(groups...).
		WithTheme(m.st.theme).
		WithKeyMap(km).
		WithShowHelp(false).
		WithWidth(m.contentWidth())
}

// updateForm forwards msg to a form and returns it with its command.
func updateForm(f *huh.Form, msg tea.Msg) (*huh.Form, tea.Cmd) {
	fm, cmd := f.Update(msg)
	if ff, ok := fm.(*huh.Form); ok {
		f = ff
	}
	return f, cmd
}

// begin shows the first unanswered question of an open session.
func (m Model) begin(sess *workspace.Session) Model {
	m.sess = sess
	m.outcome.AnswersPath = sess.Path
	m.question = newQuestionScreen(sess.Rubric)
	m.screen = screenQuestion
	first := m.question.firstOpen(sess)
	if first < 0 {
		// Everything was answered before: go straight to the review.
		m = m.openReview()
		return m
	}
	m = m.showQuestion(first, screenQuestion)
	return m
}

// updateQuit asks before quitting; the answers are on disk already.
func (m Model) updateQuit(msg tea.Msg) (tea.Model, tea.Cmd) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return m, nil
	}
	switch {
	case key.Matches(k, m.keys.Yes), k.String() == "ctrl+c":
		m.err = ErrQuit
		return m, tea.Quit
	case key.Matches(k, m.keys.No), k.String() == "enter":
		m.screen = m.from
	}
	return m, nil
}

func (m Model) viewQuit() (string, helpKeys) {
	var b strings.Builder
	b.WriteString(m.st.title.Render("Quit?") + "\n\n")
	switch {
	case m.remote != nil && m.sess != nil && m.saveErr != nil:
		b.WriteString(m.st.err.Render(wrapText("Your last answers could not be saved on the workshop's server.", m.contentWidth())) + "\n")
		b.WriteString(wrapText("Quitting tries once more; if that fails too, every answer goes into a rescue copy on the server. "+m.remoteResumeHint(), m.contentWidth()))
	case m.remote != nil && m.sess != nil:
		b.WriteString(wrapText("Your answers so far are saved. "+m.remoteResumeHint(), m.contentWidth()))
	case m.sess != nil && m.sess.Path != "" && m.saveErr != nil:
		b.WriteString(m.st.err.Render(wrapText("Your last answers could not be saved in "+clean(m.sess.Path)+" ("+clean(m.saveErr.Error())+").", m.contentWidth())) + "\n")
		b.WriteString(wrapText("Quitting tries once more; if that fails too, every answer goes into a rescue copy, and vitals names it and the command to go on from it.", m.contentWidth()))
	case m.sess != nil && m.sess.Path != "":
		b.WriteString(wrapText("Your answers are saved in "+clean(m.sess.Path)+". To go on later, run:", m.contentWidth()) + "\n")
		b.WriteString(wrapText("  vitals assess --answers "+clean(workspace.ShellQuote(m.sess.Path)), m.contentWidth()))
	default:
		b.WriteString(wrapText("Nothing has been answered yet, so nothing is saved.", m.contentWidth()))
	}
	b.WriteString("\n\n" + m.st.bold.Render("Quit now? (y/n)"))
	return b.String(), helpKeys{short: []key.Binding{m.keys.Yes, m.keys.No}}
}

// savedMsg reports an autosave.
type savedMsg struct {
	seq uint64
	err error
}

// saver writes answers files off the update loop and in order: a save that
// finishes late never replaces a newer one.
type saver struct {
	mu      sync.Mutex
	next    uint64
	written uint64
}

func (s *saver) latest() uint64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.next
}

// save returns a command writing the answers a to path.
func (s *saver) save(path string, r *questions.Rubric, a *assessment.Answers) tea.Cmd {
	if path == "" {
		return nil
	}
	s.mu.Lock()
	s.next++
	seq := s.next
	s.mu.Unlock()
	return func() tea.Msg {
		s.mu.Lock()
		defer s.mu.Unlock()
		if seq < s.written {
			return savedMsg{seq: seq}
		}
		err := workspace.WriteFileAtomic(path, a.Marshal(r))
		if err == nil {
			s.written = seq
		}
		return savedMsg{seq: seq, err: err}
	}
}

// final runs the last save after any pending one, and stops those not yet
// started from overwriting it.
func (s *saver) final(save func() error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.next++
	s.written = s.next
	return save()
}

// autosave snapshots the answers now and writes them in a command. The
// snapshot is a copy of the map: answers are replaced, never changed in
// place, so the YAML can be encoded off the update loop.
func (m Model) autosave() tea.Cmd {
	if m.sess == nil || m.sess.Path == "" {
		return nil
	}
	snap := *m.sess.Answers
	snap.Answers = maps.Clone(snap.Answers)
	snap.Notes = maps.Clone(snap.Notes)
	save := m.saver.save(m.sess.Path, m.sess.Rubric, &snap)
	if m.remote != nil && save != nil {
		// A participant over SSH sees the next question only once the
		// answer is on disk: a server killed the moment after loses
		// nothing they saw taken. The write (fsync included) holds this
		// participant's screen alone, each having their own program.
		msg := save()
		return func() tea.Msg { return msg }
	}
	return save
}

// firstErr is the message to show above a form: the screen's own, or else
// the first error of the form's fields (a required field left empty), as
// "✗ reason".
func firstErr(own string, f *huh.Form) string {
	if own != "" || f == nil {
		return own
	}
	if errs := f.Errors(); len(errs) > 0 && errs[0] != nil {
		return "✗ " + clean(errs[0].Error())
	}
	return ""
}

// nextFieldNow moves form f to its next field at once when msg was an
// enter that f has just accepted. huh moves through a command, and keys
// typed before that command comes back would still go to the field left
// behind ("abc", enter, "def" typed fast gave "abcd" and "ef"). The
// command huh returned is then dropped, or the form would move twice.
func nextFieldNow(f *huh.Form, msg tea.Msg) (tea.Cmd, bool) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok || k.String() != "enter" || f == nil || f.State != huh.StateNormal {
		return nil, false
	}
	if field := f.GetFocusedField(); field == nil || field.Error() != nil {
		return nil, false
	}
	return f.NextField(), true
}
