package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// The one-keyboard workshop, full-screen, as a room uses it: two
// participants in turn, the hand-over screen between them shows nothing of
// the first one's answers or note (nor does the terminal's scrollback),
// then the round ends and the anonymous report names nobody.
func TestE2EHotSeat(t *testing.T) {
	needTmux(t)
	dir := t.TempDir()
	rubric, err := filepath.Abs(hotSeatRubric)
	if err != nil {
		t.Fatal(err)
	}
	s := startVitals(t, dir, "assess", "--workshop", "room", "--rubric", rubric, "--project", "Claims portal", "--anonymous")
	s.waitFor(`0 participants so far`)
	s.keys("Enter")
	s.waitFor(`Your role`)
	s.text("sponsor")
	s.keys("Enter")
	// Participant 1: a note nobody else may see, then an answer each.
	s.waitFor(`Is the source code available`)
	s.keys("C-n")
	s.waitFor(`Note on this answer`)
	s.text("zebra-secret-note")
	s.keys("Enter")
	s.waitFor(`Note: zebra-secret-note`)
	for _, step := range []struct{ wait, key string }{
		{`Is the source code available`, "1"},
		{`Do automated tests`, "1"},
		{`still supported`, "1"},
		{`data stores`, "1"},
	} {
		s.waitFor(step.wait)
		s.keys(step.key)
		s.waitFor(`> 1\.`)
		s.keys("Enter")
	}
	s.waitFor(`How many gigabytes`)
	s.text("100")
	s.keys("Enter")
	s.waitFor(`r finish and hand over`)
	s.keys("r")
	s.waitFor(`Thank you`)
	s.keys("Enter")
	scr := s.waitFor(`1 participant so far, 1 finished`)
	history := s.tmux("capture-pane", "-p", "-S", "-1000", "-t", s.name)
	for _, secret := range []string{"zebra-secret-note", "In version control", "100 GB"} {
		if strings.Contains(scr, secret) || strings.Contains(history, secret) {
			t.Fatalf("the hand-over shows %q of the first participant:\n%s", secret, history)
		}
	}
	// Participant 2, then the end of the round.
	s.keys("Enter")
	s.waitFor(`Your role`)
	s.text("user")
	s.keys("Enter")
	for _, step := range []struct{ wait, key string }{
		{`Is the source code available`, "4"},
		{`Do automated tests`, "3"},
		{`still supported`, "2"},
		{`data stores`, "2"},
	} {
		s.waitFor(step.wait)
		s.keys(step.key)
		s.waitFor(`> ` + step.key + `\.`)
		s.keys("Enter")
	}
	s.waitFor(`How many gigabytes`)
	s.text("700")
	s.keys("Enter")
	s.waitFor(`r finish and hand over`)
	s.keys("r")
	s.waitFor(`Thank you`)
	s.keys("Enter")
	s.waitFor(`2 participants so far, 2 finished`)
	s.keys("e")
	s.waitFor(`Workshop report: `)
	if code := s.exitStatus(); code != 0 {
		t.Fatalf("exit %d:\n%s", code, s.screen())
	}
	reports, _ := filepath.Glob(filepath.Join(dir, "room", "*-workshop.md"))
	files, _ := filepath.Glob(filepath.Join(dir, "room", "*-p0?.answers.yaml"))
	if len(reports) != 1 || len(files) != 2 {
		t.Fatalf("report %v, answers files %v", reports, files)
	}
	md, _ := os.ReadFile(reports[0])
	if !strings.Contains(string(md), "Respondents: 2, anonymous") || !strings.Contains(string(md), "zebra-secret-note") {
		t.Errorf("the report lacks the room or the note:\n%.1500s", md)
	}
}

// SIGTERM during a participant's turn: their answers so far are kept, the
// exit status is 130, and the message says how the round goes on; going on
// offers the next participant a new file, and the round ends as usual.
func TestE2EHotSeatStoppedAndGoneOn(t *testing.T) {
	needTmux(t)
	dir := t.TempDir()
	rubric, err := filepath.Abs(hotSeatRubric)
	if err != nil {
		t.Fatal(err)
	}
	s := startVitals(t, dir, "assess", "--workshop", "room", "--rubric", rubric, "--project", "Claims portal")
	s.waitFor(`0 participants so far`)
	s.keys("Enter")
	s.waitFor(`Your name`)
	s.text("Ann")
	s.keys("Tab")
	s.text("sponsor")
	s.keys("Enter")
	s.waitFor(`Is the source code available`)
	s.keys("2", "Enter")
	s.waitFor(`Do automated tests`)
	if err := syscall.Kill(s.pid(), syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if code := s.exitStatus(); code != 130 {
		t.Fatalf("after SIGTERM: exit %d, want 130:\n%s", code, s.screen())
	}
	s.waitFor(`Go on with: vitals assess --workshop room`)
	files, _ := filepath.Glob(filepath.Join(dir, "room", "*-p01.answers.yaml"))
	if len(files) != 1 {
		t.Fatalf("participant file: %v", files)
	}
	if data, _ := os.ReadFile(files[0]); !strings.Contains(string(data), "value: manual") {
		t.Errorf("the first answer is not kept:\n%s", data)
	}

	s = startVitals(t, dir, "assess", "--workshop", "room", "--rubrics", rubric)
	s.waitFor(`1 participant so far, 0 finished`)
	s.keys("e")
	s.waitFor(`Workshop report: `)
	if code := s.exitStatus(); code != 0 {
		t.Fatalf("exit %d:\n%s", code, s.screen())
	}
}
