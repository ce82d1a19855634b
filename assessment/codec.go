package assessment

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v4"

	"github.com/vitals-dev/vitals/internal/printable"
	"github.com/vitals-dev/vitals/internal/yamlfile"
	"github.com/vitals-dev/vitals/questions"
)

// The answer codec: everything vitals does with an answer that depends on
// its question's kind — read it from typed text or from the items picked
// in a list, decode it from an answers file with its position, check it,
// write it back, show it — in one table, one row per kind. The answers
// decoder, the full-screen mode, plain mode and the reports all go through
// it, so a kind is added here (and in questions' table of keys) and
// nowhere else, and every mode says the same thing about the same input.

// Input is how an answer is given, whatever the kind: what a screen or a
// line of plain mode needs to know to ask for it.
type Input int

// The inputs.
const (
	PickOne  Input = iota + 1 // one item of a list: an option, yes or no, a scale point
	PickMany                  // any items of a list: a checklist
	TypeLine                  // a value typed on one line: a number, a date, a long scale
	TypeText                  // free text
)

// Form is how a question asks for its answer.
type Form struct {
	Input Input
	// Numbered lists show each item's place, 1 to 9, and a digit picks it.
	Numbered bool
	// Letters: the items are picked by their first letter (y or n).
	Letters bool
	// Points: the items are a scale's points, each picked by its own digit.
	Points bool
	// Placeholder is what a typed field shows while empty: "YYYY-MM-DD",
	// or a number's unit.
	Placeholder string
}

// Basis is what an answer's score comes from.
type Basis int

// The bases.
const (
	NotScored Basis = iota // free text is recorded, never scored
	ByOption               // the chosen option's score and risk
	ByOptions              // the chosen options: their sum, or the question's rules
	ByMeasure              // a measured value against bands, or on a straight line
)

// Choice is one item of the list an answer is picked from.
type Choice struct {
	Value string // what PickAnswer takes
	Label string // the option's label; a scale point's number
	Note  string // a scale's end label beside its first or last point
}

// codec is one kind's row of the table.
type codec struct {
	form  func(q *questions.Question) Form
	basis Basis
	// choices lists what PickOne and PickMany pick from.
	choices func(q *questions.Question) []Choice
	// parse reads typed text (not "don't know": each mode has its own
	// way of saying it); pick reads the values of the items picked.
	parse func(q *questions.Question, s string) (*Answer, error)
	pick  func(q *questions.Question, values []string) (*Answer, error)
	// decode reads a value from an answers file, reporting what is wrong
	// at its position.
	decode func(f *yamlfile.Fields, q *questions.Question, n *yaml.Node, ans *Answer)
	// check is Validate's part for the kind: the value, not the note or
	// "don't know".
	check  func(q *questions.Question, ans *Answer) error
	encode func(q *questions.Question, ans *Answer) *yaml.Node
	// text shows the answer to a reader; typed writes it back as parse
	// reads it; picked names the items it picks.
	text func(q *questions.Question, ans *Answer) string
	// context is what a reader needs beside the answer to read it: a
	// scale's ends.
	context func(q *questions.Question) string
	typed   func(q *questions.Question, ans *Answer) string
	picked  func(q *questions.Question, ans *Answer) []string
	value   func(ans *Answer) any
	// hint says what a typed line takes: "a date as YYYY-MM-DD".
	hint func(q *questions.Question) string
	// measure is the value a ByMeasure answer is scored on, with its unit.
	measure func(q *questions.Question, ans *Answer, a *Answers) (x float64, unit string, ok bool)
}

