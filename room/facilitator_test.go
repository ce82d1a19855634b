package room

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/vitals-dev/vitals/questions"
	"github.com/vitals-dev/vitals/workspace"
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

// TestFacilitatorListFitsTheScreen: a full room's list is cut to the
// screen with a count of the rest; revealed, only the counts stay.
func TestFacilitatorListFitsTheScreen(t *testing.T) {
	r, err := questions.Builtin("five-warning-signs")
	if err != nil {
		t.Fatal(err)
	}
	f := NewFacilitator(&Server{cfg: Config{Rubric: r}}, "header")
	f.width, f.height = 80, 24
	for i := range 30 {
		f.rows = append(f.rows, row{st: Status{Label: fmt.Sprintf("participant %d", i+1), Connected: true, Last: time.Now()}, sections: []string{"1/10", "0/6", "0/7", "0/7", "0/8"}})
	}
	v := f.View().Content
	if n := strings.Count(v, "\n"); n >= 24 {
		t.Errorf("%d lines on a 24-line screen:\n%s", n, v)
	}
	if !strings.Contains(v, "… and ") || !strings.Contains(v, "30 joined, 30 connected now, 0 finished.") {
		t.Errorf("no count of the rest:\n%s", v)
	}
	f.revealed = true
	if v := f.View().Content; strings.Contains(v, "participant 1 ") || !strings.Contains(v, "30 joined") {
		t.Errorf("revealed, the list stays:\n%s", v)
	}
}

func TestFarewellSaysWhatHappened(t *testing.T) {
	saved := workspace.Outcome{AnswersPath: "p", Complete: true}
	partial := workspace.Outcome{AnswersPath: "p"}
	failed := workspace.Outcome{AnswersPath: "p", Complete: true, SaveErr: errors.New("disk full")}
	for _, tc := range []struct {
		out   workspace.Outcome
		ended bool
		want  string
	}{
		{saved, false, "Thank you: your answers are saved."},
		{partial, false, "you have not finished"},
		{partial, true, "before you finished: your answers so far are saved."},
		{failed, false, "could not be saved"},
		{workspace.Outcome{}, false, "nothing was saved"},
	} {
		got := farewell(tc.out, tc.ended, 40)
		if !strings.Contains(strings.ReplaceAll(got, "\r\n", " "), tc.want) {
			t.Errorf("farewell(%+v, %v) = %q, want %q", tc.out, tc.ended, got, tc.want)
		}
		for _, line := range strings.Split(got, "\r\n") {
			if len([]rune(line)) > 39 {
				t.Errorf("line wider than the terminal: %q", line)
			}
		}
		if tc.out.SaveErr != nil && strings.Contains(got, "are saved") {
			t.Errorf("says saved after a failed save: %q", got)
		}
	}
}
