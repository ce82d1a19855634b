package plain

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"

	"github.com/vitals-dev/vitals/assessment"
	"github.com/vitals-dev/vitals/internal/answerstest"
	"github.com/vitals-dev/vitals/questions"
	"github.com/vitals-dev/vitals/workspace"
)

var updatePlain = flag.Bool("update-plain", false, "rewrite the golden transcripts of plain mode")

// plainRubricYAML has every kind of question, a condition, a required
// question without "don't know" and a business case.
const plainRubricYAML = `id: plain-test
title: Plain test
version: 1.0.0
description: A small rubric with every kind of question.
business_case:
  annual_benefit: benefit
  one_off_cost: cost-once
  running_cost: cost-yearly
  horizon_years: horizon
  assumed_adoption: adoption
  currency: EUR
sections:
  - id: money
    title: The business case
    why: A case that only works at full adoption is a bet, not a plan.
    weight: 1
    recommendations: {high: Re-run the case., medium: Track adoption., low: Keep going.}
    questions:
      - id: adoption
        prompt: What adoption does the business case assume?
        kind: number
        unit: "%"
        min: 0
        max: 100
        required: true
        scoring:
          - {to: 80, score: 90}
          - {from: 80, score: 10, flag: The case assumes at least 80% adoption., critical: true, recommendation: Recompute the return at 50% adoption.}
      - {id: benefit, prompt: Yearly benefit at full adoption?, kind: number, unit: EUR, min: 0, weight: 0}
      - {id: cost-once, prompt: One-off cost?, kind: number, unit: EUR, min: 0, weight: 0}
      - {id: cost-yearly, prompt: Running cost per year?, kind: number, unit: EUR, min: 0, weight: 0}
      - {id: horizon, prompt: Years the case covers?, kind: number, unit: years, min: 1, max: 30, weight: 0}
      - id: measured
        prompt: Do you measure how much today's systems are used?
        kind: yesno
        options:
          - {value: "yes", label: "Yes", score: 100}
          - {value: "no", label: "No", score: 20, flag: Current adoption is not measured., recommendation: Measure the use of today's system.}
      - id: how-measured
        prompt: How is it measured?
        kind: text
        when: {question: measured, in: ["yes"]}
  - id: after
    title: After go-live
    why: Adoption is won or lost after go-live.
    weight: 1
    recommendations: {high: Plan past go-live., medium: Add milestones., low: Keep going.}
    questions:
      - id: owner
        prompt: Who owns adoption after go-live?
        kind: single
        required: true
        dont_know: false
        options:
          - {value: exec, label: A named executive, score: 100}
          - {value: project, label: The project team, score: 40, recommendation: Name an executive owner.}
          - {value: nobody, label: Nobody, score: 0, flag: Nobody owns adoption., recommendation: Name an owner now.}
      - {id: go-live, prompt: Planned go-live date?, kind: date}
      - id: support
        prompt: Which of these will users have after go-live?
        kind: multi
        options:
          - {value: onboarding, label: Onboarding for new joiners, score: 40}
          - {value: guidance, label: Up-to-date guidance, score: 30}
          - {value: champions, label: Champions in each team, score: 30}
      - id: confidence
        prompt: How confident are the business leaders?
        kind: scale
        min: 1
        max: 5
        low_label: Not at all
        high_label: Fully
`

var plainClock = time.Date(2026, 3, 31, 14, 5, 0, 0, time.UTC)

func plainTestRubric(t *testing.T) *questions.Rubric {
	t.Helper()
	r, err := questions.ParseBytes("plain-test.yaml", []byte(plainRubricYAML))
	if err != nil {
		t.Fatalf("parse test rubric: %v", err)
	}
	return r
}

// plainConfig is a Config whose files go to a fresh temporary folder.
func plainConfig(t *testing.T, rubrics ...*questions.Rubric) *workspace.Config {
	t.Helper()
	return &workspace.Config{
		Catalog: &questions.Catalog{Rubrics: rubrics},
		Dir:     t.TempDir(),
		Version: "test",
		Now:     func() time.Time { return plainClock },
	}
}

// plainStep is one scripted answer: the line typed and the answer it must give.
type plainStep struct {
	q    *questions.Question
	line string
	want *assessment.Answer
}

// plainScript answers every question the way the rubric allows, following
// its conditions, so the script keeps working when the content changes.
func plainScript(t *testing.T, r *questions.Rubric) []plainStep {
	t.Helper()
	a := assessment.New(r, "p", assessment.Respondent{}, plainClock)
	var steps []plainStep
	for _, q := range r.Questions() {
		if !assessment.Visibility(r, a)[q.ID] {
			continue
		}
		line, ans := plainValidLine(q)
		if err := assessment.Validate(q, ans); err != nil {
			t.Fatalf("scripted answer %q to %s does not fit: %v", line, q.ID, err)
		}
		a.Answers[q.ID] = ans
		steps = append(steps, plainStep{q, line, ans})
	}
	return steps
}

// plainValidLine is a typical valid line for q: the first option, the middle of
// a range, a date, some text.
func plainValidLine(q *questions.Question) (string, *assessment.Answer) {
	switch q.Kind {
	case questions.Single:
		return "1", &assessment.Answer{Text: q.Options[0].Value}
	case questions.YesNo:
		return "y", &assessment.Answer{Text: "yes"}
	case questions.Multi:
		return "1, 2", &assessment.Answer{Choices: []string{q.Options[0].Value, q.Options[1].Value}}
	case questions.Scale:
		x := math.Floor((*q.Min + *q.Max) / 2)
		return assessment.FormatNumber(x), &assessment.Answer{Number: x}
	case questions.Number:
		x := 42.0
		switch {
		case q.Min != nil && q.Max != nil:
			x = (*q.Min + *q.Max) / 2
		case q.Min != nil:
			x = *q.Min + 1000
		case q.Max != nil:
			x = *q.Max - 1000
		}
		return assessment.FormatNumber(x), &assessment.Answer{Number: x}
	case questions.Date:
		return "2027-01-15", &assessment.Answer{Text: "2027-01-15"}
	}
	return "text", &assessment.Answer{Text: "text"}
}

// plainInput joins lines into what a script pipes in: every answer is followed
// by an empty note line.
func plainInput(lines ...string) string { return strings.Join(lines, "\n") + "\n" }

