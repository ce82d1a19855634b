package plain

import (
	"fmt"
	"slices"
	"strings"
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
	what := "Type " + assessment.InputHint(q)
	if assessment.FormOf(q).Input == assessment.TypeText {
		what = "Type your answer on one line"
	}
	var letters []string
	if q.DontKnow {
		letters = append(letters, "d")
	}
	if q.NotApplicable {
		letters = append(letters, "x")
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
		return lower == letter || (assessment.FormOf(q).Input != assessment.TypeText && slices.Contains(words, lower))
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
	case q.NotApplicable && is("x", "na", "n/a", "not applicable"):
		// The reason is asked for next. (Where it is not offered, x is
		// read as an answer: free text takes it.)
		return plainCmdAnswer, &assessment.Answer{NotApplicable: true}, ""
	}
	ans, err := assessment.ParseAnswer(q, line)
	if err != nil {
		return 0, nil, plainSentence(err.Error())
	}
	return plainCmdAnswer, ans, ""
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

// plainUnsafe reports whether s holds what an answers file cannot keep, and
// s with it made visible. Answers files refuse control characters,
// bidirectional overrides and invalid UTF-8 when they are loaded, so plain
// mode refuses them in notes and names when they are typed rather than
// save a file that will not load again. (Answers go through the codec,
// which says the same.)
func plainUnsafe(s string) (shown string, bad bool) {
	s = strings.ReplaceAll(s, "\t", " ")
	shown = printable.Line(s)
	return shown, shown != s
}

func plainRefused(shown string) string {
	return fmt.Sprintf("That text holds control characters or invalid UTF-8, shown here escaped: \"%s\". Type it again without them.", shown)
}
