package room

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/vitals-dev/vitals/assessment"
	"github.com/vitals-dev/vitals/questions"
	"github.com/vitals-dev/vitals/reports"
	"github.com/vitals-dev/vitals/workshop"
)

// IdleAfter is how long without a key press marks a participant idle.
const IdleAfter = 2 * time.Minute

// Facilitator is the facilitator's screen: who is connected and how far
// each has got, by section; the answers only after the reveal (r), as the
// workshop view, updated as they arrive. Ctrl+C asks, then ends.
type Facilitator struct {
	srv      *Server
	header   string
	rows     []row
	view     string
	revealed bool
	asking   bool
	// scroll is the first line of the workshop view shown.
	scroll int
	width  int
	height int
	// Ended reports whether the facilitator ended the workshop.
	Ended bool
}

type row struct {
	st       Status
	sections []string // answered/visible per section
	finished bool
}

type tickMsg struct {
	rows []row
	view string
}

// NewFacilitator returns the facilitator's screen for srv; header is what
// participants are told to type, shown at the top.
func NewFacilitator(srv *Server, header string) Facilitator {
	return Facilitator{srv: srv, header: header, width: 80, height: 24}
}

// Init starts the refresh.
func (f Facilitator) Init() tea.Cmd { return f.refresh() }

// refresh reads the participants' files off the update loop.
func (f Facilitator) refresh() tea.Cmd {
	srv, revealed := f.srv, f.revealed
	return tea.Tick(500*time.Millisecond, func(time.Time) tea.Msg { return scan(srv, revealed) })
}

func scan(srv *Server, revealed bool) tickMsg {
	r := srv.cfg.Rubric
	var msg tickMsg
	var files []workshop.File
	for _, st := range srv.Participants() {
		rw := row{st: st}
		data, err := os.ReadFile(st.Path)
		if err == nil {
			files = append(files, workshop.File{Name: st.Path, Data: data})
			if af, err := assessment.Decode(st.Path, data); err == nil {
				if a, _, err := af.Check(r); err == nil {
					rw.sections, rw.finished = progress(r, a)
				}
			}
		}
		msg.rows = append(msg.rows, rw)
	}
	if revealed && len(files) > 0 {
		msg.view = workshopView(srv, files)
	}
	return msg
}

// progress counts the answered questions of each section, of those the
// participant's answers so far ask them (as their own screen counts);
// finished is the participant having reached the results.
func progress(r *questions.Rubric, a *assessment.Answers) ([]string, bool) {
	vis := assessment.Visibility(r, a)
	var out []string
	for _, s := range r.Sections {
		n, asked := 0, 0
		for _, q := range s.Questions {
			if !vis[q.ID] {
				continue // a follow-up their answers do not ask
			}
			asked++
			if _, ok := a.Answers[q.ID]; ok {
				n++
			}
		}
		out = append(out, fmt.Sprintf("%d/%d", n, asked))
	}
	return out, a.Complete
}

// workshopView is the merged workshop report of the files so far.
func workshopView(srv *Server, files []workshop.File) string {
	r := srv.cfg.Rubric
	c, err := workshop.Collect(files, func(*assessment.File) (*questions.Rubric, error) { return r, nil },
		workshop.Options{Anonymous: srv.cfg.Mode == assessment.WorkshopAnonymous})
	if err != nil {
		return "The workshop view cannot be made yet: " + err.Error()
	}
	var buf bytes.Buffer
	if err := reports.RenderWorkshop(&buf, workshop.Combine(c), reports.Options{Format: reports.Markdown}); err != nil {
		return err.Error()
	}
	return facilitatorView(buf.String())
}

// facilitatorView is the part of the workshop report the room discusses:
// where it disagrees (the "Discuss first" list) and, section by section,
// how it answered each question. The chart's mermaid source and the
// working are for the written report, not the wall.
func facilitatorView(report string) string {
	var out []string
	keep := false
	for _, line := range strings.Split(report, "\n") {
		if strings.HasPrefix(line, "## ") {
			keep = line == "## Where the room disagrees" || line == "## Section by section"
		}
		if keep {
			out = append(out, line)
		}
	}
	if len(out) == 0 {
		out = strings.Split(report, "\n")
	}
	for i, l := range out {
		out[i] = plainLine(l)
	}
	return strings.Join(out, "\n")
}

// maxViewLine is the most of one line the wall shows: a participant's
// pasted essay must not push the room's view off the screen.
const maxViewLine = 400

// plainLine is a markdown line as text for a terminal: no emphasis or
// code marks, headings kept as they read, cut at maxViewLine.
func plainLine(l string) string {
	l = strings.NewReplacer("**", "", "`", "", "\\", "").Replace(l)
	if r := []rune(l); len(r) > maxViewLine {
		l = string(r[:maxViewLine]) + " …"
	}
	return l
}

