// Package reports renders a scored assessment as the risk report that
// teams commit next to their project and read again next quarter: markdown
// for people (GitHub, a terminal pager, a steering-committee deck) and JSON
// for tools.
//
// Rendering is deterministic: the same result gives the same bytes. Nothing
// is read from the clock or the environment; the report's date comes from
// the answers file. Every piece of text that came from an answers file or a
// rubric is escaped for the format it is written in.
package reports

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/vitals-dev/vitals/assessment"
)

// Format is a report format.
type Format string

// The formats Render writes.
const (
	Markdown Format = "md"
	JSON     Format = "json"
)

// Formats lists the formats in the order help text shows them.
var Formats = []Format{Markdown, JSON}

// ParseFormat returns the format named s, or an error naming the formats
// there are.
func ParseFormat(s string) (Format, error) {
	for _, f := range Formats {
		if string(f) == s {
			return f, nil
		}
	}
	return "", fmt.Errorf("unknown report format %q (use md or json)", s)
}

// Options control how a report is written.
type Options struct {
	Format  Format // default md
	Version string // vitals version for the footer
}

// Render writes the report of a scored assessment to w. Deterministic: the
// same result gives the same bytes (no wall clock: dates come from the
// answers file). The report is built in memory first, so w receives either
// the whole report or, on an error, nothing from Render.
func Render(w io.Writer, res *assessment.Result, opt Options) error {
	if res == nil || res.Rubric == nil {
		return errors.New("render report: no scored result")
	}
	var buf bytes.Buffer
	var err error
	switch opt.Format {
	case Markdown, "":
		err = renderMarkdown(&buf, res, opt)
	case JSON:
		err = renderJSON(&buf, res, opt)
	default:
		_, err = ParseFormat(string(opt.Format))
	}
	if err != nil {
		return err
	}
	_, err = w.Write(buf.Bytes())
	return err
}

// answersOf returns the result's answers, or an empty set for a result
// scored without them.
func answersOf(res *assessment.Result) *assessment.Answers {
	if res.Answers != nil {
		return res.Answers
	}
	return &assessment.Answers{Answers: map[string]*assessment.Answer{}}
}

// reportDate is the day the answers were last saved, else the day they were
// started: never the clock at rendering time.
func reportDate(a *assessment.Answers) string {
	t := a.Updated
	if t.IsZero() {
		t = a.Started
	}
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(assessment.DateLayout)
}

func timeText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// firstStep is the one thing to do first: the recommendation of the first
// critical red flag, else the action with the largest impact, else the
// recommendation of the riskiest section. Why says why it comes first.
type firstStep struct {
	Text     string
	Why      string // plain words, e.g. "it answers a critical red flag"
	Section  string // section title, may be empty
	Question string // question id, may be empty
}

func doFirst(res *assessment.Result) firstStep {
	for _, f := range res.Flags {
		if f.Critical && f.Recommendation != "" {
			return firstStep{Text: f.Recommendation, Why: "it answers a critical red flag", Section: f.Section.Title, Question: f.Question.ID}
		}
	}
	if len(res.Actions) > 0 {
		a := res.Actions[0]
		return firstStep{Text: a.Text, Why: "it has the largest impact on the score", Section: a.Section.Title, Question: a.Question.ID}
	}
	if n := len(res.DontKnow); n > 0 {
		// Nothing to act on yet, and what is unknown is scored as a risk.
		return firstStep{Text: fmt.Sprintf("Find out the %d %s marked \"don't know\": %s scored as a risk, and the advice can only follow what is known.", n, oneOf(n == 1, "answer", "answers"), oneOf(n == 1, "it is", "they are")), Why: "no known answer calls for an action"}
	}
	var worst *assessment.SectionResult
	ties := 0
	for i := range res.Sections {
		sr := &res.Sections[i]
		switch {
		case sr.Recommendation == "" || sr.Risk.Rank() <= 1:
		case worst == nil || sr.Risk.Rank() > worst.Risk.Rank():
			worst, ties = sr, 1
		case sr.Risk.Rank() == worst.Risk.Rank():
			ties++
		}
	}
	if worst != nil {
		why := "it is the advice for the riskiest section"
		if ties > 1 {
			why = fmt.Sprintf("it is the advice for the first of %d sections at %s risk", ties, worst.Risk)
		}
		return firstStep{Text: worst.Recommendation, Why: why, Section: worst.Section.Title}
	}
	if !res.Scored {
		return firstStep{Text: "Answer the questions: nothing could be scored yet."}
	}
	return firstStep{Text: "Nothing urgent: keep the current course and run the assessment again next quarter."}
}
