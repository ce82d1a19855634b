package plain

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/vitals-dev/vitals/assessment"
	"github.com/vitals-dev/vitals/internal/printable"
	"github.com/vitals-dev/vitals/questions"
)

// plainCmd is what one line of input asks for.
type plainCmd int

const (
	plainCmdAnswer plainCmd = iota
	plainCmdBack
	plainCmdSkip
	plainCmdKeep
)

// plainInstructions is the last line shown for a question: what to type.
func plainInstructions(q *questions.Question, answered, hasPrev bool) string {
	var what string
	switch q.Kind {
	case questions.Single:
		what = fmt.Sprintf("Type a number from 1 to %d", len(q.Options))
	case questions.YesNo:
		what = "Type 1 or 2 (y or n)"
	case questions.Multi:
		what = "Type the numbers of all that apply, such as 1 3, or 0 for none"
	case questions.Scale:
		what = fmt.Sprintf("Type a whole number from %s to %s", assessment.FormatNumber(*q.Min), assessment.FormatNumber(*q.Max))
	case questions.Number:
		var about []string
		if rt := assessment.RangeText(q); rt != "a number" {
			about = append(about, rt)
		}
		if q.Unit != "" {
			about = append(about, "in "+q.Unit)
		}
		what = "Type a number"
		if len(about) > 0 {
			what += " (" + strings.Join(about, ", ") + ")"
		}
	case questions.Date:
		what = "Type a date as YYYY-MM-DD"
	default:
		what = "Type your answer on one line"
	}
	var letters []string
	if q.DontKnow {
		letters = append(letters, "d")
	}
	if !q.Required {
		letters = append(letters, "s")
	}
	if hasPrev {
		letters = append(letters, "b")
	}
	if len(letters) > 0 {
		what += ", or " + plainOrList(letters)
	}
	if answered {
		what += "; Enter keeps the current answer"
	}
	return what + ":"
}

func plainOrList(xs []string) string {
	if len(xs) == 1 {
		return xs[0]
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " or " + xs[len(xs)-1]
}

// plainParseLine reads one trimmed line typed for question q. It returns either
// a command, an answer that fits q, or a one-line message saying why the
// line was not accepted.
func plainParseLine(q *questions.Question, line string, answered, hasPrev bool) (plainCmd, *assessment.Answer, string) {
	lower := strings.ToLower(line)
	// Free text takes words as answers; only the single letters are
	// commands there.
	is := func(letter string, words ...string) bool {
		return lower == letter || (q.Kind != questions.Text && slices.Contains(words, lower))
	}
	switch {
	case line == "" && answered:
		return plainCmdKeep, nil, ""
	case line == "":
		if q.Required {
			return 0, nil, "Please type an answer; this question is required."
		}
		return 0, nil, "Please type an answer, or s to skip."
	case is("b", "back"):
		if !hasPrev {
			return 0, nil, "This is the first question; there is nothing to go back to."
		}
		return plainCmdBack, nil, ""
	case is("s", "skip"):
		if q.Required {
			return 0, nil, "This question is required, so it cannot be skipped."
		}
		return plainCmdSkip, nil, ""
	case lower == "?" || is("d", "don't know", "dont know", "don’t know"): // ? as in the full-screen mode
		if !q.DontKnow {
			return 0, nil, "\"Don't know\" is not offered for this question."
		}
		return plainCmdAnswer, &assessment.Answer{DontKnow: true}, ""
	}
	ans, err := plainParseAnswer(q, line)
	if err == nil {
		err = assessment.Validate(q, ans)
	}
	if err != nil {
		return 0, nil, plainSentence(err.Error())
	}
	return plainCmdAnswer, ans, ""
}

// plainParseAnswer turns a line into an answer of q's kind.
func plainParseAnswer(q *questions.Question, line string) (*assessment.Answer, error) {
	switch q.Kind {
	case questions.Single:
		o, err := plainParseOption(q, line)
		if err != nil {
			return nil, err
		}
		return &assessment.Answer{Text: o.Value}, nil
	case questions.YesNo:
		switch strings.ToLower(line) {
		case "y", "yes":
			line = "yes"
		case "n", "no":
			line = "no"
		}
		o, err := plainParseOption(q, line)
		if err != nil {
			return nil, fmt.Errorf("type 1 or 2, or y or n")
		}
		return &assessment.Answer{Text: o.Value}, nil
	case questions.Multi:
		lower := strings.ToLower(line)
		if lower == "0" || lower == "none" {
			if ex := q.ExclusiveOption(); ex != nil {
				// The rubric's own "none of these", with its flag and advice.
				return &assessment.Answer{Choices: []string{ex.Value}}, nil
			}
			return &assessment.Answer{Choices: []string{}}, nil
		}
		var choices []string
		for _, f := range strings.FieldsFunc(line, func(r rune) bool { return r == ',' || r == ';' || r == ' ' || r == '\t' }) {
			if f == "0" {
				return nil, fmt.Errorf("0 means none of them; do not combine it with other numbers")
			}
			o, err := plainParseOption(q, f)
			if err != nil {
				return nil, err
			}
			if !slices.Contains(choices, o.Value) {
				choices = append(choices, o.Value)
			}
		}
		// Stored in rubric order, as answers files keep them.
		slices.SortFunc(choices, func(a, b string) int {
			return slices.IndexFunc(q.Options, func(o *questions.Option) bool { return o.Value == a }) -
				slices.IndexFunc(q.Options, func(o *questions.Option) bool { return o.Value == b })
		})
		return &assessment.Answer{Choices: choices}, nil
	case questions.Scale:
		x, err := assessment.ParseNumber(line, "")
		if err != nil {
			return nil, err
		}
		if x != math.Trunc(x) {
			return nil, fmt.Errorf("type a whole number from %s to %s", assessment.FormatNumber(*q.Min), assessment.FormatNumber(*q.Max))
		}
		return &assessment.Answer{Number: x}, nil
	case questions.Number:
		x, err := assessment.ParseNumber(line, q.Unit)
		if err != nil {
			return nil, err
		}
		return &assessment.Answer{Number: x}, nil
	case questions.Date:
		if _, err := time.Parse(assessment.DateLayout, line); err != nil {
			return nil, fmt.Errorf("\"%s\" is not a date; type it as YYYY-MM-DD, for example 2026-09-30", printable.Line(line))
		}
		return &assessment.Answer{Text: line}, nil
	}
	if shown, bad := plainUnsafe(line); bad {
		return nil, errors.New(plainRefused(shown))
	}
	return &assessment.Answer{Text: line}, nil
}

// plainParseOption reads an option number (1-based) or an option value.
func plainParseOption(q *questions.Question, s string) (*questions.Option, error) {
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

// plainUnsafe reports whether s holds what an answers file cannot keep, and
// s with it made visible. Answers files refuse control characters,
// bidirectional overrides and invalid UTF-8 when they are loaded, so plain
// mode refuses them when they are typed rather than save a file that will
// not load again.
func plainUnsafe(s string) (shown string, bad bool) {
	s = strings.ReplaceAll(s, "\t", " ")
	shown = printable.Line(s)
	return shown, shown != s
}

func plainRefused(shown string) string {
	return fmt.Sprintf("That text holds control characters or invalid UTF-8, shown here escaped: \"%s\". Type it again without them.", shown)
}

// plainSentence capitalises a message and ends it with a full stop.
func plainSentence(s string) string {
	if s == "" {
		return s
	}
	r, n := utf8.DecodeRuneInString(s)
	s = strings.ToUpper(string(r)) + s[n:]
	if !strings.HasSuffix(s, ".") {
		s += "."
	}
	return s
}
