package room

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

func TestFacilitatorViewIsWhatTheRoomDiscusses(t *testing.T) {
	report := "# Report\n\n## Summary\nsum\n\n## Where the room disagrees\nDiscuss first: q1\n\n## Scores by section\n```mermaid\nx\n```\n\n## Section by section\n### Sign 1\nyes 3, no 2\n\n## How the scores were computed\nworking\n"
	got := facilitatorView(report)
	for _, w := range []string{"Discuss first: q1", "yes 3, no 2"} {
		if !strings.Contains(got, w) {
			t.Errorf("view lacks %q:\n%s", w, got)
		}
	}
	for _, n := range []string{"sum", "mermaid", "working"} {
		if strings.Contains(got, n) {
			t.Errorf("view has %q:\n%s", n, got)
		}
	}
}

func TestFacilitatorScrollsAndAsksBeforeEnding(t *testing.T) {
	f := NewFacilitator(&Server{}, "header")
	m, _ := f.Update(tea.WindowSizeMsg{Width: 40, Height: 12})
	f = m.(Facilitator)
	f.revealed = true
	var lines []string
	for i := range 40 {
		lines = append(lines, "line "+strings.Repeat("x", i%3)+string(rune('A'+i%26)))
	}
	f.view = strings.Join(lines, "\n")
	key := func(k tea.KeyPressMsg) {
		m, _ := f.Update(k)
		f = m.(Facilitator)
	}
	key(tea.KeyPressMsg{Code: tea.KeyPgDown})
	if f.scroll != 6 {
		t.Errorf("pgdown scrolled to %d, want 6", f.scroll)
	}
	for range 100 {
		key(tea.KeyPressMsg{Code: tea.KeyDown})
	}
	if f.scroll != 39 {
		t.Errorf("scrolled past the end: %d", f.scroll)
	}
	if !strings.Contains(f.View().Content, "line N") {
		t.Errorf("the end of the view is not shown:\n%s", f.View().Content)
	}
	key(tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl})
	if !f.asking || f.Ended {
		t.Fatal("the first ctrl+c must ask")
	}
	key(tea.KeyPressMsg{Code: tea.KeyUp})
	if f.asking {
		t.Error("another key must go on")
	}
}