var codecs = map[questions.Kind]*codec{
	questions.Single: {
		form:    func(*questions.Question) Form { return Form{Input: PickOne, Numbered: true} },
		basis:   ByOption,
		choices: optionChoices,
		parse: func(q *questions.Question, s string) (*Answer, error) {
			o, err := typedOption(q, s)
			if err != nil {
				return nil, err
			}
			return &Answer{Text: o.Value}, nil
		},
		pick:    pickOne,
		decode:  decodeOption,
		check:   checkOption,
		encode:  encodeText,
		text:    optionText,
		typed:   textAsIs,
		picked:  pickedText,
		value:   textValue,
		hint:    func(q *questions.Question) string { return fmt.Sprintf("a number from 1 to %d", len(q.Options)) },
		measure: noMeasure,
		context: noContext,
	},
	questions.YesNo: {
		form:    func(*questions.Question) Form { return Form{Input: PickOne, Letters: true} },
		basis:   ByOption,
		choices: optionChoices,
		parse: func(q *questions.Question, s string) (*Answer, error) {
			switch strings.ToLower(s) {
			case "y", "yes":
				s = "yes"
			case "n", "no":
				s = "no"
			}
			o, err := typedOption(q, s)
			if err != nil {
				return nil, errors.New("type 1 or 2, or y or n")
			}
			return &Answer{Text: o.Value}, nil
		},
		pick: pickOne,
		decode: func(f *yamlfile.Fields, q *questions.Question, n *yaml.Node, ans *Answer) {
			if n.Kind == yaml.ScalarNode && n.Tag == "!!bool" {
				// yes and no unquoted are YAML booleans.
				v := strings.EqualFold(n.Value, "true") || strings.EqualFold(n.Value, "yes") || strings.EqualFold(n.Value, "on")
				n = &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: map[bool]string{true: "yes", false: "no"}[v], Line: n.Line, Column: n.Column}
			}
			decodeOption(f, q, n, ans)
		},
		check:   checkOption,
		encode:  encodeText,
		text:    optionText,
		typed:   textAsIs,
		picked:  pickedText,
		value:   textValue,
		hint:    func(*questions.Question) string { return "1 or 2 (y or n)" },
		measure: noMeasure,
		context: noContext,
	},
	questions.Multi: {
		form:    func(*questions.Question) Form { return Form{Input: PickMany, Numbered: true} },
		basis:   ByOptions,
		choices: optionChoices,
		parse:   parseChecklist,
		pick: func(q *questions.Question, values []string) (*Answer, error) {
			var choices []string
			for _, v := range values {
				if q.Option(v) == nil {
					return nil, fmt.Errorf("%q is not an option", printable.Line(v))
				}
				choices = append(choices, v)
			}
			if choices == nil {
				choices = []string{}
			}
			sortChoices(q, choices)
			return &Answer{Choices: choices}, nil
		},
		decode: decodeChecklist,
		check:  checkChecklist,
		encode: func(q *questions.Question, ans *Answer) *yaml.Node {
			seq := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Style: yaml.FlowStyle}
			choices := slices.Clone(ans.Choices)
			sortChoices(q, choices)
			for _, c := range choices {
				seq.Content = append(seq.Content, str(c))
			}
			return seq
		},
		text: func(q *questions.Question, ans *Answer) string {
			if len(ans.Choices) == 0 {
				return "none of these"
			}
			labels := make([]string, 0, len(ans.Choices))
			for _, c := range ans.Choices {
				if o := q.Option(c); o != nil {
					labels = append(labels, o.Label)
				}
			}
			return strings.Join(labels, "; ")
		},
		typed: func(q *questions.Question, ans *Answer) string { return strings.Join(ans.Choices, " ") },
		picked: func(_ *questions.Question, ans *Answer) []string {
			return slices.Clone(ans.Choices)
		},
		value: func(ans *Answer) any {
			if ans.Choices == nil {
				return []string{}
			}
			return ans.Choices
		},
		hint:    func(*questions.Question) string { return "the numbers of all that apply, such as 1 3, or 0 for none" },
		measure: noMeasure,
		context: noContext,
	},
	questions.Scale: {
		form: func(q *questions.Question) Form {
			if shortScale(q) {
				return Form{Input: PickOne, Points: true}
			}
			return Form{Input: TypeLine, Placeholder: q.Unit}
		},
		basis: ByMeasure,
		choices: func(q *questions.Question) []Choice {
			if !shortScale(q) {
				return nil
			}
			lo, hi := int(*q.Min), int(*q.Max)
			var cs []Choice
			for n := lo; n <= hi; n++ {
				c := Choice{Value: strconv.Itoa(n), Label: strconv.Itoa(n)}
				switch {
				case n == lo:
					c.Note = q.LowLabel
				case n == hi:
					c.Note = q.HighLabel
				}
				cs = append(cs, c)
			}
			return cs
		},
		parse: func(q *questions.Question, s string) (*Answer, error) {
			x, err := ParseNumber(s, "")
			if err != nil {
				return nil, err
			}
			return &Answer{Number: x}, nil
		},
		pick: func(q *questions.Question, values []string) (*Answer, error) {
			if len(values) != 1 {
				return nil, errors.New("choose one of the points")
			}
			n, err := strconv.Atoi(values[0])
			if err != nil {
				return nil, errors.New("choose one of the points")
			}
			return &Answer{Number: float64(n)}, nil
		},
		decode: func(f *yamlfile.Fields, q *questions.Question, n *yaml.Node, ans *Answer) {
			if x, ok := f.Int(n, answerTo(q)); ok {
				ans.Number = float64(x)
				checkRange(f, q, n, ans.Number)
			}
		},
		check:   func(q *questions.Question, ans *Answer) error { return checkNumber(q, ans, true) },
		encode:  encodeNumber,
		text:    numberText,
		typed:   typedNumber,
		picked:  func(_ *questions.Question, ans *Answer) []string { return []string{FormatNumber(ans.Number)} },
		value:   numberValue,
		hint:    func(q *questions.Question) string { return "a whole number " + scaleRange(q) },
		measure: measureNumber,
		context: func(q *questions.Question) string {
			if q.Min == nil || q.Max == nil {
				return ""
			}
			return " on a scale from " + FormatNumber(*q.Min) + endLabel(q.LowLabel) + " to " + FormatNumber(*q.Max) + endLabel(q.HighLabel)
		},
	},
	questions.Number: {
		form:  func(q *questions.Question) Form { return Form{Input: TypeLine, Placeholder: q.Unit} },
		basis: ByMeasure,
		parse: func(q *questions.Question, s string) (*Answer, error) {
			x, err := ParseNumber(s, q.Unit)
			if err != nil {
				return nil, err
			}
			return &Answer{Number: x}, nil
		},
		pick:   pickNone,
		picked: pickedNone,
		decode: func(f *yamlfile.Fields, q *questions.Question, n *yaml.Node, ans *Answer) {
			x, ok := f.Number(n, answerTo(q))
			switch {
			case !ok:
			case math.Abs(x) > MaxNumber:
				f.Errorf(n, "", "answer to %q must be no larger than a thousand trillion (10^15), got %s", q.ID, printable.Line(n.Value))
			default:
				if x == 0 {
					x = 0 // -0 is 0
				}
				ans.Number = x
				checkRange(f, q, n, x)
			}
		},
		check:  func(q *questions.Question, ans *Answer) error { return checkNumber(q, ans, false) },
		encode: encodeNumber,
		text:   numberText,
		typed:  typedNumber,
		value:  numberValue,
		hint: func(q *questions.Question) string {
			var about []string
			if rt := RangeText(q); rt != "a number" {
				about = append(about, rt)
			}
			if q.Unit != "" {
				about = append(about, "in "+q.Unit)
			}
			if len(about) == 0 {
				return "a number"
			}
			return "a number (" + strings.Join(about, ", ") + ")"
		},
		measure: measureNumber,
		context: noContext,
	},
	questions.Date: {
		form:  func(*questions.Question) Form { return Form{Input: TypeLine, Placeholder: "YYYY-MM-DD"} },
		basis: ByMeasure,
		parse: func(q *questions.Question, s string) (*Answer, error) {
			return &Answer{Text: s}, checkDate(s)
		},
		pick:   pickNone,
		picked: pickedNone,
		decode: func(f *yamlfile.Fields, q *questions.Question, n *yaml.Node, ans *Answer) {
			s := scalarText(n)
			if _, err := time.Parse(DateLayout, s); err != nil || n.Kind != yaml.ScalarNode {
				f.Errorf(n, "write it as YYYY-MM-DD", "%s must be a date, got %s", answerTo(q), kindOf(n))
				return
			}
			ans.Text = s
		},
		check:   func(_ *questions.Question, ans *Answer) error { return checkDate(ans.Text) },
		encode:  encodeText,
		text:    textAsIs,
		typed:   textAsIs,
		value:   textValue,
		hint:    func(*questions.Question) string { return "a date as YYYY-MM-DD" },
		measure: measureDate,
		context: noContext,
	},
	questions.Text: {
		form:  func(*questions.Question) Form { return Form{Input: TypeText} },
		basis: NotScored,
		parse: func(_ *questions.Question, s string) (*Answer, error) {
			// Newlines and tabs are kept; what a file cannot hold is
			// refused as typed, shown escaped, rather than saved into a
			// file that will not load again.
			if shown := printable.Text(s); shown != s {
				return nil, fmt.Errorf("that text holds control characters or invalid UTF-8, shown here escaped: \"%s\"; type it again without them", printable.Line(s))
			}
			return &Answer{Text: s}, nil
		},
		pick:   pickNone,
		picked: pickedNone,
		decode: func(f *yamlfile.Fields, q *questions.Question, n *yaml.Node, ans *Answer) {
			if s, ok := f.String(n, answerTo(q)); ok && checkLength(f, n, answerTo(q), s) {
				ans.Text = s
			}
		},
		check:   func(_ *questions.Question, ans *Answer) error { return CheckText(ans.Text) },
		encode:  encodeText,
		text:    textAsIs,
		typed:   textAsIs,
		value:   textValue,
		hint:    func(*questions.Question) string { return "your answer" },
		measure: noMeasure,
		context: noContext,
	},
}

