package assessment

import (
	"math"
	"strings"
	"testing"
)

// TestValidatedAnswersLoadAgain checks the promise of Validate: an answer it
// accepts survives a save and a load, and an answer the loader would refuse
// is refused before it is saved.
func TestValidatedAnswersLoadAgain(t *testing.T) {
	r := testRubricT(t)
	tests := []struct {
		name string
		id   string
		ans  Answer
		ok   bool
	}{
		{"plain note", "q1", Answer{Text: "good", Note: "line one\nline two\twith a tab"}, true},
		{"escape in note", "q1", Answer{Text: "good", Note: "red \x1b[31m"}, false},
		{"bidi override in note", "q1", Answer{Text: "good", Note: "abc\u202edef"}, false},
		{"invalid UTF-8 in note", "q1", Answer{Text: "good", Note: "a\xffb"}, false},
		{"choice twice", "q3", Answer{Choices: []string{"x", "x"}}, false},
		{"unknown choice", "q3", Answer{Choices: []string{"z"}}, false},
		{"no choice", "q3", Answer{Choices: nil}, false}, // q3 has a "none of these"
		{"exclusive option alone", "q3", Answer{Choices: []string{"none"}}, true},
		{"exclusive option with another", "q3", Answer{Choices: []string{"x", "none"}}, false},
		{"not an option", "q1", Answer{Text: "great"}, false},
		{"number out of range", "adopt", Answer{Number: 101}, false},
		{"number too large for vitals", "ben", Answer{Number: 1e16}, false},
		{"number at the bound", "ben", Answer{Number: 1e15}, true},
		{"negative zero", "ben", Answer{Number: math.Copysign(0, -1)}, true},
		{"scale not whole", "s", Answer{Number: 2.5}, false},
		{"bad date", "golive", Answer{Text: "2026-02-30"}, false},
		{"don't know", "q1", Answer{DontKnow: true, Note: "ask finance"}, true},
		{"markdown and html in a note", "q1", Answer{Text: "bad", Note: "| <script>alert(1)</script> # `x`"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := r.Question(tt.id)
			err := Validate(q, &tt.ans)
			if got, want := err == nil, tt.ok; got != want {
				t.Fatalf("Validate = %v, want ok=%v", err, want)
			}
			if err != nil {
				return
			}
			a := answers(r, nil)
			if tt.id == "q3" { // q3 is asked only after q2 = yes
				a.Answers["q2"] = &Answer{Text: "yes"}
			}
			ans := tt.ans
			a.Answers[tt.id] = &ans
			data := a.Marshal(r)
			b, err := Decode("a.yaml", data)
			if err != nil {
				t.Fatalf("saved file does not load: %v\n%s", err, data)
			}
			c, _, err := b.Check(r)
			if err != nil {
				t.Fatalf("saved file does not check: %v\n%s", err, data)
			}
			if got, want := string(c.Marshal(r)), string(data); got != want {
				t.Errorf("round trip changed the file:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}

// An answers file that combines an exclusive option ("none of these") with
// another is refused with the position of the answer.
func TestCheckRefusesExclusiveWithOthers(t *testing.T) {
	r := testRubricT(t)
	data := `format: 1
rubric: {id: t, version: "0", hash: "` + r.Hash() + `"}
project: P
started: 2026-01-01T00:00:00Z
updated: 2026-01-01T00:00:00Z
answers:
  q2: {value: "yes"}
  q3: {value: [x, none]}
`
	a, err := Decode("ex.yaml", []byte(data))
	if err == nil {
		_, _, err = a.Check(r)
	}
	want := `ex.yaml:8:15: answer to "q3": "none" cannot be chosen together with other options`
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("err = %v, want one holding %q", err, want)
	}
	if n := strings.Count(err.Error(), "cannot be chosen together"); n != 1 {
		t.Errorf("reported %d times, want once:\n%v", n, err)
	}

	// An empty list is ambiguous when the question has a "none of these":
	// the file must say it.
	a, err = Decode("empty.yaml", []byte(strings.Replace(data, "[x, none]", "[]", 1)))
	if err == nil {
		_, _, err = a.Check(r)
	}
	want = `empty.yaml:8:15: answer to "q3" lists no option (list "none" if none of them applies)`
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("err = %v, want one holding %q", err, want)
	}
}

func TestCheckWarnsOnChangedRubric(t *testing.T) {
	r := testRubricT(t)
	data := `format: 1
rubric: {id: t, version: "0", hash: "sha256:old"}
project: P
started: 2026-01-01T00:00:00Z
updated: 2026-01-01T00:00:00Z
answers:
  q1: {value: good}
  gone: {value: 3}
  q2: {value: maybe}
`
	a, err := Decode("old.yaml", []byte(data))
	if err != nil {
		t.Fatal(err)
	}
	checked, warnings, err := a.Check(r)
	if err != nil {
		t.Fatalf("a changed rubric should warn, not fail: %v", err)
	}
	got := warnings.Error()
	for _, want := range []string{
		"old.yaml:1:1: rubric t changed since these answers were saved",
		`old.yaml:8:3: unknown question id "gone"`,
		`old.yaml:9:15: answer to "q2": "maybe" is not an option`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("warnings lack %q:\n%s", want, got)
		}
	}
	if _, ok := checked.Answers["q1"]; !ok || len(checked.Answers) != 1 {
		t.Errorf("want only q1 kept, got %d answers", len(checked.Answers))
	}

	// The same file with the current hash is an error, with positions.
	a, _ = Decode("same.yaml", []byte(strings.Replace(data, "sha256:old", r.Hash(), 1)))
	if _, _, err := a.Check(r); err == nil || !strings.Contains(err.Error(), `same.yaml:8:3: unknown question id "gone"`) {
		t.Errorf("unchanged rubric: want an error naming same.yaml:8:3, got %v", err)
	}
}

// TestDecodeProblems pins the exact messages for bad answers files: each
// says file:line:col and what is wrong, and they come in file order.
func TestDecodeProblems(t *testing.T) {
	r := testRubricT(t)
	head := "format: 1\nrubric: {id: t, hash: \"" + r.Hash() + "\"}\nproject: P\nstarted: 2026-01-01T00:00:00Z\nupdated: 2026-01-01T00:00:00Z\n"
	tests := []struct {
		name, data string
		want       []string
	}{
		{"unsupported format", "format: 2\nrubric: {id: t}\nanswers: {}\n",
			[]string{"a.yaml:1:9: unsupported answers format 2 (this build of vitals reads format 1)"}},
		{"no format", "rubric: {id: t}\nanswers: {}\n",
			[]string{`a.yaml:1:1: answers file is missing the required key "format"`}},
		{"rubric id that is a path", "format: 1\nrubric: {id: ../x}\nanswers: {}\n",
			[]string{`a.yaml:2:14: rubric.id "../x" is not a valid rubric id`}},
		{"time", "format: 1\nrubric: {id: t}\nstarted: yesterday\nanswers: {}\n",
			[]string{`a.yaml:3:10: started must be a time (RFC 3339), got the value "yesterday" (write it like 2026-03-31T14:05:00Z)`}},
		{"misspelt key", "format: 1\nrubric: {id: t}\nanswer: {}\n",
			[]string{`a.yaml:1:1: answers file is missing the required key "answers"`, `a.yaml:3:1: unknown key "answer" in answers file (did you mean "answers"?)`}},
		{"answers as a list", head + "answers: [1, 2]\n",
			[]string{"a.yaml:6:10: answers must be a mapping of question ids to answers, got a list"}},
		{"misspelt answer key", head + "answers:\n  q1: {valu: good}\n",
			[]string{`a.yaml:7:8: unknown key "valu" in answer (did you mean "value"?)`}},
		// In file order: adopt is listed after q1 and q2, as in the file.
		{"values of the wrong kind", head + "answers:\n  q1: {value: [good]}\n  q2: {value: maybe}\n  adopt: {value: 101}\n  s: {value: 2.5}\n  golive: {value: 2026-02-30}\n  review: {value: 7}\n  q3: {value: x}\n  ben: {value: \"lots\"}\n", []string{
			`a.yaml:7:15: answer to "q1" must be one option value, got a list`,
			`a.yaml:8:15: answer to "q2": "maybe" is not an option (options: "yes", "no")`,
			`a.yaml:9:18: answer to "adopt" must be between 0 and 100, got 101`,
			`a.yaml:10:14: answer to "s" must be a whole number, got the number 2.5`,
			`a.yaml:11:19: answer to "golive" must be a date, got the value "2026-02-30" (write it as YYYY-MM-DD)`,
			`a.yaml:12:19: answer to "review" must be a date, got the value "7" (write it as YYYY-MM-DD)`,
			`a.yaml:13:15: answer to "q3" must be a list, got the text "x" (start each item with '- ')`,
			`a.yaml:14:16: answer to "ben" must be a number, got the text "lots"`,
		}},
		{"number too large", head + "answers:\n  ben: {value: 1e308}\n",
			[]string{`a.yaml:7:16: answer to "ben" must be no larger than a thousand trillion (10^15), got 1e308`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Decode("a.yaml", []byte(tt.data))
			if err == nil {
				_, _, err = a.Check(r)
			}
			if err == nil {
				t.Fatal("no error")
			}
			got := strings.Split(err.Error(), "\n")
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("problems:\n%s\nwant:\n%s", err, strings.Join(tt.want, "\n"))
			}
		})
	}
}
