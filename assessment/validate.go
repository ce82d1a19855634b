package assessment

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/vitals-dev/vitals/internal/printable"
	"github.com/vitals-dev/vitals/questions"
)

// RangeText describes the allowed range of a number or scale question, e.g.
// "between 0 and 100".
func RangeText(q *questions.Question) string {
	switch {
	case q.Min != nil && q.Max != nil:
		return fmt.Sprintf("between %s and %s", FormatNumber(*q.Min), FormatNumber(*q.Max))
	case q.Min != nil:
		return "at least " + FormatNumber(*q.Min)
	case q.Max != nil:
		return "at most " + FormatNumber(*q.Max)
	}
	return "a number"
}

// FormatNumber writes x without trailing zeros: 3, 2.5, 1234567.
func FormatNumber(x float64) string {
	if x == math.Trunc(x) && math.Abs(x) < 1e15 {
		return strconv.FormatFloat(x, 'f', 0, 64)
	}
	return strconv.FormatFloat(x, 'f', -1, 64)
}

// isoDay is the shape of a date, whether or not the day exists.
var isoDay = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

// MaxNumber bounds number answers: a thousand trillion is more than any
// budget in any currency, and it keeps the business case's sums, returns
// and payback periods finite.
const MaxNumber = 1e15

// Validate checks one answer against its question, as Check does for a
// file: the TUI and plain mode call it for every answer before saving.
// A negative zero is made 0, so it is never shown as "-0".
func Validate(q *questions.Question, ans *Answer) error {
	if ans.Number == 0 {
		ans.Number = 0 // -0 is 0: never shown as "-0"
	}
	if err := CheckText(ans.Note); err != nil {
		return fmt.Errorf("note: %w", err)
	}
	if ans.NotApplicable {
		switch {
		case !q.NotApplicable:
			return fmt.Errorf("%q does not offer \"not applicable\"", q.ID)
		case ans.DontKnow:
			return errors.New("an answer is either \"don't know\" or \"not applicable\"")
		case strings.TrimSpace(ans.Reason) == "":
			return errors.New("say why it does not apply: a reason is needed")
		}
		if err := CheckText(ans.Reason); err != nil {
			return fmt.Errorf("reason: %w", err)
		}
		return nil
	}
	if ans.Reason != "" {
		return errors.New("only a \"not applicable\" answer has a reason")
	}
	if ans.DontKnow {
		if !q.DontKnow {
			return fmt.Errorf("%q does not offer \"don't know\"", q.ID)
		}
		return nil
	}
	return codecOf(q).check(q, ans)
}

// MaxText is the most characters a text answer, a note, a project or a
// respondent name may hold, in every mode and in answers files: room for a
// page of notes, while a stray paste of a whole document is refused with
// its size rather than cut without a word.
const MaxText = 10_000

// FormatCount writes a count with thousands separators: 10,000.
func FormatCount(n int) string { return Grouped(strconv.Itoa(n)) }

// FormatAmount writes a number as every screen and report shows an
// amount or a typed figure: at most two decimals, thousands separated by
// commas (1,250,000 or 1.5). Files keep the exact number (FormatNumber).
func FormatAmount(x float64) string {
	r := math.Round(x*100) / 100
	if r == 0 {
		r = 0 // no "-0"
	}
	return Grouped(FormatNumber(r))
}

// Grouped puts thousands separators into a number written in digits,
// with or without a sign and decimals: "-1250000.5" becomes
// "-1,250,000.5". ParseNumber reads it back.
func Grouped(s string) string {
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	whole, frac, hasFrac := strings.Cut(s, ".")
	var b strings.Builder
	b.WriteString(sign)
	for i, c := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if hasFrac {
		b.WriteString("." + frac)
	}
	return b.String()
}

// CheckText accepts text that an answers file can hold and read back:
// valid UTF-8 of at most MaxText characters with no control characters
// other than newline and tab, and no bidirectional overrides. Answers, notes, project and respondent names go
// through it before they are saved, so a saved file always loads again.
func CheckText(s string) error {
	if !utf8.ValidString(s) {
		return fmt.Errorf("text is not valid UTF-8")
	}
	if n := utf8.RuneCountInString(s); n > MaxText {
		return fmt.Errorf("text is %s characters; the limit is %s", FormatCount(n), FormatCount(MaxText))
	}
	if r, bad := printable.UnsafeRune(s); bad {
		return fmt.Errorf("text contains the control character %s", printable.Line(string(r)))
	}
	return nil
}
