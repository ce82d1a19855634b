package tui

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"

	"github.com/vitals-dev/vitals/assessment"
	"github.com/vitals-dev/vitals/internal/answerstest"
	"github.com/vitals-dev/vitals/workspace"
)

// toTextQuestion answers the first questions of the example rubric and
// stops on its free-text question.
func toTextQuestion(d *driver) {
	d.t.Helper()
	d.typeText("85")
	d.key("enter")
	for range 4 {
		d.typeText("1")
		d.key("enter")
	}
	d.key("y") // answers at once
	d.contains("How is it measured?")
}

// A paste that would take a text answer past the limit is refused with
// the reason, not cut without a word; near the limit a counter shows; the
// text kept is whole in the file.
func TestUIPasteOverTheLimit(t *testing.T) {
	r := uiRubric(t)
	cfg := uiConfig(t, r)
	s := openSession(t, cfg, r)
	d := newDriver(t, New(cfg, r, s, nil), 80, 24)
	toTextQuestion(d)

	d.send(tea.PasteMsg{Content: strings.Repeat("x", 100_000)})
	d.contains("That paste is 100,000 characters")
	d.contains("nothing was pasted")
	if got := d.m.question.val.text; got != "" {
		t.Fatalf("a refused paste left %d characters in the field", len(got))
	}

	d.send(tea.PasteMsg{Content: strings.Repeat("é", 8_500)})
	if got := utf8.RuneCountInString(d.m.question.val.text); got != 8_500 {
		t.Fatalf("field holds %d characters after a paste of 8,500", got)
	}
	d.m.question.err = ""
	d.contains("8,500 of 10,000 characters")

	d.send(tea.PasteMsg{Content: strings.Repeat("y", 2_000)})
	d.contains("That paste is 2,000 characters and this field holds 10,000, with 1,500 free")
	d.key("enter")
	d.saved()
	a := answerstest.Load(t, s.Path, r)
	if got := utf8.RuneCountInString(a.Answers["how-measured"].Text); got != 8_500 {
		t.Errorf("answers file holds %d characters, want the 8,500 pasted", got)
	}
}

// A note typed on a question not answered yet is in the answers file at
// once, so quitting, a signal or a kill cannot lose what the screen
// shows; a resumed run shows it again and the answer takes it.
func TestUINoteBeforeAnAnswerIsSaved(t *testing.T) {
	r := uiRubric(t)
	cfg := uiConfig(t, r)
	s := openSession(t, cfg, r)
	d := newDriver(t, New(cfg, r, s, nil), 80, 24)
	d.key("ctrl+n")
	d.typeText("ask finance")
	d.key("enter")
	d.contains("✎ Note: ask finance")
	d.saved()
	a := answerstest.Load(t, s.Path, r)
	if got := a.Notes["adoption"]; got != "ask finance" {
		t.Fatalf("answers file keeps note %q, want the one typed", got)
	}
	if _, ok := a.Answers["adoption"]; ok {
		t.Fatal("a note alone became an answer")
	}

	s.Close()
	cfg.AnswersPath = s.Path
	_, s2, _, _, err := prepare(cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	d = newDriver(t, New(cfg, r, s2, nil), 80, 24)
	d.contains("✎ Note: ask finance")
	d.typeText("40")
	d.key("enter")
	d.saved()
	a = answerstest.Load(t, s.Path, r)
	if got := a.Answers["adoption"]; got == nil || got.Note != "ask finance" || a.Notes["adoption"] != "" {
		t.Errorf("after answering: answer %+v, pending %q; want the note on the answer", got, a.Notes["adoption"])
	}
}

// After a failed autosave the quit screen does not say the answers are
// saved: it says the last save failed and what quitting does about it.
func TestUIQuitAfterAFailedSave(t *testing.T) {
	r := uiRubric(t)
	cfg := uiConfig(t, r)
	s := openSession(t, cfg, r)
	d := newDriver(t, New(cfg, r, s, nil), 80, 24)
	d.send(savedMsg{seq: d.m.saver.latest(), err: errors.New("write x: no space left on device")})
	d.contains("Autosave failed")
	d.key("ctrl+c")
	d.on(screenQuit)
	if scr := strings.Join(strings.Fields(d.screen()), " "); strings.Contains(scr, "are saved") || !strings.Contains(scr, "could not be saved") || !strings.Contains(scr, "rescue copy") {
		t.Errorf("quit screen after a failed save:\n%s", scr)
	}
}

// Text an answers file cannot hold is refused in every mode with the
// limit: the check all modes share.
func TestTextLimit(t *testing.T) {
	if err := assessment.CheckText(strings.Repeat("a", assessment.MaxText)); err != nil {
		t.Errorf("text at the limit refused: %v", err)
	}
	err := assessment.CheckText(strings.Repeat("a", assessment.MaxText+1))
	if err == nil || !strings.Contains(err.Error(), "10,001 characters; the limit is 10,000") {
		t.Errorf("text over the limit: %v", err)
	}
}

// Choosing, on the resume screen, a file another session holds ends the
// run before any question, as a refusal to start (exit 2), naming the
// holder; the file is not touched.
func TestUIResumeOfAHeldFile(t *testing.T) {
	r := uiRubric(t)
	cfg := uiConfig(t, r)
	s := openSession(t, cfg, r) // held by this "other" session
	cfg.Project = "CRM"
	un := cfg.FindUnfinished(r, "CRM")
	if len(un) != 1 {
		t.Fatalf("%d unfinished", len(un))
	}
	d := newDriver(t, New(cfg, r, nil, un), 80, 24)
	d.on(screenResume)
	d.key("enter")
	d.wait("the refusal", func() bool { return d.m.err != nil })
	if !errors.Is(d.m.err, workspace.ErrCannotStart) || !errors.Is(d.m.err, workspace.ErrLocked) {
		t.Errorf("err = %v, want a refusal to start because the file is held", d.m.err)
	}
	if s.Path == "" {
		t.Fatal("no session")
	}
}