// codecOf is q's row of the table. Parsing refuses a kind without one, so
// a missing row is a bug in vitals, caught by the codec table test.
func codecOf(q *questions.Question) *codec {
	c, ok := codecs[q.Kind]
	if !ok {
		panic(fmt.Sprintf("assessment: no answer codec for kind %q", q.Kind))
	}
	return c
}

// FormOf says how q asks for its answer.
func FormOf(q *questions.Question) Form { return codecOf(q).form(q) }

// BasisOf says what q's score comes from.
func BasisOf(q *questions.Question) Basis { return codecOf(q).basis }

// Choices lists the items q's answer is picked from: its options, or a
// short scale's points. Empty for typed answers.
func Choices(q *questions.Question) []Choice {
	if c := codecOf(q).choices; c != nil {
		return c(q)
	}
	return nil
}

// ParseAnswer reads an answer to q typed as text — an option's number or
// value, "y", a list of numbers, a number with or without its unit, a date,
// free text — and checks it as Validate does. "Don't know", skipping and
// going back are each mode's own commands, read before this.
func ParseAnswer(q *questions.Question, s string) (*Answer, error) {
	ans, err := codecOf(q).parse(q, s)
	if err != nil {
		return nil, err
	}
	if err := Validate(q, ans); err != nil {
		return nil, err
	}
	return ans, nil
}

