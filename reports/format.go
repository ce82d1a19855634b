package reports

import (
	"fmt"
	"math"
	"strconv"

	"github.com/vitals-dev/vitals/assessment"
	"github.com/vitals-dev/vitals/questions"
)

// roundTo rounds x to n decimals; -0 becomes 0 so it never prints as "-0".
func roundTo(x float64, n int) float64 {
	p := math.Pow(10, float64(n))
	r := math.Round(x*p) / p
	if r == 0 {
		return 0
	}
	return r
}

// num writes a number rounded to one decimal, without trailing zeros.
func num(x float64) string { return assessment.FormatNumber(roundTo(x, 1)) }

// pct writes a fraction (0.25) as a percentage with at most one decimal
// ("25%").
func pct(frac float64) string { return num(100*frac) + "%" }

// points writes a share of the overall score, keeping small but real
// amounts from printing as 0.
func points(x float64) string {
	if x > 0 && x < 0.05 {
		return "under 0.1"
	}
	// Always one decimal: "1.0 points", never "1 points".
	return strconv.FormatFloat(roundTo(x, 1), 'f', 1, 64)
}

// money writes an amount with at most two decimals and thousands
// separators, as every screen does: 1,250,000 or 1.5.
func money(x float64) string { return assessment.FormatAmount(x) }

// riskSymbol is the coloured mark shown next to a risk word. The word is
// always printed too, so the meaning never rests on colour.
func riskSymbol(r questions.Risk) string {
	switch r {
	case questions.RiskLow:
		return "🟢"
	case questions.RiskMedium:
		return "🟡"
	case questions.RiskHigh:
		return "🔴"
	case questions.RiskUnknown:
		return "❔"
	}
	return "⚪"
}

// statusName is the stable name of a question's status in JSON.
func statusName(s assessment.Status) string {
	switch s {
	case assessment.Answered:
		return "answered"
	case assessment.DontKnow:
		return "dont_know"
	case assessment.Unanswered:
		return "unanswered"
	case assessment.NotApplicable:
		return "not_applicable"
	}
	return "hidden"
}

// oneOf picks the singular or plural word: oneOf(n == 1, "is", "are").
func oneOf(singular bool, one, many string) string {
	if singular {
		return one
	}
	return many
}

func itoa(n int) string { return assessment.FormatNumber(float64(n)) }

// riskName is a risk level as JSON writes it: "low", "medium", "high",
// "unknown" (not enough is known, by the rubric's rule), or "not_scored".
func riskName(r questions.Risk) string {
	if r == questions.RiskNone {
		return "not_scored"
	}
	return string(r)
}

// RiskSymbol is the coloured mark a report shows next to a risk word, for
// other markdown vitals writes (check's summary, the portfolio).
func RiskSymbol(r questions.Risk) string { return riskSymbol(r) }

// Count is "1 project", "3 projects": a count with its noun.
func Count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// RiskName is a risk level as JSON and CSV write it (see riskName).
func RiskName(r questions.Risk) string { return riskName(r) }

// SignedPoints writes a change with its sign: "+6.0", "−2.5", "0.0".
func SignedPoints(x float64) string { return signedPoints(x) }

// MarkdownText escapes text from a file (a project's name, a path) for
// markdown: it shows as written, never as markup, a link or HTML, and a
// table cell stays one cell.
func MarkdownText(s string) string { return md(s) }
