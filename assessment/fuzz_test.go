package assessment_test

import (
	"bytes"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/vitals-dev/vitals/assessment"
	"github.com/vitals-dev/vitals/questions"
)

// fuzzAnswerSeeds are answers files for the example rubric of the format
// documentation (questions/testdata/example.yaml).
var fuzzAnswerSeeds = []string{
	// Every question answered, in every way a value can be written.
	`format: 1
rubric: {id: crm-health, version: 1.0.0}
project: Apollo
respondent: {name: Ana Pérez, role: Project lead}
started: 2026-03-01T10:00:00Z
updated: 2026-03-01T10:30:00+02:00
complete: true
answers:
  adoption: {value: 85}
  benefit: {value: 1200000.50}
  cost-once: {value: 3e5}
  cost-yearly: {dont_know: true, note: "asked finance"}
  horizon: {value: 5}
  measured: {value: "yes"}
  how-measured:
    value: Log-ins per week
    note: |
      From the SSO logs;
      weekly.
  go-live: {value: 2026-09-01}
  review-date: {value: "2027-01-15"}
  support: {value: [champions, onboarding]}
  confidence: {value: 4}
`,
	// Nothing answered yet.
	`format: 1
rubric:
  id: crm-health
answers:
`,
	// A yesno answer written as a boolean, a note only, and an empty text.
	`format: 1
rubric: {id: crm-health, version: 1.0.0}
project: ""
respondent: {name: "", role: ""}
complete: false
answers:
  measured: {value: false}
  how-measured: {value: "", note: "	tab and ünïcode"}
  support: {value: []}
  confidence: {dont_know: true}
`,
	// Not applicable, with and without its reason, and a reason alone.
	`format: 1
rubric: {id: crm-health}
answers:
  confidence: {not_applicable: true, reason: "no survey yet", note: "ask HR"}
  measured: {not_applicable: true}
  support: {value: [champions], reason: "x"}
`,
	// Saved against another version of the rubric: unknown ids and bad
	// values become warnings and are dropped.
	`format: 1
rubric: {id: crm-health, version: 0.9.0, hash: "sha256:0000"}
answers:
  gone: {value: 3}
  measured: {value: maybe}
  adoption: {value: 40.5}
`,
}

// fuzzRawControl returns the byte offset of the first character in s that
// must not reach a terminal raw (see printable.Line), or -1.
func fuzzRawControl(s string) int {
	for i, r := range s {
		switch {
		case r == utf8.RuneError:
			if _, size := utf8.DecodeRuneInString(s[i:]); size == 1 {
				return i
			}
		case r == '\n':
		case r < 0x20, r == 0x7f, r >= 0x80 && r < 0xa0:
			return i
		case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
			return i
		}
	}
	return -1
}

func fuzzCheckProblems(t *testing.T, name, what string, err error) {
	t.Helper()
	if err == nil {
		return
	}
	msg := err.Error()
	if n := strings.Count(msg, "\n") + 1; n > 51 {
		t.Errorf("%s has %d lines; problems are capped at 50 and a count", what, n)
	}
	for _, line := range strings.Split(msg, "\n") {
		if !strings.HasPrefix(line, name+":") {
			t.Errorf("%s line does not start with %q: %q", what, name+":", line)
		}
	}
	if i := fuzzRawControl(msg); i >= 0 {
		t.Errorf("%s holds a raw control character at byte %d: %q", what, i, msg)
	}
}

func FuzzDecodeAnswers(f *testing.F) {
	r, err := questions.Parse("../questions/testdata/example.yaml")
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range fuzzAnswerSeeds {
		f.Add([]byte(s))
	}
	now := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	f.Add(assessment.New(r, "Apollo", assessment.Respondent{Name: "Ana"}, now).Marshal(r))

	const name = "answers.yaml"
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 64<<10 {
			return // keep each iteration fast
		}
		start := time.Now()
		defer func() {
			// Inputs of this size load in well under 10 ms, even
			// instrumented; a bound a hundred times that catches a
			// quadratic path without failing on a busy machine.
			if d := time.Since(start); d > 2*time.Second {
				t.Errorf("Decode, Check and the round trip took %v on %d bytes", d, len(data))
			}
		}()
		f, err := assessment.Decode(name, data)
		if err != nil {
			if f != nil {
				t.Errorf("Decode returned answers and an error")
			}
			fuzzCheckProblems(t, name, "Decode error", err)
			return
		}
		a, warnings, err := f.Check(r)
		if len(warnings) > 0 {
			fuzzCheckProblems(t, name, "Check warning", warnings)
		}
		if err != nil {
			fuzzCheckProblems(t, name, "Check error", err)
			return
		}

		first := a.Marshal(r)
		g, err := assessment.Decode(name, first)
		if err != nil {
			t.Fatalf("Decode of Marshal output failed: %v\ninput:\n%s\nmarshalled:\n%s", err, data, first)
		}
		b, w, err := g.Check(r)
		if err != nil || len(w) > 0 {
			t.Fatalf("Check of Marshal output: warnings %v, error %v\ninput:\n%s\nmarshalled:\n%s", w, err, data, first)
		}
		if second := b.Marshal(r); !bytes.Equal(first, second) {
			t.Fatalf("Marshal does not round-trip\ninput:\n%s\nfirst:\n%s\nsecond:\n%s", data, first, second)
		}
	})
}