// PickAnswer is the answer that picks the items of values (Choice.Value)
// from q's list, checked as Validate does.
func PickAnswer(q *questions.Question, values []string) (*Answer, error) {
	ans, err := codecOf(q).pick(q, values)
	if err != nil {
		return nil, err
	}
	if err := Validate(q, ans); err != nil {
		return nil, err
	}
	return ans, nil
}

// Picked lists the values of the items ans picks from q's list.
func Picked(q *questions.Question, ans *Answer) []string {
	if ans == nil || ans.DontKnow || ans.NotApplicable {
		return nil
	}
	return codecOf(q).picked(q, ans)
}

// TypedText writes ans as ParseAnswer reads it back: "1,250,000",
// "2026-09-30". Empty for "don't know", which each mode writes its own way.
func TypedText(q *questions.Question, ans *Answer) string {
	if ans == nil || ans.DontKnow || ans.NotApplicable {
		return ""
	}
	return codecOf(q).typed(q, ans)
}

// InputHint says what a typed answer to q takes, in words to follow
// "Type" or to stand as a sentence: "a number between 0 and 100 (EUR)".
func InputHint(q *questions.Question) string { return codecOf(q).hint(q) }

// AnswerText shows an answer as a reader should see it: option labels,
// numbers with their unit, "don't know".
func AnswerText(q *questions.Question, ans *Answer) string {
	if ans == nil {
		return ""
	}
	switch {
	case ans.DontKnow:
		return "don't know"
	case ans.NotApplicable:
		return "not applicable"
	}
	return codecOf(q).text(q, ans)
}

// AnswerInContext is AnswerText with what a reader needs to read it
// alone: "2 on a scale from 1 (not at all) to 5 (fully)".
func AnswerInContext(q *questions.Question, ans *Answer) string {
	if ans == nil || ans.DontKnow || ans.NotApplicable {
		return AnswerText(q, ans)
	}
	return AnswerText(q, ans) + codecOf(q).context(q)
}

// AnswerValue is the answer's value as JSON holds it: an option value, a
// list of them, a number, a date or text.
func AnswerValue(q *questions.Question, ans *Answer) any { return codecOf(q).value(ans) }

// The rows' shared parts.

func optionChoices(q *questions.Question) []Choice {
	cs := make([]Choice, len(q.Options))
	for i, o := range q.Options {
		cs[i] = Choice{Value: o.Value, Label: o.Label}
	}
	return cs
}

