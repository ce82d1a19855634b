package tui

import (
	"strings"
	"testing"

	"charm.land/lipgloss/v2"

	"github.com/vitals-dev/vitals/assessment"
	"github.com/vitals-dev/vitals/questions"
)

// pathFigures is what a respondent reads and presses on one path through
// a rubric. words is what there is to read: each prompt, what its field
// accepts, its options (not their numbers) and each section's title once.
// onScreen counts every word drawn on the question screens, the section
// title again on each and the option numbers included (not the rubric and
// project line, the progress line or the key help).
type pathFigures struct {
	words, onScreen, screens, keys int
	prompts, help, options, intro  int
}

// walkDefaultPath answers every question of r the way the screen leads a
// respondent who knows the answers: the option under the cursor (the
// first) in lists, the first option ticked in checklists, a number in the
// middle of the range, a date ahead, one word of text.
func walkDefaultPath(t *testing.T, r *questions.Rubric) pathFigures {
	t.Helper()
	return walkDefaultPathAt(t, r, 100, 30, nil)
}

// walkDefaultPathAt walks the default path in a window of w×h, calling
// each (when not nil) on every question screen.
func walkDefaultPathAt(t *testing.T, r *questions.Rubric, w, h int, each func(*driver)) pathFigures {
	t.Helper()
	cfg := uiConfig(t, r)
	d := newDriver(t, New(cfg, r, openSession(t, cfg, r), nil), w, h)
	var f pathFigures
	press := func(keys ...string) {
		f.keys += len(keys)
		d.key(keys...)
	}
	typeIn := func(s string) {
		f.keys += len(s)
		d.typeText(s)
	}
	seen := map[*questions.Section]bool{}
	for d.m.screen == screenQuestion {
		if f.screens > 300 {
			t.Fatal("more than 300 screens")
		}
		q := d.m.question.current()
		if each != nil {
			each(d)
		}
		f.screens++
		f.onScreen += screenWords(d.screen())
		f.prompts += len(strings.Fields(q.Prompt))
		f.help += len(strings.Fields(d.m.helpText(q, false)))
		if isChoice(q) {
			for _, o := range choiceOptions(q) {
				for _, w := range strings.Fields(o.Key) {
					if strings.Trim(w, "0123456789.") != "" {
						f.options++
					}
				}
			}
		}
		if !seen[q.Section] {
			seen[q.Section] = true
			f.intro += len(strings.Fields(q.Section.Title))
		}
		switch {
		case q.Kind == questions.Multi:
			press("1")
		case isChoice(q):
		case q.Kind == questions.Date:
			typeIn("2027-01-15")
		case q.Kind == questions.Text:
			typeIn("text")
		default:
			typeIn(assessment.FormatNumber(assessment.Round1(midpoint(q))))
		}
		press("enter")
		if d.m.question.warn != "" {
			press("enter")
		}
	}
	d.on(screenReview)
	f.words = f.prompts + f.help + f.options + f.intro
	return f
}

// screenWords counts the words of a question screen without its chrome:
// the first two lines (rubric and project, progress) and the last (keys).
func screenWords(screen string) int {
	lines := strings.Split(strings.TrimRight(screen, "\n"), "\n")
	if len(lines) < 3 {
		return 0
	}
	n := 0
	for _, l := range lines[2 : len(lines)-1] {
		for _, w := range strings.Fields(l) {
			// The field's border and markers are not words.
			if strings.ContainsFunc(w, func(r rune) bool { return r >= 'A' && r <= 'z' || r >= '0' && r <= '9' }) {
				n++
			}
		}
	}
	return n
}

// The promise of "about ten minutes": on the default path through the
// five warning signs, a respondent reads at most 1,300 words (about five
// minutes at 250 words a minute, leaving the rest for thinking and looking
// figures up). Run with -v for the figures recorded in BENCHMARKS.md.
func TestTenMinutesOfReading(t *testing.T) {
	for _, id := range []string{"five-warning-signs", "adoption-readiness"} {
		t.Run(id, func(t *testing.T) {
			r, err := questions.Builtin(id)
			if err != nil {
				t.Fatal(err)
			}
			f := walkDefaultPath(t, r)
			t.Logf("%s: %d words to read on %d screens (prompts %d, what the fields accept %d, options %d, section titles %d); %d words drawn; %d key presses",
				id, f.words, f.screens, f.prompts, f.help, f.options, f.intro, f.onScreen, f.keys)
			if id == "five-warning-signs" && f.words > 1300 {
				t.Errorf("%d words to read on the default path; the promise is at most 1,300", f.words)
			}
		})
	}
}

// The wording follows what was answered and what is on screen: after "a
// steering committee as a group" the next question does not speak of "the
// accountable person"; a help that explains a word uses the options'
// word; a checklist's help does not repeat how to tick, which the field
// says.
func TestUIWordingFollowsTheAnswers(t *testing.T) {
	r, err := questions.Builtin("five-warning-signs")
	if err != nil {
		t.Fatal(err)
	}
	cfg := uiConfig(t, r)
	d := newDriver(t, New(cfg, r, openSession(t, cfg, r), nil), 100, 30)
	if err := d.m.sess.Set("acc-owner", &assessment.Answer{Text: "committee"}); err != nil {
		t.Fatal(err)
	}
	d.m = d.m.showQuestion(d.m.question.index["acc-authority"], screenQuestion)
	d.contains("Can whoever is accountable make business units change")
	d.key("ctrl+o")
	if s := d.screen(); strings.Contains(s, "accountable person") {
		t.Errorf("after a committee's answer the question speaks of a person:\n%s", s)
	}
	d.key("esc")
	d.m = d.m.showQuestion(d.m.question.index["cp-plan-end"], screenQuestion)
	d.run(d.m.question.init())
	d.drain()
	d.contains("After a short stabilisation period")
	d.key("ctrl+o")
	d.contains("stabilisation period (some call it hypercare)")
	for _, id := range []string{"five-warning-signs", "adoption-readiness"} {
		r, err := questions.Builtin(id)
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range r.Questions() {
			if q.Kind == questions.Multi && strings.Contains(strings.ToLower(q.Help), "all that apply") {
				t.Errorf("%s: %s's help says how to tick, which the field says: %q", id, q.ID, q.Help)
			}
		}
	}
}

// Every question of both built-in rubrics fits a 40×12 window: no line
// wider than the window, none below it, the prompt and a way to the key
// list always on screen.
func TestUIEveryQuestionFitsASmallWindow(t *testing.T) {
	for _, id := range []string{"five-warning-signs", "adoption-readiness"} {
		t.Run(id, func(t *testing.T) {
			r, err := questions.Builtin(id)
			if err != nil {
				t.Fatal(err)
			}
			walkDefaultPathAt(t, r, 40, 12, func(d *driver) {
				s := d.screen()
				q := d.m.question.current()
				lines := strings.Split(s, "\n")
				if len(lines) > 12 {
					t.Errorf("%s: %d lines in a window of 12", q.ID, len(lines))
				}
				for i, l := range lines {
					if w := lipgloss.Width(l); w > 40 {
						t.Errorf("%s: line %d is %d wide: %q", q.ID, i+1, w, l)
					}
				}
				if first := strings.Fields(q.Prompt)[0]; !strings.Contains(s, first) {
					t.Errorf("%s: the prompt is not on screen:\n%s", q.ID, s)
				}
				if last := lines[len(lines)-1]; !strings.Contains(last, "? keys") && !strings.Contains(last, "f1 keys") {
					t.Errorf("%s: no way to the key list in %q", q.ID, last)
				}
			})
		})
	}
}