func plainAnswerLines(steps []plainStep) []string {
	var lines []string
	for _, s := range steps {
		lines = append(lines, s.line, "")
	}
	return lines
}

// runPlain runs plain mode on in and checks its output is plain text.
func runPlain(t *testing.T, cfg *workspace.Config, in string) (workspace.Outcome, string, error) {
	t.Helper()
	var out bytes.Buffer
	o, err := Run(context.Background(), strings.NewReader(in), &out, cfg)
	checkPlainOutput(t, out.String())
	return o, out.String(), err
}

// checkPlainOutput holds plain mode to its promise: no escape codes or
// other control characters, lines of at most 80 columns unless one word
// cannot be broken.
func checkPlainOutput(t *testing.T, out string) {
	t.Helper()
	for i, line := range strings.Split(out, "\n") {
		for _, r := range line {
			if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) {
				t.Fatalf("output line %d holds the control character %U: %q", i+1, r, line)
			}
		}
		if utf8.RuneCountInString(line) > plainWidth && len(strings.Fields(line)) > 2 {
			t.Errorf("output line %d is wider than %d columns: %q", i+1, plainWidth, line)
		}
	}
}

// loadAnswers loads and checks an answers file as `vitals report` would.

// plainHas reports whether out holds s, ignoring how lines were wrapped.
func plainHas(out, s string) bool {
	return strings.Contains(plainFlat(out), plainFlat(s))
}

func plainFlat(s string) string { return strings.Join(strings.Fields(s), " ") }

func plainSame(got, want *assessment.Answer) bool {
	if got == nil || want == nil {
		return got == want
	}
	return got.Text == want.Text && got.Number == want.Number && got.DontKnow == want.DontKnow &&
		got.Note == want.Note && slices.Equal(got.Choices, want.Choices)
}

func plainCheckAnswers(t *testing.T, a *assessment.Answers, steps []plainStep) {
	t.Helper()
	if got, want := len(a.Answers), len(steps); got != want {
		t.Errorf("answers file holds %d answers, want %d", got, want)
	}
	for _, s := range steps {
		if got := a.Answers[s.q.ID]; !plainSame(got, s.want) {
			t.Errorf("answer to %s = %+v, want %+v", s.q.ID, got, s.want)
		}
	}
}

func TestPlainBuiltinRubrics(t *testing.T) {
	ids := questions.BuiltinIDs()
	if len(ids) == 0 {
		t.Fatal("no built-in rubrics")
	}
	for _, id := range ids {
		t.Run(id, func(t *testing.T) {
			r, err := questions.Builtin(id)
			if err != nil {
				t.Fatal(err)
			}
			cfg := plainConfig(t, r)
			cfg.Rubric = id
			cfg.Project = "Acme CRM"
			steps := plainScript(t, r)
			in := plainInput(append([]string{"Ann", "Project lead"}, plainAnswerLines(steps)...)...)
			o, out, err := runPlain(t, cfg, in)
			if err != nil {
				t.Fatalf("Run: %v\n%s", err, out)
			}
			if !o.Complete {
				t.Error("Outcome.Complete is false")
			}
			if got, want := o.AnswersPath, filepath.Join(cfg.Dir, "2026-03-31-acme-crm-"+id+".answers.yaml"); got != want {
				t.Errorf("answers path = %q, want %q", got, want)
			}
			a := answerstest.Load(t, o.AnswersPath, r)
			if !a.Complete {
				t.Error("answers file is not marked complete")
			}
			if got, want := a.Respondent, (assessment.Respondent{Name: "Ann", Role: "Project lead"}); got != want {
				t.Errorf("respondent = %+v, want %+v", got, want)
			}
			plainCheckAnswers(t, a, steps)
			if got, want := o.ReportPath, workspace.ReportPathFor(o.AnswersPath); got != want {
				t.Errorf("report path = %q, want %q", got, want)
			}
			report, err := os.ReadFile(o.ReportPath)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(report, []byte("#")) {
				t.Errorf("report starts with %q, want a markdown heading", report[:min(40, len(report))])
			}
			for _, want := range []string{"Overall score:", "Scores by part:", "Answers saved in", "Report saved in"} {
				if !plainHas(out, want) {
					t.Errorf("output lacks %q", want)
				}
			}
		})
	}
}

// TestPlainTranscript pins the whole conversation for the test rubric, so a
// change to what a screen reader hears shows in review. Rewrite it with
// go test ./tui -run PlainTranscript -update-plain (or -update).
func TestPlainTranscript(t *testing.T) {
	r := plainTestRubric(t)
	cfg := plainConfig(t, r)
	steps := plainScript(t, r)
	lines := append([]string{"1", "Acme CRM", "", ""}, plainAnswerLines(steps)...)
	o, out, err := runPlain(t, cfg, plainInput(lines...))
	if err != nil {
		t.Fatalf("Run: %v\n%s", err, out)
	}
	if !o.Complete {
		t.Error("not complete")
	}
	got := strings.ReplaceAll(out, cfg.Dir, "$DIR")
	golden := filepath.Join("testdata", "plain", "transcript.golden")
	if *updatePlain || (flag.Lookup("update") != nil && flag.Lookup("update").Value.String() == "true") {
		if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update-plain to create it)", err)
	}
	if got != string(want) {
		t.Errorf("transcript differs from %s; run with -update-plain and review the diff\n--- got:\n%s", golden, got)
	}
}