// Update routes keys and refreshes.
func (f Facilitator) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		f.width, f.height = msg.Width, msg.Height
	case tickMsg:
		f.rows = msg.rows
		if f.revealed {
			f.view = msg.view
		}
		return f, f.refresh()
	case tea.KeyPressMsg:
		k := msg.String()
		if k == "ctrl+c" {
			if f.asking {
				f.Ended = true
				return f, tea.Quit
			}
			f.asking = true
			return f, nil
		}
		// Any other key goes on with the workshop.
		f.asking = false
		switch k {
		case "r":
			f.revealed, f.scroll = !f.revealed, 0
		case "down", "j":
			f.scroll++
		case "up", "k":
			f.scroll--
		case "pgdown", "space", "f":
			f.scroll += max(1, f.height/2)
		case "pgup", "b":
			f.scroll -= max(1, f.height/2)
		case "home", "g":
			f.scroll = 0
		}
		n := strings.Count(ansi.Wrap(f.view, max(20, f.width-1), " "), "\n")
		f.scroll = max(0, min(f.scroll, n))
	}
	return f, nil
}

var (
	facTitle = lipgloss.NewStyle().Bold(true).Foreground(lipgloss.Color("6"))
	facFaint = lipgloss.NewStyle().Faint(true)
	facOK    = lipgloss.NewStyle().Foreground(lipgloss.Color("2"))
	facWarn  = lipgloss.NewStyle().Foreground(lipgloss.Color("3"))
	facGone  = lipgloss.NewStyle().Foreground(lipgloss.Color("1"))
)

// pad fits s to width display cells: cut with an ellipsis, or padded.
func pad(s string, width int) string {
	s = ansi.Truncate(s, width, "…")
	return s + strings.Repeat(" ", max(0, width-ansi.StringWidth(s)))
}

// View draws the screen: how to join, the participants (while the
// answers are hidden), the latest events, and the workshop view once
// revealed.
func (f Facilitator) View() tea.View {
	var b strings.Builder
	b.WriteString(ansi.Wrap(f.header, max(20, f.width-1), " ") + "\n\n")
	finished, connected := 0, 0
	now := time.Now()
	var rows []string
	for _, rw := range f.rows {
		mark, style := "connected", facOK
		switch {
		case !rw.st.Connected:
			mark, style = "disconnected", facGone
		case now.Sub(rw.st.Last) > IdleAfter:
			mark, style = "idle", facWarn
		}
		if rw.st.Connected {
			connected++
		}
		if rw.finished {
			finished++
			mark += ", finished"
		}
		cells := make([]string, len(rw.sections))
		for i, c := range rw.sections {
			cells[i] = pad(c, 6)
		}
		rows = append(rows, "  "+pad(rw.st.Label, 22)+" "+style.Render(pad(mark, 24))+" "+strings.Join(cells, ""))
	}
	// The events and the keys take about six lines: the participants get
	// the rest, and while the view is revealed only their count.
	used := strings.Count(b.String(), "\n") + 8
	if !f.revealed && len(rows) > 0 {
		var heads []string
		for i := range f.srv.cfg.Rubric.Sections {
			heads = append(heads, pad(fmt.Sprintf("%d", i+1), 6))
		}
		b.WriteString(facTitle.Render(pad("Participants", 24)) + " " + pad("", 24) + " " + facFaint.Render(strings.Join(heads, "")) + "\n")
		if room := f.height - used - 1; room > 0 && len(rows) > room {
			more := len(rows) - room + 1
			rows = append(rows[:room-1], facFaint.Render(fmt.Sprintf("  … and %d more", more)))
		}
		b.WriteString(strings.Join(rows, "\n") + "\n\n")
	}
	fmt.Fprintf(&b, "%d joined, %d connected now, %d finished.\n", len(f.rows), connected, finished)
	if ev := f.srv.cfg.Events; ev != nil {
		for _, l := range ev.Last(3) {
			b.WriteString(facFaint.Render("  · "+ansi.Truncate(l, max(10, f.width-5), "…")) + "\n")
		}
	}
	switch {
	case f.asking:
		b.WriteString("\n" + facWarn.Render(ansi.Wrap("End the workshop? Ctrl+C again saves everyone's answers, ends their sessions and writes the report; any other key goes on.", max(20, f.width-1), " ")) + "\n")
	case f.revealed:
		b.WriteString("\n" + facFaint.Render("r hides the answers · ↑/↓ pgup/pgdn scroll · ctrl+c ends the workshop") + "\n\n")
		// Wrapped to the terminal, so that a long line never pushes the
		// screen down; scrolled by the keys above.
		lines := strings.Split(ansi.Wrap(f.view, max(20, f.width-1), " "), "\n")
		room := f.height - strings.Count(b.String(), "\n") - 1
		if room < 1 {
			room = 1
		}
		start := min(f.scroll, max(0, len(lines)-room))
		end := min(len(lines), start+room)
		b.WriteString(strings.Join(lines[start:end], "\n"))
	default:
		b.WriteString("\n" + facFaint.Render("No answers are shown until you reveal them: r reveals · ctrl+c ends the workshop") + "\n")
	}
	v := tea.NewView(b.String())
	v.AltScreen = true
	return v
}
