package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// At 40 columns the hand-over screen wraps every line, and what to press
// comes before the round's status, so a small window still shows it.
func TestHandOverFitsASmallWindow(t *testing.T) {
	m := handOver{title: "Workshop · Claims portal", status: []string{"Project Claims portal, rubric app-modernisation; named: the report says who answered what."}, st: newStyles()}
	m.keys.Next.SetHelp("enter", "next participant")
	m.keys.End.SetHelp("e", "end the round and write the report")
	next, _ := m.Update(tea.WindowSizeMsg{Width: 40, Height: 12})
	view := next.(handOver).View().Content
	lines := strings.Split(ansi.Strip(view), "\n")
	for _, l := range lines {
		if ansi.StringWidth(l) > 40 {
			t.Errorf("line wider than the window: %q", l)
		}
	}
	plain := ansi.Strip(view)
	if keys, status := strings.Index(plain, "e end the"), strings.Index(plain, "Project Claims"); keys < 0 || status < 0 || keys > status {
		t.Errorf("the keys do not come before the status:\n%s", plain)
	}
}
