package tui

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/vitals-dev/vitals/assessment"
	"github.com/vitals-dev/vitals/internal/answerstest"
	"github.com/vitals-dev/vitals/plain"
	"github.com/vitals-dev/vitals/questions"
	"github.com/vitals-dev/vitals/workspace"
)

var update = flag.Bool("update", false, "rewrite the golden screens in testdata")

var uiClock = time.Date(2026, 3, 31, 14, 5, 0, 0, time.UTC)

// uiRubric is a small rubric (a copy of the questions package's example,
// so its changes do not move these screens): every kind, a condition and a
// business case.
func uiRubric(t testing.TB) *questions.Rubric {
	t.Helper()
	r, err := questions.Parse(filepath.Join(testdataDir, "crm-health.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// uiConfig works in a fresh folder, with relative paths so that screens
// are the same on every machine.
func uiConfig(t *testing.T, rubrics ...*questions.Rubric) *workspace.Config {
	t.Helper()
	t.Chdir(t.TempDir())
	return &workspace.Config{
		Catalog: &questions.Catalog{Rubrics: rubrics},
		Version: "test",
		Now:     func() time.Time { return uiClock },
	}
}

// driver sends messages to the root model the way the program does: the
// commands that come back run concurrently and their messages are fed back
// in the order they arrive.
type driver struct {
	t       *testing.T
	m       Model
	msgs    chan tea.Msg
	pending atomic.Int64 // commands started and not yet delivered
}

func newDriver(t *testing.T, m Model, w, h int) *driver {
	t.Helper()
	d := &driver{t: t, m: m, msgs: make(chan tea.Msg, 1000)}
	d.send(tea.WindowSizeMsg{Width: w, Height: h})
	d.run(m.Init())
	d.drain()
	return d
}

// send delivers msg and then the messages of the commands it started.
func (d *driver) send(msg tea.Msg) {
	d.t.Helper()
	d.deliver(msg)
	d.drain()
}

func (d *driver) deliver(msg tea.Msg) {
	nm, cmd := d.m.Update(msg)
	d.m = nm.(Model)
	d.run(cmd)
}

// drain handles messages until every command started has delivered its
// messages (cursor blinks are never run: see expand).
func (d *driver) drain() {
	d.t.Helper()
	deadline := time.After(5 * time.Second)
	for {
		select {
		case msg := <-d.msgs:
			d.deliver(msg)
			d.pending.Add(-1)
			continue
		default:
		}
		if d.pending.Load() == 0 {
			return
		}
		select {
		case msg := <-d.msgs:
			d.deliver(msg)
			d.pending.Add(-1)
		case <-time.After(time.Millisecond):
			// A command that ends without a message sends nothing.
		case <-deadline:
			d.t.Fatalf("commands still running after 5 s (%d pending, %d queued):\n%s", d.pending.Load(), len(d.msgs), d.screen())
		}
	}
}

// wait drains until cond holds, or fails after two seconds.
func (d *driver) wait(what string, cond func() bool) {
	d.t.Helper()
	deadline := time.After(2 * time.Second)
	for !cond() {
		select {
		case msg := <-d.msgs:
			d.deliver(msg)
			d.pending.Add(-1)
		case <-deadline:
			d.t.Fatalf("timed out waiting for %s:\n%s", what, d.screen())
		}
	}
}

// saved waits for the autosaves started so far.
func (d *driver) saved() {
	d.t.Helper()
	d.wait("autosave", func() bool {
		s := d.m.saver
		s.mu.Lock()
		defer s.mu.Unlock()
		return s.written == s.next
	})
}

// run starts cmd; batches run concurrently, sequences in order.
func (d *driver) run(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	d.pending.Add(1)
	go func() {
		msgs := expand(cmd)
		d.pending.Add(int64(len(msgs)))
		for _, msg := range msgs {
			d.msgs <- msg
		}
		d.pending.Add(-1)
	}()
}

// expand runs cmd and returns its messages, running batches and sequences
// (and dropping quit).
func expand(cmd tea.Cmd) []tea.Msg {
	if cmd == nil || isBlink(cmd) {
		return nil
	}
	msg := cmd()
	switch msg := msg.(type) {
	case nil, tea.QuitMsg:
		return nil
	case tea.BatchMsg:
		var out []tea.Msg
		var mu sync.Mutex
		var wg sync.WaitGroup
		for _, c := range msg {
			wg.Go(func() {
				got := expand(c)
				mu.Lock()
				out = append(out, got...)
				mu.Unlock()
			})
		}
		wg.Wait()
		return out
	}
	if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice && v.Type().Elem() == reflect.TypeFor[tea.Cmd]() {
		var out []tea.Msg
		for i := range v.Len() {
			out = append(out, expand(v.Index(i).Interface().(tea.Cmd))...)
		}
		return out
	}
	return []tea.Msg{msg}
}

// isBlink reports a cursor blink: a timer that never ends while a text
// field has focus, and that changes nothing a test looks at.
func isBlink(cmd tea.Cmd) bool {
	name := runtime.FuncForPC(reflect.ValueOf(cmd).Pointer()).Name()
	return strings.Contains(name, "cursor.(*Model).Blink")
}

// key presses one key: "enter", "down", "ctrl+c", or a single character.
func (d *driver) key(keys ...string) {
	d.t.Helper()
	for _, k := range keys {
		d.send(keyMsg(k))
	}
}

// typeText types s character by character.
func (d *driver) typeText(s string) {
	d.t.Helper()
	for _, r := range s {
		d.send(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

func keyMsg(k string) tea.KeyPressMsg {
	switch k {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "up":
		return tea.KeyPressMsg{Code: tea.KeyUp}
	case "space":
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	case "tab":
		return tea.KeyPressMsg{Code: tea.KeyTab}
	case "shift+tab":
		return tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}
	case "pgup":
		return tea.KeyPressMsg{Code: tea.KeyPgUp}
	case "ctrl+c":
		return tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}
	case "ctrl+n":
		return tea.KeyPressMsg{Code: 'n', Mod: tea.ModCtrl}
	case "ctrl+u":
		return tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl}
	case "ctrl+o":
		return tea.KeyPressMsg{Code: 'o', Mod: tea.ModCtrl}
	case "ctrl+r":
		return tea.KeyPressMsg{Code: 'r', Mod: tea.ModCtrl}
	}
	r := []rune(k)
	return tea.KeyPressMsg{Code: r[0], Text: k}
}

// screen returns the view without colour and with trailing spaces cut.
func (d *driver) screen() string {
	lines := strings.Split(ansi.Strip(d.m.View().Content), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(lines, "\n")
}

func (d *driver) contains(want string) {
	d.t.Helper()
	if s := d.screen(); !strings.Contains(s, want) {
		d.t.Fatalf("screen %s does not show %q:\n%s", d.m.screen, want, s)
	}
}

func (d *driver) on(want screen) {
	d.t.Helper()
	if d.m.screen != want {
		d.t.Fatalf("on screen %s, want %s:\n%s", d.m.screen, want, d.screen())
	}
}

// golden compares the screen with testdata/screens/name-WxH.golden.
func (d *driver) golden(name string) {
	d.t.Helper()
	got := d.screen()
	if n := strings.Count(got, "\n") + 1; n > d.m.height {
		d.t.Errorf("%s: %d lines drawn in a window of %d", name, n, d.m.height)
	}
	for i, l := range strings.Split(got, "\n") {
		if w := ansi.StringWidth(l); w > d.m.width {
			d.t.Errorf("%s: line %d is %d wide in a window of %d: %q", name, i+1, w, d.m.width, l)
		}
	}
	path := filepath.Join(goldenDir, name+"-"+strconv.Itoa(d.m.width)+"x"+strconv.Itoa(d.m.height)+".golden")
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			d.t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			d.t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		d.t.Fatalf("%v (run go test ./tui -update to create it)", err)
	}
	if got != string(want) {
		d.t.Errorf("screen %s differs from %s:\n--- got\n%s\n--- want\n%s", name, path, got, want)
	}
}

// testdataDir is absolute: the tests chdir into a temporary folder.
var testdataDir = func() string {
	wd, _ := os.Getwd()
	return filepath.Join(wd, "testdata")
}()

var goldenDir = filepath.Join(testdataDir, "screens")

// openSession starts a session for r in the current folder.
func openSession(t *testing.T, cfg *workspace.Config, r *questions.Rubric) *workspace.Session {
	t.Helper()
	s, _, err := cfg.Open(r, "assessments/2026-03-31-crm-crm-health.answers.yaml", "CRM", assessment.Respondent{Name: "Ana", Role: "Lead"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// answerAll answers every question of the example rubric through the
// keyboard, from the first question to the review.
func answerAll(d *driver) {
	d.t.Helper()
	d.on(screenQuestion)
	d.contains("What adoption does the business case assume?")
	d.typeText("85")
	d.key("enter")
	d.contains("Yearly benefit at full adoption?")
	d.typeText("1.5m")
	d.key("enter")
	d.typeText("800k")
	d.key("enter")
	d.typeText("200000")
	d.key("enter")
	d.typeText("5")
	d.key("enter")
	d.contains("Do you measure how much today's systems are used?")
	d.key("enter") // Yes
	d.contains("How is it measured?")
	d.typeText("Logins per week")
	d.key("enter")
	d.contains("Planned go-live date?")
	d.typeText("2026-09-01")
	d.key("enter")
	d.typeText("2027-06-01")
	d.key("enter")
	d.contains("Which of these will users have after go-live?")
	d.key("space", "down", "space", "enter")
	d.contains("How confident are the business leaders?")
	d.key("down", "down", "enter")
	d.on(screenReview)
}

func TestUIFlowStartToSave(t *testing.T) {
	r := uiRubric(t)
	cfg := uiConfig(t, r)
	d := newDriver(t, New(cfg, nil, nil, nil), 80, 24)
	d.on(screenStart)
	d.contains("Which check do you want to run?")
	d.key("enter")
	d.contains("Project")
	d.typeText("CRM")
	d.key("esc")
	d.contains("Which check do you want to run?")
	d.key("enter")
	d.contains("> CRM")
	d.key("enter")
	d.typeText("Ana")
	d.key("enter")
	d.typeText("Lead")
	d.key("enter")
	answerAll(d)
	d.contains("11 of 11 answered")
	d.saved()

	path := d.m.sess.Path
	if got, want := path, filepath.Join("assessments", "2026-03-31-crm-crm-health.answers.yaml"); got != want {
		t.Errorf("answers path %q, want %q", got, want)
	}
	a := answerstest.Load(t, path, r)
	if got, want := len(a.Answers), 11; got != want {
		t.Errorf("%d answers saved, want %d", got, want)
	}
	if got := a.Answers["support"].Choices; strings.Join(got, ",") != "onboarding,guidance" {
		t.Errorf("support = %v", got)
	}
	if got := a.Answers["confidence"].Number; got != 3 {
		t.Errorf("confidence = %v, want 3", got)
	}
	if got := a.Answers["cost-once"].Number; got != 800000 {
		t.Errorf("cost-once = %v, want 800000", got)
	}
	if a.Respondent.Name != "Ana" || a.Respondent.Role != "Lead" || a.Project != "CRM" {
		t.Errorf("respondent %+v project %q", a.Respondent, a.Project)
	}

	d.key("r")
	d.on(screenResults)
	d.contains("Overall")
	d.contains("The business case")
	d.key("s")
	d.on(screenSave)
	d.contains("Answers file")
	d.key("enter", "enter")
	d.wait("saved files", func() bool { return d.m.screen == screenDone })
	d.contains("crm-health.md")
	if !d.m.outcome.Complete || d.m.outcome.ReportPath == "" {
		t.Errorf("outcome %+v", d.m.outcome)
	}
	if _, err := os.Stat(d.m.outcome.ReportPath); err != nil {
		t.Error(err)
	}
	if a := answerstest.Load(t, path, r); !a.Complete {
		t.Error("answers file not marked complete")
	}
}

func TestUIValidationAndDontKnow(t *testing.T) {
	r := uiRubric(t)
	cfg := uiConfig(t, r)
	d := newDriver(t, New(cfg, r, openSession(t, cfg, r), nil), 80, 24)
	d.typeText("150")
	d.key("enter")
	d.contains("between 0 and 100")
	if d.m.question.current().ID != "adoption" {
		t.Fatalf("moved on past an invalid answer")
	}
	d.key("ctrl+u")
	d.typeText("abc")
	d.key("enter")
	d.contains(`"abc" is not a number`)
	d.key("ctrl+u")
	d.key("enter")
	d.contains("needs an answer") // required
	d.typeText("40 %")
	d.key("enter")
	if got := d.m.sess.Answers.Answers["adoption"]; got == nil || got.Number != 40 {
		t.Fatalf("adoption = %+v", got)
	}
	// Optional number left empty: no answer, next question.
	d.key("enter")
	if _, ok := d.m.sess.Answers.Answers["benefit"]; ok {
		t.Error("empty optional answer stored")
	}
	d.contains("One-off cost?")
}

func TestUIBackNoteAndConditions(t *testing.T) {
	r := uiRubric(t)
	cfg := uiConfig(t, r)
	d := newDriver(t, New(cfg, r, openSession(t, cfg, r), nil), 80, 24)
	d.typeText("50")
	d.key("enter")
	for range 4 {
		d.typeText("1")
		d.key("enter")
	}
	d.contains("Do you measure")
	d.contains("question 6 of 6")
	// "No" hides the follow-up; the count says so.
	d.key("down", "enter")
	d.contains("Planned go-live date?")
	d.key("esc")
	d.contains("Do you measure")
	d.contains("> No") // the answer given is selected again
	d.key("up", "enter")
	d.contains("How is it measured?")
	// The follow-up is numbered after its question: the count stays.
	d.contains("question 6 of 6 · follow-up 1")
	// A note before answering is kept with the answer.
	d.key("ctrl+n")
	d.contains("Note on this answer")
	d.typeText("Asked IT")
	d.key("enter")
	d.contains("✎ Note: Asked IT")
	d.contains("ctrl+n edit note")
	d.typeText("Dashboards")
	d.key("enter")
	got := d.m.sess.Answers.Answers["how-measured"]
	if got == nil || got.Text != "Dashboards" || got.Note != "Asked IT" {
		t.Fatalf("how-measured = %+v", got)
	}
	// On a yes/no question ctrl+n adds a note, esc cancels it; n and y
	// answer at once.
	d.key("esc", "esc")
	d.contains("Do you measure")
	d.key("ctrl+n")
	d.contains("Note on this answer")
	d.key("esc")
	d.contains("Do you measure")
	d.key("n")
	d.contains("Planned go-live date?")
	if got := d.m.sess.Answers.Answers["measured"]; got == nil || got.Text != "no" {
		t.Fatalf("n answered %+v, want no", got)
	}
	d.key("esc")
	d.contains("Do you measure")
	d.key("y")
	d.contains("How is it measured?")
	if got := d.m.sess.Answers.Answers["measured"]; got == nil || got.Text != "yes" {
		t.Fatalf("y answered %+v, want yes", got)
	}
	d.key("enter", "enter", "enter")
	d.contains("Which of these will users have")
	// On other choice questions n is no key at all; ctrl+n adds a note.
	d.key("n")
	if d.m.question.noting {
		t.Fatal("n opened a note on a checklist")
	}
	d.key("ctrl+n")
	d.contains("Note on this answer")
	d.key("esc")
	d.key("esc", "esc", "esc", "esc")
	d.contains("Do you measure")
	// pgup goes to the start of the section.
	d.key("pgup")
	d.contains("What adoption does the business case assume?")
}

func TestUIReviewEdit(t *testing.T) {
	r := uiRubric(t)
	cfg := uiConfig(t, r)
	d := newDriver(t, New(cfg, r, openSession(t, cfg, r), nil), 80, 24)
	answerAll(d)
	d.key("down", "enter")
	d.on(screenQuestion)
	d.contains("Yearly benefit")
	d.key("ctrl+u")
	d.typeText("?")
	d.key("enter")
	d.on(screenReview)
	d.contains("don't know")
	d.key("enter")
	d.contains("Yearly benefit")
	d.key("ctrl+u")
	d.typeText("2m")
	d.key("enter")
	d.on(screenReview)
	d.contains("2,000,000 EUR")
	if got := d.m.sess.Answers.Answers["benefit"].Number; got != 2e6 {
		t.Errorf("benefit = %v", got)
	}
	d.key("esc")
	d.on(screenQuestion)
	d.contains("How confident")
}

func TestUIQuitAsks(t *testing.T) {
	r := uiRubric(t)
	cfg := uiConfig(t, r)
	d := newDriver(t, New(cfg, r, openSession(t, cfg, r), nil), 80, 24)
	d.key("ctrl+c")
	d.on(screenQuit)
	d.contains("Your answers are saved in assessments/2026-03-31-crm-crm-health.answers.yaml")
	d.key("n")
	d.on(screenQuestion)
	d.key("ctrl+c", "y")
	if d.m.err != ErrQuit {
		t.Errorf("err = %v, want ErrQuit", d.m.err)
	}
}

func TestUIResumeScreen(t *testing.T) {
	r := uiRubric(t)
	cfg := uiConfig(t, r)
	s := openSession(t, cfg, r)
	if err := s.Set("adoption", &assessment.Answer{Number: 60}); err != nil {
		t.Fatal(err)
	}
	s.Close() // that run ended; this one resumes its file
	cfg.Project = "CRM"
	un := cfg.FindUnfinished(r, "CRM")
	if len(un) != 1 {
		t.Fatalf("%d unfinished", len(un))
	}
	d := newDriver(t, New(cfg, r, nil, un), 80, 24)
	d.on(screenResume)
	d.contains("Go on: 1 of 10 answered")
	d.key("enter")
	d.on(screenQuestion)
	d.contains("Yearly benefit at full adoption?")
	if d.m.sess.Path != s.Path {
		t.Errorf("resumed %q, want %q", d.m.sess.Path, s.Path)
	}
}

func TestUISaveAsksBeforeOverwrite(t *testing.T) {
	r := uiRubric(t)
	cfg := uiConfig(t, r)
	d := newDriver(t, New(cfg, r, openSession(t, cfg, r), nil), 80, 24)
	answerAll(d)
	report := workspace.ReportPathFor(d.m.sess.Path)
	if err := os.WriteFile(report, []byte("keep me"), 0o644); err != nil {
		t.Fatal(err)
	}
	d.key("r", "s", "enter", "enter")
	d.wait("overwrite question", func() bool { return d.m.screen == screenOverwrite })
	d.contains("exists")
	d.key("n")
	d.on(screenSave)
	if b, _ := os.ReadFile(report); string(b) != "keep me" {
		t.Fatal("report replaced without asking")
	}
	d.key("enter", "enter")
	d.wait("overwrite question", func() bool { return d.m.screen == screenOverwrite })
	d.key("y")
	d.wait("saved files", func() bool { return d.m.screen == screenDone })
	if b, _ := os.ReadFile(report); string(b) == "keep me" {
		t.Fatal("report not replaced after yes")
	}
}

func TestUIHostileTextIsShownSafely(t *testing.T) {
	r := uiRubric(t)
	cfg := uiConfig(t, r)
	// Files and rubrics with control characters are refused when they
	// load; the screens make them visible all the same.
	s := &workspace.Session{Rubric: r, Answers: assessment.New(r, "P\x1b]0;pwned\aroject\x1b[2J", assessment.Respondent{}, uiClock)}
	s.Answers.Answers["adoption"] = &assessment.Answer{Number: 50, Note: "see \x1b[5mblink\u202e"}
	d := newDriver(t, New(cfg, r, s, nil), 80, 24)
	d.key("esc")
	d.contains("What adoption")
	d.key("esc")
	d.contains("This is the first question.")
	raw := d.m.View().Content
	for _, bad := range []string{"\x1b]0;", "\x1b[2J", "\x1b[5m", "\a", "\u202e"} {
		if strings.Contains(raw, bad) {
			t.Errorf("view contains %q", bad)
		}
	}
	d.contains(`P\x1b]0;pwned\x07roject\x1b[2J`)
}

func TestUISmallWindowKeepsQuestion(t *testing.T) {
	r := uiRubric(t)
	cfg := uiConfig(t, r)
	d := newDriver(t, New(cfg, r, openSession(t, cfg, r), nil), 40, 12)
	d.contains("What adoption does the")
	d.contains(">")
	d.send(tea.WindowSizeMsg{Width: 100, Height: 30})
	d.contains("The business case")
	// The section's why is one key away, not on the screen.
	d.contains("ctrl+o help")
	d.key("ctrl+o")
	d.contains("A case that only works at full adoption is a bet")
}

// At 40×12 a question's help and its section's "why" do not fit beside
// the field; ctrl+o shows all of it, scrolled, and returns to the question
// with the answer field as it was.
func TestUISmallWindowReadsAll(t *testing.T) {
	r := uiRubric(t)
	cfg := uiConfig(t, r)
	d := newDriver(t, New(cfg, r, openSession(t, cfg, r), nil), 40, 12)
	d.contains("ctrl+o read all")
	d.typeText("85")
	d.key("ctrl+o")
	d.contains("Reading 1–")
	d.contains("The business case") // the section title, hidden beside the field
	for range 20 {
		d.key("down")
	}
	d.contains("bet, not a plan") // the end of the section's why, no longer cut
	d.key("esc")
	d.contains("> 85")
	d.key("enter")
	if got, ok := d.m.sess.Answers.Answers["adoption"]; !ok || got.Number != 85 {
		t.Errorf("answer after reading = %+v, want 85", got)
	}
}

func TestUIRubricChangedWarning(t *testing.T) {
	r := uiRubric(t)
	cfg := uiConfig(t, r)
	s := openSession(t, cfg, r)
	if err := s.Set("adoption", &assessment.Answer{Number: 60}); err != nil {
		t.Fatal(err)
	}
	s.Answers.Rubric.Hash = "sha256:0000"
	if err := s.Save(); err != nil {
		t.Fatal(err)
	}
	s.Close()
	cfg.AnswersPath = s.Path
	_, sess, _, warnings, err := prepare(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if len(warnings) == 0 {
		t.Fatal("no warning for a changed rubric")
	}
	m := New(cfg, r, sess, nil)
	m.warnings = warnings
	d := newDriver(t, m, 80, 24)
	d.contains("changed since these answers were saved")
	d.contains("Yearly benefit")
	d.key("enter")
	if strings.Contains(d.screen(), "changed since") {
		t.Error("warning still shown after the next answer")
	}
}

// A tiny window must not crash any screen.
func TestUITinyWindow(t *testing.T) {
	r := uiRubric(t)
	cfg := uiConfig(t, r)
	d := newDriver(t, New(cfg, nil, nil, nil), 12, 4)
	d.key("enter")
	d.typeText("P")
	d.key("enter", "enter", "enter")
	d.wait("first question", func() bool { return d.m.screen == screenQuestion })
	for range 12 {
		d.key("enter")
		d.typeText("1")
		d.key("?", "enter")
		d.send(tea.WindowSizeMsg{Width: 1 + len(d.screen())%30, Height: 1 + len(d.screen())%9})
	}
	d.key("esc", "r", "down", "s", "esc", "esc")
	if d.m.screen == screenQuit {
		t.Fatal("unexpected quit screen")
	}
}

// A resumed run goes on where the last one stopped: an optional question
// skipped before the last answer is not asked first; the review still
// lists it as unanswered. Plain mode does the same.
func TestResumeGoesOnWhereItStopped(t *testing.T) {
	r := uiRubric(t)
	cfg := uiConfig(t, r)
	s := openSession(t, cfg, r)
	for id, v := range map[string]float64{"adoption": 60, "cost-once": 1000} { // benefit skipped
		if err := s.Set(id, &assessment.Answer{Number: v}); err != nil {
			t.Fatal(err)
		}
	}
	if got := s.PassedOver(); len(got) != 1 || !got["benefit"] {
		t.Fatalf("PassedOver = %v, want only benefit", got)
	}

	d := newDriver(t, New(cfg, r, s, nil), 80, 24)
	d.contains("Running cost per year?")

	var out strings.Builder
	s.Close() // the full-screen run ends; plain mode resumes the file
	cfg.AnswersPath = s.Path
	cfg.Rubric = r.ID
	_, err := plain.Run(context.Background(), strings.NewReader(""), &out, cfg)
	if !errors.Is(err, plain.ErrInputEnded) {
		t.Fatalf("plain.Run = %v, want ErrInputEnded", err)
	}
	if got := out.String(); !strings.Contains(got, "Running cost per year?") || strings.Contains(got, "Yearly benefit") {
		t.Errorf("plain mode did not go on after the last answer:\n%s", got)
	}
}

// ctrl+r opens the review mid-way, on the current question; esc comes back
// to it, also after editing an answer from the review.
func TestUIReviewMidway(t *testing.T) {
	r := uiRubric(t)
	cfg := uiConfig(t, r)
	d := newDriver(t, New(cfg, r, openSession(t, cfg, r), nil), 80, 24)
	d.typeText("60")
	d.key("enter")
	d.contains("Yearly benefit")
	d.key("ctrl+r")
	d.on(screenReview)
	d.contains("esc back to the question")
	d.key("up", "up", "enter") // edit the adoption answer
	d.on(screenQuestion)
	d.key("ctrl+u")
	d.typeText("70")
	d.key("enter")
	d.on(screenReview)
	d.key("esc")
	d.on(screenQuestion)
	d.contains("Yearly benefit")
	if got := d.m.sess.Answers.Answers["adoption"]; got == nil || got.Number != 70 {
		t.Errorf("adoption = %+v, want 70", got)
	}
}

// Results reached mid-way say that the overall score leaves sections out.
func TestUIResultsMidwaySayWhatIsCovered(t *testing.T) {
	r := uiRubric(t)
	cfg := uiConfig(t, r)
	d := newDriver(t, New(cfg, r, openSession(t, cfg, r), nil), 80, 24)
	d.typeText("60")
	d.key("enter")
	d.key("ctrl+r")
	d.on(screenReview)
	d.key("r")
	d.on(screenResults)
	d.contains("The overall score covers only 1 of 2 sections.")
}

// A note being typed follows a window that shrinks: the input scrolls to
// the cursor instead of being cut off at its start.
func TestUINoteFollowsResize(t *testing.T) {
	r := uiRubric(t)
	cfg := uiConfig(t, r)
	d := newDriver(t, New(cfg, r, openSession(t, cfg, r), nil), 100, 30)
	d.key("ctrl+n")
	d.typeText("a fairly long note that runs past a narrow window's edge")
	d.send(tea.WindowSizeMsg{Width: 40, Height: 12})
	d.contains("past a narrow window's edge")
	for _, l := range strings.Split(d.screen(), "\n") {
		if strings.Contains(l, "> ") && strings.HasSuffix(strings.TrimSpace(l), "…") {
			t.Errorf("note input cut off instead of scrolled: %q", l)
		}
	}
}

// huh can let a fast double Enter past a field's own validation; the
// answer is validated again when the form completes, so a value that got
// through is refused there and the question stays.
func TestUIRevalidatesWhenFormCompletes(t *testing.T) {
	r := uiRubric(t)
	cfg := uiConfig(t, r)
	d := newDriver(t, New(cfg, r, openSession(t, cfg, r), nil), 80, 24)
	if d.m.question.current().ID != "adoption" {
		t.Fatalf("first question %s, want adoption", d.m.question.current().ID)
	}
	for _, bad := range []string{"150", "abc", ""} {
		d.m.question.val.text = bad // as if the field's validation was skipped
		nm, _ := d.m.answered()
		m := nm.(Model)
		if got := m.question.current().ID; got != "adoption" || m.screen != screenQuestion {
			t.Errorf("%q: moved on to %s", bad, got)
		}
		if _, ok := m.sess.Answers.Answers["adoption"]; ok {
			t.Errorf("%q: stored", bad)
		}
		if m.question.err == "" {
			t.Errorf("%q: no error shown", bad)
		}
	}
}

// In a free-text question, ? alone means "don't know", as the hint under
// the field says, and a "don't know" shows as ? when the question is seen
// again.
func TestUITextQuestionDontKnow(t *testing.T) {
	r := uiRubric(t)
	cfg := uiConfig(t, r)
	d := newDriver(t, New(cfg, r, openSession(t, cfg, r), nil), 80, 24)
	q := r.Question("how-measured")
	if q == nil || q.Kind != questions.Text || !q.DontKnow {
		t.Fatal("test rubric has no free-text question offering don't know")
	}
	qs := d.m.question
	qs.val = &fieldValue{text: " ? "}
	ans, err := qs.answerFromField(q)
	if err != nil || ans == nil || !ans.DontKnow {
		t.Fatalf("? gave %+v, %v; want don't know", ans, err)
	}
	qs.val = &fieldValue{text: "?!"}
	if ans, err := qs.answerFromField(q); err != nil || ans == nil || ans.Text != "?!" {
		t.Errorf("?! gave %+v, %v; want the text", ans, err)
	}
	d.m.sess.Answers.Answers["how-measured"] = &assessment.Answer{DontKnow: true}
	if _, v := d.m.buildField(q); v.text != "?" {
		t.Errorf("a don't-know text answer shows as %q, want ?", v.text)
	}
}

// Enter on a checklist with nothing ticked is refused with the reason:
// it is no answer, not "none of these". That option is ticked like any
// other, and a checklist whose rubric has none gets one.
func TestUIMultiNothingTickedIsRefused(t *testing.T) {
	d, r := fiveSignsDriver(t, 80, 24)
	d.m = d.m.showQuestion(d.m.question.index["cp-activities"], screenQuestion)
	d.run(d.m.question.init())
	q := r.Question("cp-activities")
	ex := q.ExclusiveOption()
	d.key("enter")
	d.contains(`✗ nothing ticked: tick "` + ex.Label + `" if none applies, or "Don't know"`)
	if got := d.m.question.current().ID; got != "cp-activities" {
		t.Fatalf("moved on to %s", got)
	}
	if _, ok := d.m.sess.Answers.Answers["cp-activities"]; ok {
		t.Fatal("an empty checklist was stored")
	}
	// Its own number ticks "none of these".
	at := slices.IndexFunc(q.Options, func(o *questions.Option) bool { return o == ex })
	d.key(strconv.Itoa(at + 1))
	d.key("enter")
	if got := d.m.sess.Answers.Answers["cp-activities"]; got == nil || !slices.Equal(got.Choices, []string{ex.Value}) {
		t.Fatalf("stored %+v, want [%s]", got, ex.Value)
	}

	// "none of these" ticked with another is refused when stored.
	qs := questionScreen{val: &fieldValue{many: []string{ex.Value, q.Options[0].Value}}}
	ans, err := qs.answerFromField(q)
	if err == nil {
		err = assessment.Validate(q, ans)
	}
	if err == nil || !strings.Contains(err.Error(), "cannot be chosen together with other options") {
		t.Errorf("none of these with another: %v", err)
	}

	// A checklist without a "none of these" of its own gets one, last but
	// for "Don't know", which answers "none" as plain mode's 0 does.
	q = r.Question("us-barrier-types")
	if q.ExclusiveOption() != nil {
		t.Fatal("us-barrier-types has a none option now; pick another question")
	}
	opts := choiceOptions(q)
	if got, want := opts[len(q.Options)].Key, fmt.Sprintf("%d. None of these", len(q.Options)+1); got != want {
		t.Errorf("option after the rubric's: %q, want %q", got, want)
	}
	qs = questionScreen{val: &fieldValue{many: []string{noneOfThese}}}
	if ans, err := qs.answerFromField(q); err != nil || ans == nil || ans.Choices == nil || len(ans.Choices) != 0 {
		t.Errorf("None of these gave %+v, %v; want an empty list of choices", ans, err)
	}
	qs = questionScreen{val: &fieldValue{}}
	if _, err := qs.answerFromField(q); err == nil || !strings.Contains(err.Error(), `tick "None of these"`) {
		t.Errorf("nothing ticked: %v", err)
	}
}

// Digits choose: the option in that place in a list (enter answers), a
// scale's point of that number, and in a checklist they tick and untick.
func TestUIDigitsChoose(t *testing.T) {
	r := uiRubric(t)
	cfg := uiConfig(t, r)
	d := newDriver(t, New(cfg, r, openSession(t, cfg, r), nil), 80, 24)
	d.m = d.m.showQuestion(d.m.question.index["support"], screenQuestion)
	d.run(d.m.question.init())
	d.key("3", "1", "3", "2")
	if got := d.m.question.val.many; !slices.Equal(slices.Sorted(slices.Values(got)), []string{"guidance", "onboarding"}) {
		t.Fatalf("ticks %v, want onboarding and guidance", got)
	}
	d.key("enter")
	if got := d.m.sess.Answers.Answers["support"]; got == nil || !slices.Equal(got.Choices, []string{"onboarding", "guidance"}) {
		t.Fatalf("support = %+v", got)
	}
	d.contains("How confident are the business leaders?")
	d.key("4")
	d.contains("> 4")
	d.key("9") // no such point: nothing changes
	d.contains("> 4")
	d.key("enter")
	if got := d.m.sess.Answers.Answers["confidence"]; got == nil || got.Number != 4 {
		t.Fatalf("confidence = %+v, want 4", got)
	}
	// A yes/no question: 2 is the second option, enter answers.
	d.m = d.m.showQuestion(d.m.question.index["measured"], screenQuestion)
	d.run(d.m.question.init())
	d.key("2")
	d.contains("> No")
	d.key("enter")
	if got := d.m.sess.Answers.Answers["measured"]; got == nil || got.Text != "no" {
		t.Fatalf("measured = %+v, want no", got)
	}
	// In a typed field digits are typed.
	d.m = d.m.showQuestion(d.m.question.index["adoption"], screenQuestion)
	d.run(d.m.question.init())
	d.typeText("42")
	d.key("enter")
	if got := d.m.sess.Answers.Answers["adoption"]; got == nil || got.Number != 42 {
		t.Fatalf("adoption = %+v, want 42", got)
	}
}

// A report name equal to the answers file is refused before anything is
// written or any "overwrite?" question is asked.
func TestUISaveRefusesReportOverAnswers(t *testing.T) {
	r := uiRubric(t)
	cfg := uiConfig(t, r)
	d := newDriver(t, New(cfg, r, openSession(t, cfg, r), nil), 80, 24)
	answerAll(d)
	path := d.m.sess.Path
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	d.key("r", "s")
	d.on(screenSave)
	d.key("enter") // keep the answers file name
	d.key("ctrl+u")
	d.typeText("./" + path) // another spelling of the same file
	d.key("enter")
	d.on(screenSave)
	d.contains("The report and the answers file need different names")
	if after, _ := os.ReadFile(path); !bytes.Equal(after, before) {
		t.Fatal("answers file changed")
	}
}

// Enter on an empty required field says why nothing happens.
func TestUIEmptyRequiredFieldsSayWhy(t *testing.T) {
	r := uiRubric(t)
	cfg := uiConfig(t, r)
	d := newDriver(t, New(cfg, nil, nil, nil), 80, 24)
	d.key("enter") // the rubric
	d.contains("Project")
	d.key("enter") // no project
	d.contains("✗ enter a project name")

	d = newDriver(t, New(cfg, r, openSession(t, cfg, r), nil), 80, 24)
	answerAll(d)
	d.key("r", "s")
	d.on(screenSave)
	d.key("enter")
	d.key("ctrl+u")
	d.key("enter")
	d.contains("✗ enter a file name")
}

// A refused answer is shown again as entered, not as stored before: the
// ticks are there to correct.
func TestUIRefusedAnswerKeepsWhatWasEntered(t *testing.T) {
	d, _ := fiveSignsDriver(t, 80, 24)
	m := d.m.showQuestion(d.m.question.index["cp-activities"], screenQuestion)
	m.question.val.many = []string{"usage-reviews", "none"}
	nm, _ := m.answered()
	m = nm.(Model)
	if !strings.Contains(m.question.err, "cannot be chosen together with other options") {
		t.Fatalf("error %q", m.question.err)
	}
	if got := m.question.val.many; !slices.Equal(got, []string{"usage-reviews", "none"}) {
		t.Errorf("ticks after the refusal: %v, want both kept", got)
	}
	if _, ok := m.sess.Answers.Answers["cp-activities"]; ok {
		t.Error("refused answer stored")
	}
}

// Back from a review opened mid-way goes to a question still asked: when
// an answer changed in the review hid the question it was opened from, to
// the next one.
func TestUIReviewBackSkipsHiddenQuestion(t *testing.T) {
	r := uiRubric(t)
	cfg := uiConfig(t, r)
	d := newDriver(t, New(cfg, r, openSession(t, cfg, r), nil), 80, 24)
	d.typeText("50")
	d.key("enter")
	for range 4 {
		d.typeText("1")
		d.key("enter")
	}
	d.contains("Do you measure")
	d.key("enter") // Yes: the follow-up is asked
	d.contains("How is it measured?")
	d.key("ctrl+r")
	d.on(screenReview)
	// Edit "Do you measure" to No, which hides "How is it measured?".
	at := d.m.question.index["measured"]
	m := d.m.showQuestion(at, screenReview)
	m.question.val.one = "no"
	nm, _ := m.answered()
	d.m = nm.(Model)
	d.on(screenReview)
	d.key("esc")
	d.on(screenQuestion)
	if got := d.m.question.current().ID; got == "how-measured" {
		t.Fatalf("back on %s, which is no longer asked", got)
	}
	if !d.m.sess.Visible()[d.m.question.current().ID] {
		t.Errorf("back on %s, which is not asked", d.m.question.current().ID)
	}
}

// A note on a question left empty is not dropped without a word: the
// question stays, with the reason, until it is answered or the note is
// removed.
func TestUINoteNeedsAnAnswer(t *testing.T) {
	r := uiRubric(t)
	cfg := uiConfig(t, r)
	d := newDriver(t, New(cfg, r, openSession(t, cfg, r), nil), 80, 24)
	d.typeText("40")
	d.key("enter")
	d.contains("Yearly benefit")
	d.key("ctrl+n")
	d.typeText("ask finance")
	d.key("enter")
	d.contains("✎ Note: ask finance")
	d.key("enter") // leave the optional number empty
	d.contains("this note is kept with an answer")
	if got := d.m.question.current().ID; got != "benefit" {
		t.Fatalf("moved on to %s; the note would be lost", got)
	}
	d.contains("✎ Note: ask finance")
	// Removing the note clears the reason, and the question can be left.
	d.key("ctrl+n", "ctrl+u", "enter")
	if d.m.question.err != "" {
		t.Errorf("reason still shown after the note was removed: %q", d.m.question.err)
	}
	d.key("ctrl+n")
	d.typeText("ask finance")
	d.key("enter")
	d.typeText("?")
	d.key("enter")
	got := d.m.sess.Answers.Answers["benefit"]
	if got == nil || !got.DontKnow || got.Note != "ask finance" {
		t.Errorf("benefit = %+v, want don't know with the note", got)
	}
}

// In a narrow window, multiple-choice labels are cut to one line (so the
// list can keep its cursor in view), ctrl+o reads them in full, and a
// resize keeps the ticks and gives the list its room back.
func TestUIMultiChoiceInANarrowWindow(t *testing.T) {
	r, err := questions.Builtin("adoption-readiness")
	if err != nil {
		t.Fatal(err)
	}
	cfg := uiConfig(t, r)
	d := newDriver(t, New(cfg, r, openSession(t, cfg, r), nil), 40, 12)
	d.m = d.m.showQuestion(d.m.question.index["bl-support"], screenQuestion)
	d.run(d.m.question.init())
	d.contains("2. A playbook of what to do and…")
	d.key("down", "space", "down") // tick the playbook, rest on coaching
	d.key("ctrl+o")
	for range 30 {
		d.key("down")
	}
	d.contains("• 2. A playbook of what to do and when")
	d.key("esc")
	d.send(tea.WindowSizeMsg{Width: 100, Height: 30})
	d.contains("A regular adoption review with IT")
	d.contains("Don't know")
	if h, _ := hoveredOption(d.m.question.form); h != "coaching" {
		t.Errorf("after the resize the cursor is on %q, want coaching, where it was", h)
	}
	if got := d.m.question.val.many; !slices.Equal(got, []string{"playbook"}) {
		t.Errorf("ticks after the resize: %v, want [playbook]", got)
	}
	d.key("enter")
	if got := d.m.sess.Answers.Answers["bl-support"]; got == nil || !slices.Equal(got.Choices, []string{"playbook"}) {
		t.Errorf("stored %+v, want [playbook]", got)
	}
}

// At 40 columns a section forced to high risk keeps its "(red flag)"
// whole, on a line of its own, and no line is wider than the window.
func TestUIResultsNarrowKeepRiskWhole(t *testing.T) {
	r, err := questions.Builtin("five-warning-signs")
	if err != nil {
		t.Fatal(err)
	}
	res := assessment.Score(r, answerstest.Load(t, "../reports/testdata/fws-hostile.yaml", r))
	forced := false
	for _, s := range res.Sections {
		forced = forced || s.Forced
	}
	if !forced {
		t.Fatal("fixture has no section forced to high risk")
	}
	cfg := uiConfig(t, r)
	m := New(cfg, r, openSession(t, cfg, r), nil)
	m.width, m.height = 40, 12
	out := ansi.Strip(m.renderResult(res, 40))
	if !strings.Contains(out, "■ HIGH RISK (red flag)") {
		t.Errorf("risk cut:\n%s", out)
	}
	for _, l := range strings.Split(out, "\n") {
		if w := lipgloss.Width(l); w > 40 {
			t.Errorf("line %d wide: %q", w, l)
		}
	}
}

// A single-choice list first drawn in a small window gets all its rows
// when the window grows, with the choice kept.
func TestUISingleChoiceGrowsBack(t *testing.T) {
	r, err := questions.Builtin("adoption-readiness")
	if err != nil {
		t.Fatal(err)
	}
	cfg := uiConfig(t, r)
	d := newDriver(t, New(cfg, r, openSession(t, cfg, r), nil), 40, 12)
	d.m = d.m.showQuestion(d.m.question.index["rv-evidence"], screenQuestion)
	d.run(d.m.question.init())
	d.key("down")
	chosen := d.m.question.val.one
	d.send(tea.WindowSizeMsg{Width: 100, Height: 30})
	q := r.Question("rv-evidence")
	for _, o := range q.Options {
		d.contains(o.Label)
	}
	if got := d.m.question.val.one; got != chosen {
		t.Errorf("choice after the resize %q, want %q", got, chosen)
	}
}

// Going forwards, the progress never goes backwards: a "yes" that brings
// in a follow-up leaves the share where it was, the follow-up is numbered
// after its question, and a section's count of questions stays the same.
func TestUIProgressNeverGoesBackwards(t *testing.T) {
	for _, id := range []string{"five-warning-signs", "adoption-readiness"} {
		t.Run(id, func(t *testing.T) {
			r, err := questions.Builtin(id)
			if err != nil {
				t.Fatal(err)
			}
			cfg := uiConfig(t, r)
			d := newDriver(t, New(cfg, r, openSession(t, cfg, r), nil), 100, 30)
			last := -1.0
			counts := map[int]int{}
			for steps := 0; d.m.screen == screenQuestion; steps++ {
				if steps > 200 {
					t.Fatal("more than 200 questions")
				}
				q := d.m.question.current()
				p := d.m.question.prog
				share := float64(p.answered) / float64(p.visible)
				if share < last {
					t.Errorf("at %s the share went back from %.3f to %.3f", q.ID, last, share)
				}
				last = share
				if n, ok := counts[p.section]; ok && n != p.ofSecton {
					t.Errorf("at %s section %d counts %d questions, before %d", q.ID, p.section, p.ofSecton, n)
				}
				counts[p.section] = p.ofSecton
				if (q.When != nil) != (p.followUp > 0) {
					t.Errorf("%s: follow-up %d, condition %v", q.ID, p.followUp, q.When)
				}
				d.contains(fmt.Sprintf("question %d of %d", p.inSection, p.ofSecton))
				// The answer that brings follow-ups in: the first option,
				// the first tick, the middle of a range.
				switch {
				case q.Kind == questions.Multi:
					d.key("1")
				case isChoice(q):
				case q.Kind == questions.Date:
					d.typeText("2027-01-15")
				case q.Kind == questions.Text:
					d.typeText("text")
				default:
					d.typeText(assessment.FormatNumber(assessment.Round1(midpoint(q))))
				}
				d.key("enter")
				if d.m.question.err != "" && d.m.screen == screenQuestion && d.m.question.current() == q {
					t.Fatalf("%s refused: %s", q.ID, d.m.question.err)
				}
			}
			d.on(screenReview)
		})
	}
}

// midpoint is a number q accepts.
func midpoint(q *questions.Question) float64 {
	switch {
	case q.Min != nil && q.Max != nil:
		return float64(int((*q.Min + *q.Max) / 2))
	case q.Min != nil:
		return *q.Min + 10
	case q.Max != nil:
		return *q.Max - 1
	}
	return 10
}

// A window resized while the note box is open lays the list out again
// when the box closes: its labels fit the new width, and every option has
// its row back.
func TestUIResizeWithNoteOpen(t *testing.T) {
	r, err := questions.Builtin("adoption-readiness")
	if err != nil {
		t.Fatal(err)
	}
	cfg := uiConfig(t, r)
	d := newDriver(t, New(cfg, r, openSession(t, cfg, r), nil), 40, 12)
	d.m = d.m.showQuestion(d.m.question.index["bl-support"], screenQuestion)
	d.run(d.m.question.init())
	d.key("2") // tick the playbook
	d.contains("2. A playbook of what to do and…")
	d.key("ctrl+n")
	d.typeText("from the PMO")
	d.send(tea.WindowSizeMsg{Width: 100, Height: 30})
	d.key("enter")
	d.contains("✎ Note: from the PMO")
	d.contains("[x] 2. A playbook of what to do and when")
	d.contains("6. Don't know")
	if got := d.m.question.val.many; !slices.Equal(got, []string{"playbook"}) {
		t.Errorf("ticks after the resize: %v, want [playbook]", got)
	}
	// And back to small, closing the box with esc this time.
	d.key("ctrl+n")
	d.send(tea.WindowSizeMsg{Width: 40, Height: 12})
	d.key("esc")
	for i, l := range strings.Split(d.screen(), "\n") {
		if w := lipgloss.Width(l); w > 40 {
			t.Errorf("line %d is %d wide after the resize: %q", i+1, w, l)
		}
	}
	d.contains("[x] 2. A playbook of what to do and…")
}

// The review shows the text of a note, not only that there is one.
func TestUIReviewShowsNotes(t *testing.T) {
	r := uiRubric(t)
	cfg := uiConfig(t, r)
	d := newDriver(t, New(cfg, r, openSession(t, cfg, r), nil), 80, 24)
	d.key("ctrl+n")
	d.typeText("from the 2025 business case")
	d.key("enter")
	d.typeText("70")
	d.key("enter")
	d.key("ctrl+r")
	d.on(screenReview)
	d.contains("✎ from the 2025 business case")
	// A long list says what is above and below the part shown.
	d.contains("more below")
	for range 12 {
		d.key("down")
	}
	d.contains("more above")
}

// The results screen says when there is more to scroll to, and where.
func TestUIResultsScrollMarks(t *testing.T) {
	r := uiRubric(t)
	cfg := uiConfig(t, r)
	d := newDriver(t, New(cfg, r, openSession(t, cfg, r), nil), 80, 24)
	answerAll(d)
	d.key("r")
	d.on(screenResults)
	d.send(tea.WindowSizeMsg{Width: 40, Height: 12})
	d.contains("↓ more below · 0%")
	for range 200 {
		d.key("down")
	}
	d.contains("↑ more above · end")
	d.send(tea.WindowSizeMsg{Width: 100, Height: 80})
	if strings.Contains(d.screen(), "more below") || strings.Contains(d.screen(), "more above") {
		t.Errorf("scroll mark with everything in view:\n%s", d.screen())
	}
}

// The full key list opens everywhere: with ? where it is not typed, and
// with f1 in text fields (where ? is "don't know") and the note box. Keys
// that lead nowhere are not offered.
func TestUIKeyListEverywhere(t *testing.T) {
	r := uiRubric(t)
	cfg := uiConfig(t, r)
	d := newDriver(t, New(cfg, r, openSession(t, cfg, r), nil), 80, 24)
	d.contains("f1 keys")
	if s := d.screen(); strings.Contains(s, "esc back") || strings.Contains(s, "pgup") {
		t.Errorf("the first question offers esc or pgup, which do nothing there:\n%s", s)
	}
	d.key("f1")
	d.contains("ctrl+r review answers")
	d.contains("don't know (typed)")
	d.key("f1")
	d.typeText("?")
	if got := d.m.question.val.text; got != "?" {
		t.Errorf("? in a number field gave %q, want it typed", got)
	}
	d.key("ctrl+u")
	d.typeText("50")
	d.key("enter")
	d.contains("esc back")
	d.key("ctrl+n")
	d.contains("f1 keys")
	d.key("f1")
	d.contains("ctrl+c quit")
	d.key("f1", "esc")
	d.m = d.m.showQuestion(d.m.question.index["measured"], screenQuestion)
	d.run(d.m.question.init())
	d.contains("? keys")
	d.key("?")
	d.contains("choose that option")
}

// With the rubric and project given as flags and the respondent not, the
// name and role are asked full-screen before the first question, as plain
// mode asks them; both may be left empty.
func TestUIAsksWhoWhenTheFlagsDoNot(t *testing.T) {
	r := uiRubric(t)
	cfg := uiConfig(t, r)
	cfg.Rubric, cfg.Project = "crm-health", "CRM"
	rubric, sess, un, _, err := prepare(cfg)
	if err != nil || rubric != r || sess != nil || un != nil {
		t.Fatalf("prepare: %v %v %v %v; want the rubric, no session yet", rubric, sess, un, err)
	}
	d := newDriver(t, New(cfg, rubric, nil, nil), 80, 24)
	d.on(screenStart)
	d.contains("CRM health check · CRM")
	d.contains("Who is answering?")
	d.contains("Your name")
	if strings.Contains(d.screen(), "shift+tab") {
		t.Errorf("shift+tab offered on the first field:\n%s", d.screen())
	}
	d.typeText("Ann")
	d.key("enter")
	d.contains("shift+tab back")
	d.typeText("sponsor")
	d.key("enter")
	d.wait("the first question", func() bool { return d.m.screen == screenQuestion })
	if got := d.m.sess.Answers.Respondent; got.Name != "Ann" || got.Role != "sponsor" {
		t.Errorf("respondent %+v, want Ann, sponsor", got)
	}
	d.m.sess.Close()

	// Anonymous: both left empty.
	cfg2 := uiConfig(t, r)
	cfg2.Project = "CRM"
	d = newDriver(t, New(cfg2, r, nil, nil), 80, 24)
	d.key("enter", "enter")
	d.wait("the first question", func() bool { return d.m.screen == screenQuestion })
	if got := d.m.sess.Answers.Respondent; got.Name != "" || got.Role != "" {
		t.Errorf("respondent %+v, want anonymous", got)
	}
	d.m.sess.Close()

	// Given as a flag, the respondent is not asked.
	cfg3 := uiConfig(t, r)
	cfg3.Rubric, cfg3.Project, cfg3.Role = "crm-health", "CRM", "sponsor"
	if _, sess, _, _, err := prepare(cfg3); err != nil || sess == nil {
		t.Fatalf("prepare with --role: %v, %v; want the session open", sess, err)
	} else {
		sess.Close()
	}
}

// The unfinished runs in the folder are offered first, before anything
// is typed, named with the project as saved; starting over goes on to the
// rubric and project (not offered the same runs again) and then asks who
// is answering. A key pressed before the folder is read keeps the start
// screen where it is.
func TestUIResumeComesFirst(t *testing.T) {
	r := uiRubric(t)
	cfg := uiConfig(t, r)
	s := openSession(t, cfg, r) // project "CRM"
	if err := s.Set("adoption", &assessment.Answer{Number: 60}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	// Go on: the file is resumed, with its rubric.
	d := newDriver(t, New(cfg, nil, nil, nil), 80, 24)
	d.on(screenResume)
	d.key("enter")
	d.wait("the question", func() bool { return d.m.screen == screenQuestion })
	if d.m.sess.Path != s.Path {
		t.Errorf("resumed %q, want %q", d.m.sess.Path, s.Path)
	}
	d.contains("Yearly benefit at full adoption?")
	d.m.sess.Close()

	// Start over.
	d = newDriver(t, New(cfg, nil, nil, nil), 80, 24)
	d.on(screenResume)
	d.contains("You have an unfinished assessment of CRM")
	d.contains("Go on: 1 of 10 answered")
	d.key("down", "enter") // start a new assessment
	d.on(screenStart)
	d.contains("Which check do you want to run?")
	d.key("enter") // the rubric
	d.typeText("crm")
	d.key("enter")
	d.wait("the name", func() bool { return d.m.start.stage == stageWho })
	d.contains("Who is answering?")
	d.typeText("Bo")
	d.key("enter", "enter")
	d.wait("the first question", func() bool { return d.m.screen == screenQuestion })
	if d.m.sess.Path == s.Path {
		t.Error("started over in the unfinished file")
	}
	if got := d.m.sess.Answers.Respondent.Name; got != "Bo" {
		t.Errorf("respondent %q, want Bo", got)
	}
	d.m.sess.Close()

	// A key first: the runs are offered after the project instead.
	m := New(cfg, nil, nil, nil)
	nm, _ := m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	nm, _ = nm.Update(keyMsg("down"))
	nm, _ = nm.Update(scanUnfinishedCmd(cfg, nil)())
	if got := nm.(Model).screen; got != screenStart {
		t.Errorf("after a key, the scan moved the screen to %s", got)
	}
}

// A date measured from another one that comes before it, or that is
// already past, is questioned once, not refused: enter again keeps it.
func TestUIDateWarnings(t *testing.T) {
	r := uiRubric(t)
	cfg := uiConfig(t, r) // today is 2026-03-31
	d := newDriver(t, New(cfg, r, openSession(t, cfg, r), nil), 80, 24)
	d.m = d.m.showQuestion(d.m.question.index["go-live"], screenQuestion)
	d.run(d.m.question.init())
	d.typeText("2026-09-01")
	d.key("enter")
	d.contains("When will results first be checked against the case?")
	d.typeText("2026-08-01")
	d.key("enter")
	d.contains(`⚠ 2026-08-01 is before your answer to "Planned go-live date?" (2026-09-01).`)
	d.contains("Press enter again to keep it, or correct it.")
	if _, ok := d.m.sess.Answers.Answers["review-date"]; ok {
		t.Fatal("stored before the second enter")
	}
	// Corrected: no warning, stored at once.
	d.key("ctrl+u")
	d.typeText("2026-12-01")
	d.key("enter")
	if got := d.m.sess.Answers.Answers["review-date"]; got == nil || got.Text != "2026-12-01" {
		t.Fatalf("review-date = %+v", got)
	}
	// In the past: questioned, then kept with a second enter.
	d.m = d.m.showQuestion(d.m.question.index["go-live"], screenQuestion)
	d.run(d.m.question.init())
	d.key("ctrl+u")
	d.typeText("2025-01-01")
	d.key("enter") // a go-live date may be past: the system is live
	d.contains("When will results first be checked against the case?")
	d.key("ctrl+u")
	d.typeText("2025-06-01")
	d.key("enter")
	d.contains("⚠ 2025-06-01 is in the past (today is 2026-03-31).")
	d.key("enter")
	if got := d.m.sess.Answers.Answers["review-date"]; got == nil || got.Text != "2025-06-01" {
		t.Fatalf("review-date after the second enter = %+v, want it kept", got)
	}
	d.contains("Which of these will users have after go-live?")
}

// At 40×12 a single-choice list keeps one line per option (a wrapped one
// left room for one option), cut labels are read in full with ctrl+o, and
// what is below the part shown is said.
func TestUISingleChoiceInANarrowWindow(t *testing.T) {
	d, _ := fiveSignsDriver(t, 40, 12)
	d.m = d.m.showQuestion(d.m.question.index["bc-adoption-basis"], screenQuestion)
	d.run(d.m.question.init())
	d.contains("> 1. Measured use of today's systems,…")
	d.contains("  2. Results of similar roll-outs")
	d.contains("more below")
	d.contains("ctrl+o read all")
	d.key("ctrl+o")
	for range 30 {
		d.key("down")
	}
	d.contains("• 5. Nobody set it; the benefit counts")
	d.contains("  every user") // whole, wrapped
}

// fiveSignsDriver is a driver on the first question of a new answers file
// of the built-in five-warning-signs rubric, in a w×h window.
func fiveSignsDriver(t *testing.T, w, h int) (*driver, *questions.Rubric) {
	t.Helper()
	r, err := questions.Builtin("five-warning-signs")
	if err != nil {
		t.Fatal(err)
	}
	cfg := uiConfig(t, r)
	return newDriver(t, New(cfg, r, openSession(t, cfg, r), nil), w, h), r
}