// typedOption reads an option's number (1-based, "2", "2." or "2)") or its
// value.
func typedOption(q *questions.Question, s string) (*questions.Option, error) {
	n, err := strconv.Atoi(strings.TrimRight(s, ".)"))
	if err == nil {
		if n < 1 || n > len(q.Options) {
			return nil, fmt.Errorf("there is no option %d; type a number from 1 to %d", n, len(q.Options))
		}
		return q.Options[n-1], nil
	}
	for _, o := range q.Options {
		if strings.EqualFold(o.Value, s) {
			return o, nil
		}
	}
	return nil, fmt.Errorf("\"%s\" is not an option; type a number from 1 to %d", printable.Line(s), len(q.Options))
}

func parseChecklist(q *questions.Question, line string) (*Answer, error) {
	lower := strings.ToLower(line)
	if lower == "0" || lower == "none" {
		if ex := q.ExclusiveOption(); ex != nil {
			// The rubric's own "none of these", with its flag and advice.
			return &Answer{Choices: []string{ex.Value}}, nil
		}
		return &Answer{Choices: []string{}}, nil
	}
	var choices []string
	for _, f := range strings.FieldsFunc(line, func(r rune) bool { return r == ',' || r == ';' || r == ' ' || r == '\t' }) {
		if f == "0" {
			return nil, errors.New("0 means none of them; do not combine it with other numbers")
		}
		o, err := typedOption(q, f)
		if err != nil {
			return nil, err
		}
		if !slices.Contains(choices, o.Value) {
			choices = append(choices, o.Value)
		}
	}
	sortChoices(q, choices)
	return &Answer{Choices: choices}, nil
}

func pickOne(q *questions.Question, values []string) (*Answer, error) {
	if len(values) != 1 || q.Option(values[0]) == nil {
		return nil, errors.New("choose one of the options")
	}
	return &Answer{Text: values[0]}, nil
}

func pickNone(q *questions.Question, _ []string) (*Answer, error) {
	return nil, fmt.Errorf("%q is answered by typing, not from a list", q.ID)
}

func noContext(*questions.Question) string { return "" }

// The accessors rows share: the answer's text as it is (an option value,
// a date, free text), the values a JSON report holds, the items picked.
func textAsIs(_ *questions.Question, ans *Answer) string     { return ans.Text }
func textValue(ans *Answer) any                              { return ans.Text }
func numberValue(ans *Answer) any                            { return ans.Number }
func pickedText(_ *questions.Question, ans *Answer) []string { return []string{ans.Text} }
func pickedNone(*questions.Question, *Answer) []string       { return nil }

func endLabel(s string) string {
	if s == "" {
		return ""
	}
	return " (" + s + ")"
}

func noMeasure(*questions.Question, *Answer, *Answers) (float64, string, bool) {
	return 0, "", false
}

func measureNumber(q *questions.Question, ans *Answer, _ *Answers) (float64, string, bool) {
	return ans.Number, q.Unit, true
}

// sortChoices puts chosen options into rubric order, so a file does not
// change with the order they were ticked or typed in.
func sortChoices(q *questions.Question, choices []string) {
	slices.SortStableFunc(choices, func(x, y string) int { return optionIndex(q, x) - optionIndex(q, y) })
}

func optionText(q *questions.Question, ans *Answer) string {
	if o := q.Option(ans.Text); o != nil {
		return o.Label
	}
	return ans.Text
}

func numberText(q *questions.Question, ans *Answer) string {
	s := FormatAmount(ans.Number)
	switch q.Unit {
	case "":
		return s
	case "%":
		return s + "%"
	}
	return s + " " + q.Unit
}

// typedNumber writes a number as every screen does, grouped; exact, so
// reading it back keeps the answer as it was.
func typedNumber(_ *questions.Question, ans *Answer) string {
	return Grouped(FormatNumber(ans.Number))
}

// shortScale reports whether a scale is short enough to pick from a list.
func shortScale(q *questions.Question) bool {
	return q.Min != nil && q.Max != nil && *q.Max-*q.Min <= 10 && *q.Max >= *q.Min
}

func scaleRange(q *questions.Question) string {
	if q.Min != nil && q.Max != nil {
		return "from " + FormatNumber(*q.Min) + " to " + FormatNumber(*q.Max)
	}
	return RangeText(q)
}

func encodeText(_ *questions.Question, ans *Answer) *yaml.Node { return str(ans.Text) }