// TestPlainInvalidInput types a bad line where each kind of question
// expects an answer: plain mode must say why, ask the same question again
// and store the valid line that follows, not the bad one.
func TestPlainInvalidInput(t *testing.T) {
	tests := []struct {
		name, question, bad, msg string
	}{
		{"option out of range", "owner", "9", "There is no option 9; type a number from 1 to 3."},
		{"option zero", "owner", "0", "There is no option 0"},
		{"option not a number", "owner", "abc", `"abc" is not an option`},
		{"number not a number", "benefit", "abc", `"abc" is not a number`},
		{"number decimal comma", "benefit", "2,5", `"2,5" is not a number`},
		{"number hex", "benefit", "0x10", `"0x10" is not a number`},
		{"number infinite", "benefit", "1e999", "is not a number that vitals can use"},
		{"number below min", "benefit", "-5", "Enter a number at least 0."},
		{"number above max", "adoption", "150", "Enter a number between 0 and 100."},
		{"date out of range", "go-live", "2026-13-45", "2026-13-45 is not a day of the calendar."},
		{"date other layout", "go-live", "31/03/2026", `"31/03/2026" is not a date; enter it as YYYY-MM-DD, for example 2026-09-30.`},
		{"scale decimal", "confidence", "2.5", "Enter a whole number from 1 to 5."},
		{"scale above max", "confidence", "9", "Enter a whole number from 1 to 5."},
		{"yes/no", "measured", "maybe", "Type 1 or 2, or y or n."},
		{"multi out of range", "support", "1,9", "There is no option 9"},
		{"multi zero and more", "support", "0 1", "0 means none of them"},
		{"skip required", "owner", "s", "This question is required, so it cannot be skipped."},
		{"don't know not offered", "owner", "d", `"Don't know" is not offered for this question.`},
		{"empty required", "owner", "", "Please type an answer; this question is required."},
		{"empty optional", "go-live", "", "Please type an answer, or s to skip."},
		{"back at the first question", "adoption", "b", "This is the first question; there is nothing to go back to."},
		{"invalid UTF-8", "how-measured", "\xff\xfe", "That line is not valid UTF-8; it was not used."},
		{"escape sequence in text", "how-measured", "\x1b[31mred", `shown here escaped: "\x1b[31mred"`},
	}
	r := plainTestRubric(t)
	steps := plainScript(t, r)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := plainConfig(t, r)
			cfg.Rubric, cfg.Project, cfg.Respondent = r.ID, "Acme", "Ann"
			cfg.Interactive = true
			var lines []string
			found := false
			for _, s := range steps {
				if s.q.ID == tt.question {
					lines = append(lines, tt.bad)
					found = true
				}
				lines = append(lines, s.line, "")
			}
			if !found {
				t.Fatalf("no question %s in the script", tt.question)
			}
			o, out, err := runPlain(t, cfg, plainInput(lines...))
			if err != nil {
				t.Fatalf("Run: %v\n%s", err, out)
			}
			if !plainHas(out, tt.msg) {
				t.Errorf("output lacks %q:\n%s", tt.msg, out)
			}
			// The same question is asked again: its instruction line
			// shows twice, once before and once after the message.
			q := r.Question(tt.question)
			instr := plainInstructions(q, false, q.ID != "adoption")
			before, after, _ := strings.Cut(plainFlat(out), plainFlat(tt.msg))
			if !strings.Contains(before, plainFlat(instr)) || !strings.Contains(after, plainFlat(instr)) {
				t.Errorf("instruction %q not repeated around the message", instr)
			}
			if strings.Count(out, q.Prompt) != 1 {
				t.Errorf("question %q shown %d times; a bad line must not move on", q.Prompt, strings.Count(out, q.Prompt))
			}
			plainCheckAnswers(t, answerstest.Load(t, o.AnswersPath, r), steps)
		})
	}
}

// TestPlainScriptStops feeds a bad line from a script: the run stops at
// it, naming the line and the question, and keeps the answers before it.
// Asking again would read the next line, written for the next prompt, as
// the answer to this question, and shift every answer after it.
func TestPlainScriptStops(t *testing.T) {
	r := plainTestRubric(t)
	steps := plainScript(t, r)
	tests := []struct {
		name, question, bad, msg string
	}{
		{"option out of range", "owner", "9", "There is no option 9; type a number from 1 to 3"},
		{"number not a number", "benefit", "abc", `"abc" is not a number`},
		{"don't know not offered", "owner", "d", `"Don't know" is not offered for this question`},
		{"invalid UTF-8", "how-measured", "\xff\xfe", "That line is not valid UTF-8; it was not used"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := plainConfig(t, r)
			cfg.Rubric, cfg.Project, cfg.Respondent = r.ID, "Acme", "Ann"
			var lines []string
			before, at := 0, 0
			for i, s := range steps {
				if s.q.ID == tt.question {
					lines = append(lines, tt.bad)
					before, at = i, len(lines)
				}
				lines = append(lines, s.line, "")
			}
			if at == 0 {
				t.Fatalf("no question %s in the script", tt.question)
			}
			o, out, err := runPlain(t, cfg, plainInput(lines...))
			if !errors.Is(err, ErrInputRefused) {
				t.Fatalf("err = %v, want ErrInputRefused\n%s", err, out)
			}
			where := fmt.Sprintf("stopped at input line %d (question %s): %s", at, tt.question, tt.msg)
			if !strings.HasPrefix(err.Error(), where) || !strings.HasSuffix(err.Error(), "; answers so far are in "+o.AnswersPath+" — fix that line and rerun with --answers "+o.AnswersPath+" to continue") {
				t.Errorf("error = %q, want it to start with %q and say how to go on", err, where)
			}
			if !plainHas(out, tt.msg) || !plainHas(out, "Your answers are saved in "+o.AnswersPath) {
				t.Errorf("output does not say what was wrong and where the answers are:\n%s", out)
			}
			if strings.Count(out, r.Question(tt.question).Prompt) != 1 {
				t.Errorf("question asked again after a bad scripted line")
			}
			a := answerstest.Load(t, o.AnswersPath, r)
			if a.Complete {
				t.Error("answers file marked complete")
			}
			plainCheckAnswers(t, a, steps[:before])
		})
	}
}

