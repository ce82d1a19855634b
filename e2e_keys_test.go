package main

import (
	"path/filepath"
	"regexp"
	"slices"
	"testing"

	"github.com/vitals-dev/vitals/questions"
)

// The keys of the question screen, pressed in tmux as a person would:
// f1 opens the full key list in a typed field, y and n answer a yes/no
// question at once, ctrl+n (and only ctrl+n) opens the note, digits tick
// a checklist's options and choose a scale's points, and enter on an
// empty checklist is refused with the reason; a date before the one it is
// measured from is questioned once, and kept on a second enter.
func TestE2EKeysAnswerNothingByAccident(t *testing.T) {
	needTmux(t)
	dir := t.TempDir()
	rubric, err := filepath.Abs(filepath.Join("tui", "testdata", "crm-health.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	s := startVitals(t, dir, "--rubrics", rubric, "--rubric", "crm-health", "--project", "Keys",
		"--respondent", "Tess", "--role", "lead", "--answers", "k.answers.yaml")
	s.waitFor(`Part 1 of 2 · question 1 of 6 `)
	s.waitFor(`f1 keys`)
	s.keys("F1")
	s.waitFor(`ctrl\+r review answers`)
	s.keys("F1")
	s.waitFor(`f1 keys`)
	s.text("85")
	s.waitFor(regexp.QuoteMeta("> 85"))
	s.keys("Enter")
	for i := 2; i <= 5; i++ {
		s.waitFor(`question ` + string(rune('0'+i)) + ` of 6 `)
		s.text("1")
		s.waitFor(regexp.QuoteMeta("> 1"))
		s.keys("Enter")
	}
	s.waitFor(`Do you measure how much today's systems are used\?`)
	// n answers "No" at once: the follow-up is not asked.
	s.keys("n")
	s.waitFor(`Planned go-live date\?`)
	s.keys("Escape")
	s.waitFor(`Do you measure how much today's systems are used\?`)
	s.keys("C-n")
	s.waitFor(`Note on this answer`)
	s.text("asked IT")
	s.waitFor(regexp.QuoteMeta("> asked IT"))
	s.keys("Enter")
	s.waitFor(`✎ Note: asked IT`)
	s.waitFor(`ctrl\+n edit note`)
	// y answers "Yes" at once: the follow-up is asked, numbered after it.
	s.keys("y")
	s.waitFor(`question 6 of 6 · follow-up 1`)
	s.text("log-ins")
	s.waitFor(regexp.QuoteMeta("┃ log-ins"))
	s.keys("Enter")
	s.waitFor(`Planned go-live date\?`)
	s.text("2027-09-01")
	s.waitFor(regexp.QuoteMeta("> 2027-09-01"))
	s.keys("Enter")
	// A review before go-live is questioned once, then kept.
	s.waitFor(`When will results first be checked`)
	s.text("2027-08-01")
	s.waitFor(regexp.QuoteMeta("> 2027-08-01"))
	s.keys("Enter")
	s.waitFor(`⚠ 2027-08-01 is before your answer to "Planned go-live date\?" \(2027-09-01\)`)
	s.keys("Enter")
	s.waitFor(`Which of these will users have after go-live\?`)
	s.keys("Enter")
	s.waitFor(`✗ nothing ticked: tick "None of these" if none applies`)
	s.keys("2")
	s.waitFor(regexp.QuoteMeta("[x] 2. Up-to-date how-to guidance"))
	s.keys("Enter")
	s.waitFor(`How confident are the business leaders\?`)
	s.keys("4")
	s.waitFor(regexp.QuoteMeta("> 4"))
	s.keys("Enter")
	s.waitFor(`Review your answers`)
	s.waitFor(`✎ asked IT`)

	r, err := questions.Parse(rubric)
	if err != nil {
		t.Fatal(err)
	}
	a, err := loadAnswersFor(filepath.Join(dir, "k.answers.yaml"), r)
	if err != nil {
		t.Fatal(err)
	}
	if got := a.Answers["measured"]; got == nil || got.Text != "yes" || got.Note != "asked IT" {
		t.Errorf("measured = %+v, want yes with the note", got)
	}
	if got := a.Answers["review-date"]; got == nil || got.Text != "2027-08-01" {
		t.Errorf("review-date = %+v, want 2027-08-01 kept after the warning", got)
	}
	if got := a.Answers["support"]; got == nil || !slices.Equal(got.Choices, []string{"guidance"}) {
		t.Errorf("support = %+v, want [guidance]", got)
	}
	if got := a.Answers["confidence"]; got == nil || got.Number != 4 {
		t.Errorf("confidence = %+v, want 4", got)
	}
}

// With --rubric and --project but no --respondent or --role, the name and
// role are asked full-screen before the first question, as plain mode asks
// them, and saved in the answers file.
func TestE2EAsksWhoIsAnswering(t *testing.T) {
	needTmux(t)
	dir := t.TempDir()
	s := startVitals(t, dir, "--rubric", "five-warning-signs", "--project", "Who", "--answers", "w.answers.yaml")
	s.waitFor(`Who is answering\?`)
	s.waitFor(`The five warning signs · Who`)
	s.text("Ann")
	s.waitFor(regexp.QuoteMeta("> Ann"))
	s.keys("Enter")
	s.waitFor(`shift\+tab back`)
	s.text("sponsor")
	s.waitFor(regexp.QuoteMeta("> sponsor"))
	s.keys("Enter")
	typeAnswer(s, 0)
	file := filepath.Join(dir, "w.answers.yaml")
	waitSaved(t, file, 1)
	a, err := loadFiveSigns(file)
	if err != nil {
		t.Fatal(err)
	}
	if a.Respondent.Name != "Ann" || a.Respondent.Role != "sponsor" {
		t.Errorf("respondent %+v, want Ann, sponsor", a.Respondent)
	}
}

// An unfinished run in the folder is offered on the first screen, before
// anything is typed, with its project as saved; enter goes on with it.
func TestE2EResumeOfferedFirst(t *testing.T) {
	needTmux(t)
	dir := t.TempDir()
	s := startVitals(t, dir, "--rubric", "five-warning-signs", "--project", "Resume Me", "--respondent", "Tess")
	typeAnswer(s, 0)
	s.keys("C-c")
	s.waitFor(`Quit now\? \(y/n\)`)
	s.keys("y")
	if rc := s.exitStatus(); rc != 130 {
		t.Fatalf("after ctrl+c, y: exit status %d, want 130", rc)
	}
	s = startVitals(t, dir)
	s.waitFor(`You have an unfinished assessment of Resume Me`)
	s.waitFor(`> Go on: 1 of \d+ answered`)
	s.keys("Enter")
	s.waitFor(typedAt(1))
	s.waitFor(`The five warning signs · Resume Me`)
}
