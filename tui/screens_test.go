package tui

import (
	"fmt"
	"os"
	"testing"

	"github.com/vitals-dev/vitals/workspace"
)

// TestUIGoldenScreens draws every screen at 80×24 and at 40×12 and
// compares it, colour stripped, with testdata/screens. Run
// go test ./tui -run TestUIGoldenScreens -update after a deliberate change
// and read the diff.
func TestUIGoldenScreens(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {40, 12}} {
		w, h := size[0], size[1]
		t.Run(fmt.Sprintf("%dx%d", w, h), func(t *testing.T) {
			r := uiRubric(t)
			cfg := uiConfig(t, r)

			d := newDriver(t, New(cfg, nil, nil, nil), w, h)
			d.golden("start")
			d.key("ctrl+c")
			d.golden("quit-nothing-saved")

			s := openSession(t, cfg, r)
			d = newDriver(t, New(cfg, r, s, nil), w, h)
			d.golden("question-number")
			d.typeText("150")
			d.key("enter")
			d.golden("question-invalid")
			d.key("ctrl+u")
			d.typeText("85")
			d.key("enter")
			for range 4 {
				d.typeText("1")
				d.key("enter")
			}
			d.golden("question-yesno")
			d.key("ctrl+n")
			d.typeText("Asked the CIO")
			d.golden("question-note")
			d.key("enter", "enter")
			d.typeText("Weekly log-ins")
			d.key("enter")
			d.typeText("2026-09-01")
			d.key("enter", "down", "enter")
			d.golden("question-multi")
			d.key("enter")
			d.golden("question-multi-empty")
			d.key("space", "enter")
			d.golden("question-scale")
			d.key("?")
			d.golden("question-scale-help")
			d.key("?", "ctrl+c")
			d.golden("quit")
			d.key("n", "down", "down", "enter")
			d.on(screenReview)
			d.golden("review")
			d.key("r")
			d.golden("results")
			d.key("s")
			d.golden("save")
			d.saved()
			if err := os.WriteFile(workspace.ReportPathFor(s.Path), nil, 0o644); err != nil {
				t.Fatal(err)
			}
			d.key("enter", "enter")
			d.wait("overwrite question", func() bool { return d.m.screen == screenOverwrite })
			d.golden("overwrite")
			d.key("y")
			d.wait("saved files", func() bool { return d.m.screen == screenDone })
			d.golden("done")

			cfg.Project = "CRM"
			d.m.sess.Close() // that run has ended
			s2 := openSession(t, cfg, r)
			s2.Answers.Complete = false
			if err := s2.Save(); err != nil {
				t.Fatal(err)
			}
			d = newDriver(t, New(cfg, r, nil, cfg.FindUnfinished(r, "CRM")), w, h)
			d.on(screenResume)
			d.golden("resume")

			// With nothing given, the folder's unfinished runs come first.
			cfg.Project = ""
			d = newDriver(t, New(cfg, nil, nil, nil), w, h)
			d.on(screenResume)
			d.golden("resume-first")

			cfg.Project = "New CRM"
			d = newDriver(t, New(cfg, r, nil, nil), w, h)
			d.golden("who")
		})
	}
}