func encodeNumber(_ *questions.Question, ans *Answer) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: numberTag(ans.Number), Value: FormatNumber(ans.Number)}
}

func answerTo(q *questions.Question) string { return fmt.Sprintf("answer to %q", q.ID) }

func decodeOption(f *yamlfile.Fields, q *questions.Question, n *yaml.Node, ans *Answer) {
	s := scalarText(n)
	if n.Kind != yaml.ScalarNode {
		f.Errorf(n, "", "%s must be one option value, got %s", answerTo(q), kindOf(n))
		return
	}
	if q.Option(s) == nil {
		f.Errorf(n, optionHint(q, s), "%s: %q is not an option", answerTo(q), printable.Line(s))
		return
	}
	ans.Text = s
}

func decodeChecklist(f *yamlfile.Fields, q *questions.Question, n *yaml.Node, ans *Answer) {
	what := answerTo(q)
	items, ok := f.Seq(n, what)
	if !ok {
		return
	}
	if len(items) > len(q.Options) {
		// Each option at most once: the list is wrong as a whole, and
		// checking its items one by one would only repeat that.
		f.Errorf(n, optionHint(q, ""), "%s lists %d items, but the question has %d options, each to be listed at most once", what, len(items), len(q.Options))
		return
	}
	seen := map[string]bool{}
	for _, it := range items {
		s := scalarText(it)
		switch {
		case it.Kind != yaml.ScalarNode:
			f.Errorf(it, "", "%s must list option values, got %s", what, kindOf(it))
		case q.Option(s) == nil:
			f.Errorf(it, optionHint(q, s), "%s: %q is not an option", what, printable.Line(s))
		case seen[s]:
			f.Errorf(it, "", "%s lists %q twice", what, s)
		default:
			seen[s] = true
			ans.Choices = append(ans.Choices, s)
		}
	}
	if ex := q.ExclusiveOption(); ex != nil && len(items) == 0 {
		f.Errorf(n, fmt.Sprintf("list %q if none of them applies", ex.Value), "%s lists no option", what)
	}
	for _, c := range ans.Choices {
		if o := q.Option(c); o.Exclusive && len(ans.Choices) > 1 {
			f.Errorf(n, "keep either it or the other options", "%s: %q cannot be chosen together with other options", what, c)
		}
	}
	sortChoices(q, ans.Choices)
}

func checkOption(q *questions.Question, ans *Answer) error {
	if q.Option(ans.Text) == nil {
		return errors.New("choose one of the options")
	}
	return nil
}

func checkChecklist(q *questions.Question, ans *Answer) error {
	if ex := q.ExclusiveOption(); ex != nil && len(ans.Choices) == 0 {
		return fmt.Errorf("tick at least one option; choose %q if none of them applies", printable.Line(ex.Label))
	}
	seen := map[string]bool{}
	for _, c := range ans.Choices {
		o := q.Option(c)
		if o == nil {
			return fmt.Errorf("%q is not an option", printable.Line(c))
		}
		if seen[c] {
			return fmt.Errorf("%q is chosen twice", printable.Line(c))
		}
		seen[c] = true
		if o.Exclusive && len(ans.Choices) > 1 {
			return fmt.Errorf("%q cannot be chosen together with other options", printable.Line(o.Label))
		}
	}
	return nil
}

// checkNumber checks a number, or with whole a scale's point.
func checkNumber(q *questions.Question, ans *Answer, whole bool) error {
	switch {
	case math.IsNaN(ans.Number) || math.IsInf(ans.Number, 0):
		return errors.New("enter a number")
	case math.Abs(ans.Number) > MaxNumber:
		return errors.New("enter a number no larger than a thousand trillion (10^15)")
	case whole && ans.Number != math.Trunc(ans.Number):
		return errors.New("enter a whole number " + scaleRange(q))
	case (q.Min != nil && ans.Number < *q.Min) || (q.Max != nil && ans.Number > *q.Max):
		if whole {
			return errors.New("enter a whole number " + scaleRange(q))
		}
		return fmt.Errorf("enter a number %s", RangeText(q))
	}
	return nil
}

func checkDate(s string) error {
	if _, err := time.Parse(DateLayout, s); err != nil {
		if isoDay.MatchString(s) {
			return fmt.Errorf("%s is not a day of the calendar", s)
		}
		return fmt.Errorf("\"%s\" is not a date; enter it as YYYY-MM-DD, for example 2026-09-30", printable.Line(s))
	}
	return nil
}
