package assessment

import (
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/vitals-dev/vitals/questions"
)

const codecRubric = `
id: codec
title: Codec
version: "1"
sections:
  - id: a
    title: A
    questions:
      - id: one
        prompt: One?
        kind: single
        options:
          - {value: good, label: Good, score: 100}
          - {value: bad, label: Bad, score: 0}
      - id: yn
        prompt: Yes or no?
        kind: yesno
        options:
          - {value: "yes", label: "Yes", score: 100}
          - {value: "no", label: "No", score: 0}
      - id: many
        prompt: Which?
        kind: multi
        options:
          - {value: x, label: X, score: 50}
          - {value: "y", label: "Y", score: 50}
          - {value: z, label: Z, score: 0}
      - {id: short, prompt: Short?, kind: scale, min: 1, max: 5, low_label: Low, high_label: High}
      - {id: long, prompt: Long?, kind: scale, min: 0, max: 20}
      - {id: amount, prompt: Amount?, kind: number, unit: EUR, weight: 0}
      - {id: day, prompt: Day?, kind: date, weight: 0}
      - {id: words, prompt: Words?, kind: text}
`

// Every kind has every operation of the codec: a kind added to questions
// without its row here fails this test, not a user's run.
func TestCodecEveryKindEveryOperation(t *testing.T) {
	for _, k := range questions.Kinds {
		c, ok := codecs[k]
		if !ok {
			t.Errorf("kind %s has no codec", k)
			continue
		}
		v := reflect.ValueOf(c).Elem()
		for i := range v.NumField() {
			f := v.Field(i)
			name := v.Type().Field(i).Name
			if f.Kind() == reflect.Func && f.IsNil() && name != "choices" {
				t.Errorf("kind %s: codec has no %s", k, name)
			}
		}
	}
	if len(codecs) != len(questions.Kinds) {
		t.Errorf("%d codecs for %d kinds", len(codecs), len(questions.Kinds))
	}
}

// Each operation reads back what another writes: a file's value, typed
// text, the items picked. One answer per question of every kind.
func TestCodecRoundTrips(t *testing.T) {
	r, err := questions.ParseBytes("codec.yaml", []byte(codecRubric))
	if err != nil {
		t.Fatal(err)
	}
	answers := map[string]*Answer{
		"one":    {Text: "bad"},
		"yn":     {Text: "no"},
		"many":   {Choices: []string{"x", "z"}},
		"short":  {Number: 4},
		"long":   {Number: 17},
		"amount": {Number: 1250000.5},
		"day":    {Text: "2026-09-30"},
		"words":  {Text: "two\tlines"},
	}
	covered := map[questions.Kind]bool{}
	a := New(r, "P", Respondent{}, time.Date(2026, 3, 31, 0, 0, 0, 0, time.UTC))
	for _, q := range r.Questions() {
		covered[q.Kind] = true
		ans := answers[q.ID]
		if err := Validate(q, ans); err != nil {
			t.Fatalf("%s: %v", q.ID, err)
		}
		a.Answers[q.ID] = ans
		form := FormOf(q)
		switch form.Input {
		case PickOne, PickMany:
			if len(Choices(q)) == 0 {
				t.Errorf("%s: a list input without choices", q.ID)
			}
			got, err := PickAnswer(q, Picked(q, ans))
			if err != nil || !reflect.DeepEqual(got, ans) {
				t.Errorf("%s: PickAnswer(Picked) = %+v, %v; want %+v", q.ID, got, err, ans)
			}
		default:
			if len(Choices(q)) != 0 {
				t.Errorf("%s: a typed input with choices", q.ID)
			}
		}
		if form.Input != TypeText && q.Kind != questions.Multi {
			got, err := ParseAnswer(q, TypedText(q, ans))
			if err != nil || !reflect.DeepEqual(got, ans) {
				t.Errorf("%s: ParseAnswer(%q) = %+v, %v; want %+v", q.ID, TypedText(q, ans), got, err, ans)
			}
		}
		if AnswerText(q, ans) == "" || InputHint(q) == "" {
			t.Errorf("%s: AnswerText %q, InputHint %q", q.ID, AnswerText(q, ans), InputHint(q))
		}
	}
	for _, k := range questions.Kinds {
		if !covered[k] {
			t.Errorf("the test rubric has no %s question", k)
		}
	}
	f, err := Decode("a.yaml", a.Marshal(r))
	if err != nil {
		t.Fatal(err)
	}
	back, _, err := f.Check(r)
	if err != nil {
		t.Fatal(err)
	}
	for id, want := range answers {
		got := back.Answers[id]
		got.pos = questions.Pos{}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: read back %+v, want %+v", id, got, want)
		}
	}
}

// Typed text reads the same in every mode: one parser, one set of
// messages.
func TestParseAnswerMessages(t *testing.T) {
	r, err := questions.ParseBytes("codec.yaml", []byte(codecRubric))
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ id, in, want string }{
		{"one", "3", "there is no option 3; type a number from 1 to 2"},
		{"one", "meh", `"meh" is not an option; type a number from 1 to 2`},
		{"yn", "maybe", "type 1 or 2, or y or n"},
		{"many", "1 0", "0 means none of them; do not combine it with other numbers"},
		{"short", "2.5", "enter a whole number from 1 to 5"},
		{"short", "9", "enter a whole number from 1 to 5"},
		{"long", "21", "enter a whole number from 0 to 20"},
		{"day", "30/09/2026", `"30/09/2026" is not a date; enter it as YYYY-MM-DD, for example 2026-09-30`},
		{"day", "2026-02-30", "2026-02-30 is not a day of the calendar"},
		{"words", "a\x1bb", `that text holds control characters or invalid UTF-8, shown here escaped: "a\x1bb"; type it again without them`},
	} {
		q := r.Question(tt.id)
		if _, err := ParseAnswer(q, tt.in); err == nil || err.Error() != tt.want {
			t.Errorf("ParseAnswer(%s, %q) = %v, want %q", tt.id, tt.in, err, tt.want)
		}
	}
	// Typed as in plain mode: numbers or values, in any order, into rubric
	// order.
	q := r.Question("many")
	for _, in := range []string{"3 1", "z, x", "3;1;3"} {
		got, err := ParseAnswer(q, in)
		if err != nil || !slices.Equal(got.Choices, []string{"x", "z"}) {
			t.Errorf("ParseAnswer(many, %q) = %+v, %v", in, got, err)
		}
	}
}