// TestPlainAcceptedForms checks the other ways of typing an answer.
func TestPlainAcceptedForms(t *testing.T) {
	r := plainTestRubric(t)
	tests := []struct {
		question, line string
		want           assessment.Answer
	}{
		{"owner", "2", assessment.Answer{Text: "project"}},
		{"owner", "3)", assessment.Answer{Text: "nobody"}},
		{"owner", "EXEC", assessment.Answer{Text: "exec"}},
		{"measured", "2", assessment.Answer{Text: "no"}},
		{"measured", "Yes", assessment.Answer{Text: "yes"}},
		{"measured", "n", assessment.Answer{Text: "no"}},
		{"support", "3 1", assessment.Answer{Choices: []string{"onboarding", "champions"}}},
		{"support", "2,2;3", assessment.Answer{Choices: []string{"guidance", "champions"}}},
		{"support", "none", assessment.Answer{Choices: []string{}}},
		{"support", "0", assessment.Answer{Choices: []string{}}},
		{"adoption", "?", assessment.Answer{DontKnow: true}},
		{"how-measured", "?", assessment.Answer{DontKnow: true}},
		{"support", "guidance", assessment.Answer{Choices: []string{"guidance"}}},
		{"adoption", "80%", assessment.Answer{Number: 80}},
		{"adoption", "12.5 %", assessment.Answer{Number: 12.5}},
		{"benefit", "1,250,000", assessment.Answer{Number: 1250000}},
		{"benefit", "1 250 000 EUR", assessment.Answer{Number: 1250000}},
		{"benefit", "€2.5e6", assessment.Answer{Number: 2500000}},
		{"horizon", "5 years", assessment.Answer{Number: 5}},
		{"confidence", "5", assessment.Answer{Number: 5}},
		{"how-measured", "skip", assessment.Answer{Text: "skip"}},
		{"how-measured", "Don't know", assessment.Answer{Text: "Don't know"}},
		{"go-live", "D", assessment.Answer{DontKnow: true}},
		{"go-live", "don't know", assessment.Answer{DontKnow: true}},
	}
	for _, tt := range tests {
		t.Run(tt.question+" "+tt.line, func(t *testing.T) {
			c, got, msg := plainParseLine(r.Question(tt.question), tt.line, false, true)
			if msg != "" || c != plainCmdAnswer {
				t.Fatalf("plainParseLine(%q) = %v, %q; want an answer", tt.line, c, msg)
			}
			if !plainSame(got, &tt.want) {
				t.Errorf("plainParseLine(%q) = %+v, want %+v", tt.line, got, tt.want)
			}
		})
	}
}

// exclusiveQuestion is a built-in multiple-choice question with a "none of
// these" option, and that option.
func exclusiveQuestion(t *testing.T) (*questions.Question, *questions.Option) {
	t.Helper()
	r, err := questions.Builtin("five-warning-signs")
	if err != nil {
		t.Fatal(err)
	}
	q := r.Question("cp-activities")
	ex := q.ExclusiveOption()
	if ex == nil {
		t.Fatal("cp-activities has no exclusive option")
	}
	return q, ex
}

// TestPlainExclusiveOption: in a question with a "none of these" option,
// 0 and none choose that option (with its flag and advice), and it cannot
// be combined with another.
func TestPlainExclusiveOption(t *testing.T) {
	q, ex := exclusiveQuestion(t)
	n := strconv.Itoa(slices.Index(q.Options, ex) + 1)
	for _, line := range []string{"0", "none", "NONE", n} {
		c, got, msg := plainParseLine(q, line, false, true)
		if msg != "" || c != plainCmdAnswer || !slices.Equal(got.Choices, []string{ex.Value}) {
			t.Errorf("plainParseLine(%q) = %v, %+v, %q; want the choice %q", line, c, got, msg, ex.Value)
		}
	}
	if _, _, msg := plainParseLine(q, "1 "+n, false, true); !strings.Contains(msg, "cannot be chosen together with other options") {
		t.Errorf("1 and %s together: message %q", n, msg)
	}
}

// TestPlainEndOfInput cuts the input at every kind of place: the answers
// given so far stay in a valid file and the error says how to go on.
func TestPlainEndOfInput(t *testing.T) {
	r := plainTestRubric(t)
	steps := plainScript(t, r)
	tests := []struct {
		name string
		// lines after project and respondent; nil keeps only those.
		lines    []string
		answered int
	}{
		{"before the first answer", nil, 0},
		{"after three answers and notes", plainAnswerLines(steps[:3]), 3},
		{"at the note prompt", append(plainAnswerLines(steps[:3]), steps[3].line), 4},
		{"while re-asking", append(plainAnswerLines(steps[:2]), "abc", "xyz"), 2}, // at a terminal
		{"last line without newline", plainAnswerLines(steps[:1])[:1], 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := plainConfig(t, r)
			cfg.Rubric, cfg.Project = r.ID, "Acme"
			cfg.Interactive = tt.name == "while re-asking"
			in := plainInput(append([]string{"", ""}, tt.lines...)...)
			if tt.name == "last line without newline" {
				in = strings.TrimSuffix(in, "\n")
			}
			o, out, err := runPlain(t, cfg, in)
			if !errors.Is(err, ErrInputEnded) {
				t.Fatalf("err = %v, want ErrInputEnded", err)
			}
			if o.Complete || o.ReportPath != "" {
				t.Errorf("Outcome = %+v, want incomplete and no report", o)
			}
			want := "input ended before the assessment was complete; answers so far are in " + o.AnswersPath +
				" — rerun with --answers " + o.AnswersPath + " to continue"
			if err.Error() != want {
				t.Errorf("error = %q\nwant    %q", err, want)
			}
			if !plainHas(out, "Your answers are saved in") {
				t.Errorf("output does not say where the answers are:\n%s", out)
			}
			a := answerstest.Load(t, o.AnswersPath, r)
			if a.Complete {
				t.Error("answers file marked complete")
			}
			plainCheckAnswers(t, a, steps[:tt.answered])
		})
	}

	t.Run("before any file", func(t *testing.T) {
		cfg := plainConfig(t, r)
		o, out, err := runPlain(t, cfg, "")
		if !errors.Is(err, ErrInputEnded) || !strings.Contains(err.Error(), "no answers were saved") {
			t.Errorf("err = %v, want ErrInputEnded saying nothing was saved", err)
		}
		if o.AnswersPath != "" {
			t.Errorf("AnswersPath = %q, want none", o.AnswersPath)
		}
		if !plainHas(out, "Input ended. No answers were saved.") {
			t.Errorf("output:\n%s", out)
		}
	})
}

