package tui

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/vitals-dev/vitals/assessment"
	"github.com/vitals-dev/vitals/workspace"
)

// TestUIRemoteShowsNoServerDetail: a participant over SSH goes from the
// join screen to the end; no screen on the way, its help opened, offers
// to save a report or names a path or the server's folder, and "s" on
// the results writes nothing.
func TestUIRemoteShowsNoServerDetail(t *testing.T) {
	r := uiRubric(t)
	cfg := uiConfig(t, r)
	dir := filepath.Join(t.TempDir(), "server-folder")
	cfg.Dir = dir
	path := filepath.Join(dir, "crm-crm-health-ana.answers.yaml")
	var opened *workspace.Session
	rem := Remote{Named: true, Open: func(name, role, code string) (*workspace.Session, error) {
		s, _, err := cfg.Open(r, path, "CRM", assessment.Respondent{Name: name, Role: role})
		opened = s
		return s, err
	}}
	t.Cleanup(func() { opened.Close() })
	d := newDriver(t, newRemote(cfg, r, rem), 80, 24)
	bad := []string{"save report", dir, "server-folder", ".answers.yaml", ".yaml", "vitals assess"}
	if h, err := os.Hostname(); err == nil && len(h) >= 4 {
		bad = append(bad, h)
	}
	var seen []string
	look := func(where string) {
		t.Helper()
		for _, help := range []bool{false, true} {
			if help != d.m.help.ShowAll {
				d.key("f1")
			}
			scr := d.screen()
			seen = append(seen, scr)
			for _, b := range bad {
				if strings.Contains(scr, b) {
					t.Errorf("%s (help %v) shows %q:\n%s", where, help, b, scr)
				}
			}
		}
		if d.m.help.ShowAll {
			d.key("f1")
		}
	}
	look("join screen")
	d.typeText("Ana")
	d.key("enter")
	d.typeText("Lead")
	d.key("enter")
	d.wait("the first question", func() bool { return d.m.screen == screenQuestion })
	look("first question")
	// A failed autosave's error names the file: the participant is told
	// what it means for them, not where.
	d.m.saveErr = errors.New("write " + path + ": no space left on device")
	look("autosave failed")
	d.contains("Autosave failed on the workshop's server")
	d.key("ctrl+c")
	d.on(screenQuit)
	look("quit screen, autosave failed")
	d.m.saveErr = nil
	look("quit screen")
	d.contains("name (Ana)")
	d.key("n")
	answerAll(d)
	d.on(screenReview)
	look("review")
	d.key("r")
	d.on(screenResults)
	look("results")
	d.contains("enter finish")
	d.key("s")
	d.on(screenResults)
	if d.m.outcome.ReportPath != "" {
		t.Fatalf("s wrote a report: %s", d.m.outcome.ReportPath)
	}
	d.key("enter")
	d.on(screenDone)
	look("last frame")
	d.contains("Your answers are saved")
	if !d.m.outcome.Complete {
		t.Error("finishing at the results did not mark the run complete")
	}
	if len(seen) == 0 {
		t.Fatal("no screen looked at")
	}
}

// TestUIKeysTypedWhileTheRunOpensAreKept: the first answer typed at once
// after Enter on the join screen, before the participant's file is open,
// is the first question's, not lost.
func TestUIKeysTypedWhileTheRunOpensAreKept(t *testing.T) {
	r := uiRubric(t)
	cfg := uiConfig(t, r)
	path := filepath.Join(t.TempDir(), "p.answers.yaml")
	var opened *workspace.Session
	rem := Remote{Named: true, Open: func(name, role, code string) (*workspace.Session, error) {
		s, _, err := cfg.Open(r, path, "CRM", assessment.Respondent{Name: name, Role: role})
		opened = s
		return s, err
	}}
	t.Cleanup(func() { opened.Close() })
	d := newDriver(t, newRemote(cfg, r, rem), 80, 24)
	d.typeText("Ana")
	d.key("enter")
	d.typeText("Lead")
	// Enter, then 4 and 2 before the opened file comes back.
	d.deliver(keyMsg("enter"))
	d.deliver(tea.KeyPressMsg{Code: '4', Text: "4"})
	d.deliver(tea.KeyPressMsg{Code: '2', Text: "2"})
	if d.m.screen == screenQuestion {
		t.Fatal("the file opened before the keys: the test proves nothing")
	}
	d.drain()
	d.on(screenQuestion)
	d.contains("42")
}

// TestUIEscClosesTheKeyListFirst: Esc after F1 closes the key list and
// stays on the question, instead of going back one.
func TestUIEscClosesTheKeyListFirst(t *testing.T) {
	r := uiRubric(t)
	cfg := uiConfig(t, r)
	d := newDriver(t, New(cfg, r, nil, nil), 80, 24)
	d.typeText("CRM")
	d.key("enter")
	d.wait("the who screen or the first question", func() bool { return d.m.screen == screenQuestion || d.m.start.stage == stageWho })
	if d.m.screen != screenQuestion {
		d.key("enter", "enter")
		d.wait("the first question", func() bool { return d.m.screen == screenQuestion })
	}
	d.typeText("40")
	d.key("enter")
	d.wait("the second question", func() bool { return d.m.question.idx == 1 })
	d.key("f1")
	if !d.m.help.ShowAll {
		t.Fatal("f1 did not open the key list")
	}
	d.key("esc")
	if d.m.help.ShowAll || d.m.screen != screenQuestion || d.m.question.idx != 1 {
		t.Errorf("esc: key list %v, screen %v, question %d", d.m.help.ShowAll, d.m.screen, d.m.question.idx)
	}
	d.key("esc")
	if d.m.question.idx != 0 {
		t.Errorf("a second esc goes back: question %d", d.m.question.idx)
	}
}

// TestUIAnonymousJoinFitsASmallWindow: at 40×12 the welcome is cut to
// one sentence, so the field to type in is on the screen.
func TestUIAnonymousJoinFitsASmallWindow(t *testing.T) {
	r := uiRubric(t)
	cfg := uiConfig(t, r)
	rem := Remote{Code: "K7PX3M", Open: func(name, role, code string) (*workspace.Session, error) {
		return nil, errors.New("not opened in this test")
	}}
	small := newDriver(t, newRemote(cfg, r, rem), 40, 12)
	small.contains("K7PX3M")
	small.contains("Resume code")
	big := newDriver(t, newRemote(cfg, r, rem), 100, 30)
	big.contains("New here? Your resume code is K7PX3M")
	big.contains("Resume code")
}
