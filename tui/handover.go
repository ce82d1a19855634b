package tui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
)

// The hand-over screen of a one-keyboard workshop: shown between two
// participants, on a clean screen, with nothing of the last one's answers.
// The facilitator or the next participant chooses: next, or end the round.

// HandOverChoice is what the hand-over screen decided.
type HandOverChoice int

// The choices.
const (
	NextParticipant HandOverChoice = iota
	EndRound
)

type handOver struct {
	title  string
	status []string
	width  int
	choice HandOverChoice
	quit   bool
	st     *styles
	keys   handOverKeys
}

type handOverKeys struct{ Next, End, Quit key.Binding }

func (m handOver) Init() tea.Cmd { return nil }

func (m handOver) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width = msg.Width
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, m.keys.Next):
			m.choice = NextParticipant
			return m, tea.Quit
		case key.Matches(msg, m.keys.End):
			m.choice = EndRound
			return m, tea.Quit
		case key.Matches(msg, m.keys.Quit):
			m.quit = true
			return m, tea.Quit
		}
	}
	return m, nil
}

func (m handOver) View() tea.View {
	// One column of margin each side; the keys come before the status, so
	// a small window still shows what to press.
	w := max(20, min(m.width, 100)-2)
	var b strings.Builder
	b.WriteString(m.st.title.Render(wrapText(m.title, w)) + "\n\n")
	b.WriteString(m.st.bold.Render(wrapText("Pass the keyboard to the next participant.", w)) + "\n")
	keys := []string{}
	for _, k := range []key.Binding{m.keys.Next, m.keys.End, m.keys.Quit} {
		keys = append(keys, k.Help().Key+" "+k.Help().Desc)
	}
	b.WriteString(m.st.subtle.Render(wrapText(strings.Join(keys, " • "), w)) + "\n\n")
	for _, l := range m.status {
		b.WriteString(wrapText(l, w) + "\n")
	}
	v := tea.NewView(lipgloss.NewStyle().Padding(0, 1).Render(b.String()))
	v.AltScreen = true
	v.WindowTitle = "vitals workshop"
	return v
}

// HandOver shows the hand-over screen, title and status lines above the
// keys, and returns the choice. Ctrl+C ends with ErrQuit; a cancelled ctx
// with its error.
func HandOver(ctx context.Context, in io.Reader, out io.Writer, title string, status []string) (HandOverChoice, error) {
	m := handOver{
		title:  title,
		status: status,
		width:  80,
		st:     newStyles(),
		keys: handOverKeys{
			Next: key.NewBinding(key.WithKeys("enter", "n"), key.WithHelp("enter", "next participant")),
			End:  key.NewBinding(key.WithKeys("e", "ctrl+d"), key.WithHelp("e", "end the round and write the report")),
			Quit: key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "stop (the round can go on later)")),
		},
	}
	opts := []tea.ProgramOption{tea.WithContext(ctx), tea.WithOutput(out), tea.WithoutSignalHandler()}
	if in != nil {
		opts = append(opts, tea.WithInput(in))
	}
	final, err := tea.NewProgram(m, opts...).Run()
	if ctx.Err() != nil {
		return 0, fmt.Errorf("workshop stopped: %w", ctx.Err())
	}
	if err != nil {
		if errors.Is(err, tea.ErrInterrupted) {
			return 0, ErrQuit
		}
		return 0, err
	}
	fm := final.(handOver)
	if fm.quit {
		return 0, ErrQuit
	}
	return fm.choice, nil
}