// TestPlainResume stops a run half-way and resumes it, with --answers and
// through the offer of unfinished files.
func TestPlainResume(t *testing.T) {
	r := plainTestRubric(t)
	steps := plainScript(t, r)
	const half = 5
	firstHalf := func(t *testing.T, cfg *workspace.Config) workspace.Outcome {
		t.Helper()
		o, _, err := runPlain(t, cfg, plainInput(append([]string{"Ann", "Lead"}, plainAnswerLines(steps[:half])...)...))
		if !errors.Is(err, ErrInputEnded) {
			t.Fatalf("first run: err = %v", err)
		}
		return o
	}
	checkResumed := func(t *testing.T, out string) {
		t.Helper()
		if !plainHas(out, "5 of 10 questions answered.") {
			t.Errorf("output does not say how far the file got:\n%s", out)
		}
		for _, s := range steps[:half] {
			if plainHas(out, s.q.Prompt) {
				t.Errorf("answered question %q asked again", s.q.Prompt)
			}
		}
		i := strings.Index(out, "Question ")
		if i < 0 || !strings.Contains(out[i:], steps[half].q.Prompt) || strings.Index(out[i:], steps[half].q.Prompt) > 200 {
			t.Errorf("resumed run does not start at %q:\n%s", steps[half].q.Prompt, out)
		}
	}

	t.Run("answers flag", func(t *testing.T) {
		cfg := plainConfig(t, r)
		cfg.Project = "Acme"
		cfg.AnswersPath = filepath.Join(cfg.Dir, "sub", "a.yaml")
		cfg.OutPath = filepath.Join(cfg.Dir, "r.md")
		first := firstHalf(t, &workspace.Config{Catalog: cfg.Catalog, Rubric: r.ID, Project: "Acme", AnswersPath: cfg.AnswersPath, Dir: cfg.Dir, Now: cfg.Now})
		if first.AnswersPath != cfg.AnswersPath {
			t.Fatalf("first run wrote %s", first.AnswersPath)
		}
		// No rubric given: it comes from the file, as the project does; a
		// --project that differs is not used, and the output says so.
		cfg.Project = "Other"
		o, out, err := runPlain(t, cfg, plainInput(plainAnswerLines(steps[half:])...))
		if err != nil {
			t.Fatalf("Run: %v\n%s", err, out)
		}
		checkResumed(t, out)
		if want := `--project "Other" is not used: a resumed file keeps its own ("Acme")`; !plainHas(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
		a := answerstest.Load(t, o.AnswersPath, r)
		plainCheckAnswers(t, a, steps)
		if !a.Complete || a.Respondent.Name != "Ann" || a.Project != "Acme" {
			t.Errorf("answers file: complete %v, respondent %+v, project %q", a.Complete, a.Respondent, a.Project)
		}
		if o.ReportPath != cfg.OutPath {
			t.Errorf("report written to %s, want %s", o.ReportPath, cfg.OutPath)
		}
	})

	t.Run("offered", func(t *testing.T) {
		cfg := plainConfig(t, r)
		cfg.Rubric, cfg.Project = r.ID, "Acme"
		first := firstHalf(t, cfg)
		cfg.Interactive = true // offered at a terminal only
		o, out, err := runPlain(t, cfg, plainInput(append([]string{"1"}, plainAnswerLines(steps[half:])...)...))
		if err != nil {
			t.Fatalf("Run: %v\n%s", err, out)
		}
		want := "1) resume " + first.AnswersPath + " (Ann (Lead), 5 of 10 answered, updated 2026-03-31 14:05 UTC)"
		if !plainHas(out, want) {
			t.Errorf("output lacks the offer %q:\n%s", want, out)
		}
		if o.AnswersPath != first.AnswersPath {
			t.Errorf("resumed %s, want %s", o.AnswersPath, first.AnswersPath)
		}
		checkResumed(t, out)
		plainCheckAnswers(t, answerstest.Load(t, o.AnswersPath, r), steps)
	})

	t.Run("start over", func(t *testing.T) {
		cfg := plainConfig(t, r)
		cfg.Rubric, cfg.Project = r.ID, "Acme"
		first := firstHalf(t, cfg)
		cfg.Interactive = true // a bad choice first, typed again
		o, out, err := runPlain(t, cfg, plainInput(append([]string{"7", "2", "", ""}, plainAnswerLines(steps)...)...))
		if err != nil {
			t.Fatalf("Run: %v\n%s", err, out)
		}
		if !plainHas(out, "Type a number from 1 to 2.") {
			t.Errorf("bad choice not refused:\n%s", out)
		}
		if want := strings.TrimSuffix(first.AnswersPath, ".answers.yaml") + "-2.answers.yaml"; o.AnswersPath != want {
			t.Errorf("new file %s, want %s", o.AnswersPath, want)
		}
		plainCheckAnswers(t, answerstest.Load(t, first.AnswersPath, r), steps[:half])
		plainCheckAnswers(t, answerstest.Load(t, o.AnswersPath, r), steps)
	})

	// From a script, an unfinished file of the same project and rubric is
	// not offered (the offer would take a line of the script): a new file
	// is started, and the output says how to resume the other.
	t.Run("script", func(t *testing.T) {
		cfg := plainConfig(t, r)
		cfg.Rubric, cfg.Project = r.ID, "Acme"
		first := firstHalf(t, cfg)
		o, out, err := runPlain(t, cfg, plainInput(append([]string{"Bob", "cfo"}, plainAnswerLines(steps)...)...))
		if err != nil {
			t.Fatalf("Run: %v\n%s", err, out)
		}
		if o.AnswersPath == first.AnswersPath {
			t.Fatalf("the unfinished file was reused: %s", o.AnswersPath)
		}
		if !plainHas(out, "To go on with that one instead, run with --answers "+first.AnswersPath) {
			t.Errorf("output does not say how to resume %s:\n%s", first.AnswersPath, out)
		}
		a := answerstest.Load(t, o.AnswersPath, r)
		if a.Respondent.Name != "Bob" || a.Respondent.Role != "cfo" {
			t.Errorf("respondent %+v, want Bob (cfo): the script's first lines went elsewhere", a.Respondent)
		}
		plainCheckAnswers(t, a, steps)
	})
}

// TestPlainNavigation uses don't know, skip, back, keep and a changed
// answer that shows a conditional question.
func TestPlainNavigation(t *testing.T) {
	r := plainTestRubric(t)
	cfg := plainConfig(t, r)
	cfg.Rubric, cfg.Project, cfg.Respondent = r.ID, "Acme", "Ann"
	lines := []string{
		"50", "assumed in the 2025 case", // adoption, with a note
		"b",        // benefit: back to adoption
		"",         // adoption: Enter keeps 50% and its note
		"1000", "", // benefit
		"b",        // cost-once: back to benefit
		"2000", "", // benefit changed; back to cost-once
		"d", "", // cost-once: don't know
		"s",     // cost-yearly: skipped
		"5", "", // horizon
		"n", "", // measured: no hides how-measured
		"b",      // owner: back to measured (how-measured is hidden)
		"y", "-", // measured: yes shows how-measured; "-" is a note here
		"a survey", "", // how-measured
		"1", "", // owner
		"s",              // go-live skipped
		"b",              // support: back to go-live
		"2027-01-15", "", // go-live answered after all
		"0", "", // support: none
		"3", "", // confidence
	}
	o, out, err := runPlain(t, cfg, plainInput(lines...))
	if err != nil {
		t.Fatalf("Run: %v\n%s", err, out)
	}
	a := answerstest.Load(t, o.AnswersPath, r)
	want := map[string]*assessment.Answer{
		"adoption":     {Number: 50, Note: "assumed in the 2025 case"},
		"benefit":      {Number: 2000},
		"cost-once":    {DontKnow: true},
		"horizon":      {Number: 5},
		"measured":     {Text: "yes", Note: "-"},
		"how-measured": {Text: "a survey"},
		"owner":        {Text: "exec"},
		"go-live":      {Text: "2027-01-15"},
		"support":      {Choices: []string{}},
		"confidence":   {Number: 3},
	}
	if len(a.Answers) != len(want) {
		t.Errorf("answers file holds %d answers, want %d", len(a.Answers), len(want))
	}
	for id, w := range want {
		if got := a.Answers[id]; !plainSame(got, w) {
			t.Errorf("answer to %s = %+v, want %+v", id, got, w)
		}
	}
	for _, s := range []string{
		"Kept: 50%.",
		"Current answer: 1,000 EUR. Press Enter to keep it.",
		"Saved: don't know.",
		"Skipped.",
		"Business case: not worked out; it needs answers to: One-off cost? / Running cost per year?",
		"Saved: none of these.",
	} {
		if !plainHas(out, s) {
			t.Errorf("output lacks %q", s)
		}
	}
	if got := strings.Count(out, "How is it measured?"); got != 1 {
		t.Errorf("conditional question shown %d times, want 1 (after measured became yes)", got)
	}
	if got := strings.Count(out, "Part 1 of 2: The business case"); got < 2 {
		t.Errorf("section header shown %d times; going back into a part should name it again", got)
	}
	if got := strings.Count(out, "Why this matters: A case"); got != 1 {
		t.Errorf("why shown %d times, want once", got)
	}
}

// TestPlainHostileText sends escape sequences and bidi overrides where a
// user types text: they are never echoed raw, never saved (answers files
// refuse them on loading), and the user sees them escaped.
func TestPlainHostileText(t *testing.T) {
	r := plainTestRubric(t)
	steps := plainScript(t, r)
	cfg := plainConfig(t, r)
	cfg.Interactive = true // each hostile line is refused, then typed again
	var lines []string
	lines = append(lines, "plain-test", "\x1b[31mEvil\x1b[0m", "Acme\u202eMRC", "Acme", "\x1b]0;title\x07", "Ann", "")
	for _, s := range steps {
		if s.q.ID == "how-measured" {
			lines = append(lines, "\x1b[2Jwiped", s.line, "\u009b31m note", "")
			continue
		}
		lines = append(lines, s.line, "")
	}
	o, out, err := runPlain(t, cfg, plainInput(lines...))
	if err != nil {
		t.Fatalf("Run: %v\n%s", err, out)
	}
	for _, s := range []string{`"\x1b[31mEvil\x1b[0m"`, `"Acme\u202eMRC"`, `"\x1b]0;title\x07"`, `"\x1b[2Jwiped"`, `"\x9b31m note"`} {
		if !plainHas(out, "shown here escaped: "+s) {
			t.Errorf("output does not show %s escaped", s)
		}
	}
	a := answerstest.Load(t, o.AnswersPath, r)
	if a.Project != "Acme" || a.Respondent.Name != "Ann" {
		t.Errorf("project %q, respondent %+v", a.Project, a.Respondent)
	}
	plainCheckAnswers(t, a, steps)

	t.Run("flags", func(t *testing.T) {
		cfg := plainConfig(t, r)
		cfg.Rubric, cfg.Project = r.ID, "Acme\x1b[31m"
		_, out, err := runPlain(t, cfg, "")
		if err == nil || !strings.Contains(err.Error(), `project name "Acme\x1b[31m" holds control characters`) {
			t.Errorf("err = %v", err)
		}
		if strings.Contains(out, "\x1b") {
			t.Error("escape written")
		}
	})
}

// TestPlainBadFolder gives a file where the answers folder should be: plain
// mode must fail with a clear error, not hang looking for a free name.
func TestPlainBadFolder(t *testing.T) {
	r := plainTestRubric(t)
	cfg := plainConfig(t, r)
	cfg.Rubric, cfg.Project = r.ID, "Acme"
	cfg.Dir = filepath.Join(cfg.Dir, "file")
	if err := os.WriteFile(cfg.Dir, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := Run(context.Background(), strings.NewReader(""), io.Discard, cfg)
		done <- err
	}()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "is not a folder") {
			t.Errorf("err = %v, want one saying the folder is not a folder", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Run hangs when the answers folder is a file")
	}
}

func TestPlainChooseRubric(t *testing.T) {
	r := plainTestRubric(t)
	fws, err := questions.Builtin("five-warning-signs")
	if err != nil {
		t.Fatal(err)
	}
	cfg := plainConfig(t, fws, r)
	cfg.Interactive = true // wrong choices first, typed again
	steps := plainScript(t, r)
	o, out, err := runPlain(t, cfg, plainInput(append([]string{"3", "nope", "2", "", "Acme", "", ""}, plainAnswerLines(steps)...)...))
	if err != nil {
		t.Fatalf("Run: %v\n%s", err, out)
	}
	for _, s := range []string{
		"  1) The five warning signs (five-warning-signs)",
		"  2) Plain test (plain-test)",
		"     A small rubric with every kind of question.",
		`There is no rubric "3".`,
		`There is no rubric "nope".`,
		"This cannot be empty.",
		"Respondent: anonymous",
	} {
		if !plainHas(out, s) {
			t.Errorf("output lacks %q", s)
		}
	}
	if a := answerstest.Load(t, o.AnswersPath, r); a.Rubric.ID != r.ID {
		t.Errorf("rubric %s", a.Rubric.ID)
	}

	t.Run("unknown id", func(t *testing.T) {
		cfg := plainConfig(t, r)
		cfg.Rubric = "nope"
		if _, _, err := runPlain(t, cfg, ""); err == nil || !strings.Contains(err.Error(), `no rubric "nope"`) {
			t.Errorf("err = %v", err)
		}
	})
}

// TestPlainReportExists never loses an existing report: it is overwritten
// only on yes, and otherwise the new one gets a -2 name.
func TestPlainReportExists(t *testing.T) {
	r := plainTestRubric(t)
	steps := plainScript(t, r)
	tests := []struct {
		name, answer string
		eof          bool
		overwritten  bool
		script       bool // from a script: never asked, never overwritten
	}{
		{"yes", "y", false, true, false},
		{"no", "n", false, false, false},
		{"Enter", "", false, false, false},
		{"end of input", "", true, false, false},
		{"script", "y", false, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := plainConfig(t, r)
			cfg.Rubric, cfg.Project, cfg.Respondent = r.ID, "Acme", "Ann"
			cfg.Interactive = !tt.script
			cfg.OutPath = filepath.Join(cfg.Dir, "report.md")
			if err := os.WriteFile(cfg.OutPath, []byte("old report\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			lines := plainAnswerLines(steps)
			if !tt.eof {
				lines = append(lines, tt.answer)
			}
			o, out, err := runPlain(t, cfg, plainInput(lines...))
			if err != nil {
				t.Fatalf("Run: %v\n%s", err, out)
			}
			old, _ := os.ReadFile(cfg.OutPath)
			if got := string(old) != "old report\n"; got != tt.overwritten {
				t.Errorf("overwritten = %v, want %v", got, tt.overwritten)
			}
			want := cfg.OutPath
			if !tt.overwritten {
				want = filepath.Join(cfg.Dir, "report-2.md")
			}
			if o.ReportPath != want {
				t.Errorf("report path %s, want %s", o.ReportPath, want)
			}
			if b, err := os.ReadFile(o.ReportPath); err != nil || !bytes.HasPrefix(b, []byte("#")) {
				t.Errorf("report %s: %v %.20q", o.ReportPath, err, b)
			}
			if !plainHas(out, "Report saved in "+o.ReportPath) {
				t.Errorf("output does not name the report")
			}
			if asked := plainHas(out, "Overwrite it?"); asked == tt.script {
				t.Errorf("asked whether to overwrite: %v, from a script: %v", asked, tt.script)
			}
		})
	}
}

// plainPromptWriter collects output and signals every prompt, so a test can type
// one line per prompt as a person would.
type plainPromptWriter struct {
	mu      sync.Mutex
	buf     bytes.Buffer
	prompts chan struct{}
}

func newPlainPromptWriter() *plainPromptWriter {
	return &plainPromptWriter{prompts: make(chan struct{}, 1000)}
}

func (w *plainPromptWriter) Write(b []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if bytes.HasSuffix(b, []byte(":\n")) {
		w.prompts <- struct{}{}
	}
	return w.buf.Write(b)
}

func (w *plainPromptWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.String()
}

func (w *plainPromptWriter) wait(t *testing.T) {
	t.Helper()
	select {
	case <-w.prompts:
	case <-time.After(10 * time.Second):
		t.Fatalf("no prompt came; output so far:\n%s", w.String())
	}
}

type plainResult struct {
	o   workspace.Outcome
	err error
}

// TestPlainPipe feeds a pipe one line per prompt, and all lines in one
// write: both give the same complete answers.
func TestPlainPipe(t *testing.T) {
	r := plainTestRubric(t)
	steps := plainScript(t, r)
	lines := append([]string{"Ann", "Lead"}, plainAnswerLines(steps)...)
	for _, oneByOne := range []bool{true, false} {
		name := map[bool]string{true: "line by line", false: "all at once"}[oneByOne]
		t.Run(name, func(t *testing.T) {
			cfg := plainConfig(t, r)
			cfg.Rubric, cfg.Project = r.ID, "Acme"
			pr, pw := io.Pipe()
			defer pr.Close()
			out := newPlainPromptWriter()
			done := make(chan plainResult, 1)
			go func() {
				o, err := Run(context.Background(), pr, out, cfg)
				done <- plainResult{o, err}
			}()
			if oneByOne {
				for _, l := range lines {
					out.wait(t)
					if _, err := io.WriteString(pw, l+"\n"); err != nil {
						t.Fatal(err)
					}
				}
			} else if _, err := io.WriteString(pw, plainInput(lines...)); err != nil {
				t.Fatal(err)
			}
			var res plainResult
			select {
			case res = <-done:
			case <-time.After(30 * time.Second):
				t.Fatalf("Run did not finish:\n%s", out.String())
			}
			pw.Close()
			checkPlainOutput(t, out.String())
			if res.err != nil {
				t.Fatalf("Run: %v\n%s", res.err, out.String())
			}
			a := answerstest.Load(t, res.o.AnswersPath, r)
			plainCheckAnswers(t, a, steps)
			if !a.Complete {
				t.Error("not complete")
			}
		})
	}
}

// TestPlainInterrupt cancels the context while plain mode waits for a
// line: it stops at once, says where the answers are and keeps them.
func TestPlainInterrupt(t *testing.T) {
	r := plainTestRubric(t)
	steps := plainScript(t, r)
	cfg := plainConfig(t, r)
	cfg.Rubric, cfg.Project, cfg.Respondent = r.ID, "Acme", "Ann"
	pr, pw := io.Pipe()
	defer pw.Close()
	out := newPlainPromptWriter()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan plainResult, 1)
	go func() {
		o, err := Run(ctx, pr, out, cfg)
		done <- plainResult{o, err}
	}()
	for _, l := range plainAnswerLines(steps[:2]) {
		out.wait(t)
		if _, err := io.WriteString(pw, l+"\n"); err != nil {
			t.Fatal(err)
		}
	}
	out.wait(t) // the third question waits for its answer
	cancel()
	var res plainResult
	select {
	case res = <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Run did not stop on cancel")
	}
	if !errors.Is(res.err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", res.err)
	}
	if want := "Interrupted. Your answers are saved in " + res.o.AnswersPath + "."; !plainHas(out.String(), want) {
		t.Errorf("output lacks %q:\n%s", want, out.String())
	}
	checkPlainOutput(t, out.String())
	plainCheckAnswers(t, answerstest.Load(t, res.o.AnswersPath, r), steps[:2])
}

func TestPlainReadLine(t *testing.T) {
	long := strings.Repeat("x", plainMaxLine+1)
	ls := newPlainLines(strings.NewReader("\ufeffone\r\ntwo\n" + long + "\nthree"))
	defer ls.close()
	ctx := context.Background()
	for _, want := range []struct {
		line string
		err  error
	}{{"one", nil}, {"two", nil}, {"", errPlainLineTooLong}, {"three", nil}, {"", io.EOF}, {"", io.EOF}} {
		got, err := ls.next(ctx)
		if got != want.line || !errors.Is(err, want.err) {
			t.Errorf("next() = %q, %v; want %q, %v", got, err, want.line, want.err)
		}
	}
}

func TestPlainWrap(t *testing.T) {
	text := "Most business cases count the benefit as if every intended user works in the new system, fully and from the first day."
	got := plainWrap(text, "  1) ", "     ", 40)
	want := []string{
		"  1) Most business cases count the",
		"     benefit as if every intended user",
		"     works in the new system, fully and",
		"     from the first day.",
	}
	if !slices.Equal(got, want) {
		t.Errorf("wrap =\n%q\nwant\n%q", got, want)
	}
	if got := plainWrap("a\x1b[31mb\nc", "", "", 80); !slices.Equal(got, []string{`a\x1b[31mb`, "c"}) {
		t.Errorf("wrap of control characters = %q", got)
	}
	if got := plainWrap(strings.Repeat("w", 90)+" end", "", "", 80); len(got) != 2 || got[1] != "end" {
		t.Errorf("long word: %q", got)
	}
}

func TestPlainQuote(t *testing.T) {
	for in, want := range map[string]string{
		"assessments/a.answers.yaml": "assessments/a.answers.yaml",
		"my file.yaml":               "'my file.yaml'",
		"it's.yaml":                  `'it'\''s.yaml'`,
	} {
		if got := workspace.ShellQuote(in); got != want {
			t.Errorf("ShellQuote(%q) = %q, want %q", in, got, want)
		}
	}
}

// Wide characters take two columns: plain mode wraps by columns, so a line
// of Japanese text stays within 80 columns on screen too.
func TestPlainWrapWideCharacters(t *testing.T) {
	text := strings.Repeat("導入 ", 40) // 40 words of 4 columns
	for _, l := range plainWrap(text, "", "", plainWidth) {
		if w := ansi.StringWidth(l); w > plainWidth {
			t.Errorf("line of %d columns: %q", w, l)
		}
	}
}

// A report is never written over its own answers file, even when asked to.
func TestPlainReportNeverReplacesAnswers(t *testing.T) {
	r := plainTestRubric(t)
	steps := plainScript(t, r)
	cfg := plainConfig(t, r)
	cfg.Rubric, cfg.Project, cfg.Respondent, cfg.Role = r.ID, "Acme", "Ann", "lead"
	cfg.AnswersPath = filepath.Join(cfg.Dir, "same.yaml")
	cfg.OutPath = cfg.AnswersPath
	_, out, err := runPlain(t, cfg, plainInput(append(plainAnswerLines(steps), "y")...))
	if err == nil || !strings.Contains(err.Error(), "is the answers file; the report needs a name of its own") {
		t.Fatalf("err = %v\n%s", err, out)
	}
	plainCheckAnswers(t, answerstest.Load(t, cfg.AnswersPath, r), steps)
}

// Input that ends after the last answer, before its optional note line,
// completes the assessment: nothing is missing.
func TestPlainEndsAfterLastAnswer(t *testing.T) {
	r := plainTestRubric(t)
	steps := plainScript(t, r)
	cfg := plainConfig(t, r)
	cfg.Rubric, cfg.Project, cfg.Respondent, cfg.Role = r.ID, "Acme", "Ann", "lead"
	lines := plainAnswerLines(steps)
	lines = lines[:len(lines)-1] // no note line after the last answer
	o, out, err := runPlain(t, cfg, plainInput(lines...))
	if err != nil {
		t.Fatalf("Run: %v\n%s", err, out)
	}
	if !o.Complete || o.ReportPath == "" {
		t.Errorf("Outcome = %+v, want complete with a report", o)
	}
	a := answerstest.Load(t, o.AnswersPath, r)
	if !a.Complete {
		t.Error("answers file not marked complete")
	}
	plainCheckAnswers(t, a, steps)
}

// TestPlainNotApplicable answers x where the rubric offers "not
// applicable": the reason is asked for and required, both are saved, and
// where it is not offered x is no command.
func TestPlainNotApplicable(t *testing.T) {
	r, err := questions.ParseBytes("na.yaml", []byte(`
id: na
title: NA
version: "1"
sections:
  - id: ops
    title: Operations
    questions:
      - id: standby
        prompt: Is the standby site tested?
        kind: yesno
        not_applicable: true
        options:
          - {value: "yes", label: "Yes", score: 100}
          - {value: "no", label: "No", score: 0}
      - {id: remark, prompt: Anything else?, kind: text}
`))
	if err != nil {
		t.Fatal(err)
	}
	cfg := plainConfig(t, r)
	cfg.Rubric, cfg.Project, cfg.Respondent = r.ID, "Acme", "Ann"
	cfg.Interactive = true
	o, out, err := runPlain(t, cfg, plainInput("x", "", "the vendor runs it", "", "x", ""))
	if err != nil {
		t.Fatalf("Run: %v\n%s", err, out)
	}
	for _, want := range []string{
		"x) not applicable (you say why)",
		"Type 1 or 2 (y or n), or d, x or s:",
		"Why does it not apply? (required):",
		"This cannot be empty.",
		"Saved: not applicable, because the vendor runs it.",
	} {
		if !plainHas(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	a := answerstest.Load(t, o.AnswersPath, r)
	if got := a.Answers["standby"]; got == nil || !got.NotApplicable || got.Reason != "the vendor runs it" {
		t.Errorf("standby = %+v", got)
	}
	if got := a.Answers["remark"]; got == nil || got.Text != "x" {
		t.Errorf("remark = %+v; x is a text answer where not applicable is not offered", got)
	}
}
