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
	Format Format // default md
	// Version is the vitals version, written as the JSON report's
	// generator. The markdown report does not name it, so a new build
	// changes no committed report.
	Version string
	// Since is the comparison with an earlier run (Compare); nil leaves
	// the "Since last time" section out.
	Since *Since
}

// Render writes the report of a scored assessment to w. Deterministic: the
// same result gives the same bytes (no wall clock: dates come from the
// answers file). The report is built in memory first, so w receives either
// the whole report or, on an error, nothing from Render.
func Render(w io.Writer, res *assessment.Result, opt Options) error {
	if res == nil || res.Rubric == nil {
		return errors.New("render report: no scored result")
	}
	return renderAs(w, opt.Format,
		func(b *bytes.Buffer) error { return renderMarkdown(b, res, opt) },
		func(b *bytes.Buffer) error { return renderJSON(b, res, opt) })
}

// renderAs builds a report in memory in format f, markdown or JSON, then
// writes it to w: w receives either the whole report or, on an error,
// nothing.
func renderAs(w io.Writer, f Format, markdown, json func(*bytes.Buffer) error) error {
	var buf bytes.Buffer
	var err error
	switch f {
	case Markdown, "":
		err = markdown(&buf)
	case JSON:
		err = json(&buf)
	default:
		_, err = ParseFormat(string(f))
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
