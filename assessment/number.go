package assessment

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/vitals-dev/vitals/internal/printable"
)

var (
	numberThenUnit = regexp.MustCompile(`^([+-]?[\d.]+)\s*([\p{L}%]+)$`)
	decimalNumber  = regexp.MustCompile(`^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$`)
	groupedNumber  = regexp.MustCompile(`^[+-]?\d{1,3}([,_' ]\d{3})+(\.\d+)?$`)
)

// ParseNumber reads a number as people type it, in every mode:
//   - digits with a dot for decimals (2.5), or thousands grouped by commas,
//     spaces, underscores or apostrophes (1,250,000); "2,5" is refused
//     rather than read as 25;
//   - the question's unit after it (80%, 5 years);
//   - for an amount (no unit, or a unit that is not % or time): a currency
//     sign before it ($1,250,000) and k or m for thousands and millions
//     (800k, 1.5m).
//
// A unit that is not the question's is refused with the one expected.
func ParseNumber(line, unit string) (float64, error) {
	s := strings.TrimSpace(line)
	if unit != "" && len(s) > len(unit) && strings.EqualFold(s[len(s)-len(unit):], unit) {
		s = strings.TrimSpace(s[:len(s)-len(unit)])
	}
	mult := 1.0
	if isAmount(unit) {
		s = strings.TrimSpace(strings.TrimLeft(s, "$€£¥"))
		switch {
		case strings.HasSuffix(s, "k"), strings.HasSuffix(s, "K"):
			mult, s = 1e3, strings.TrimSpace(s[:len(s)-1])
		case strings.HasSuffix(s, "m"), strings.HasSuffix(s, "M"):
			mult, s = 1e6, strings.TrimSpace(s[:len(s)-1])
		}
	}
	if groupedNumber.MatchString(s) {
		s = strings.NewReplacer(",", "", "_", "", "'", "", " ", "").Replace(s)
	}
	if !decimalNumber.MatchString(s) {
		if m := numberThenUnit.FindStringSubmatch(s); m != nil && unit != "" && decimalNumber.MatchString(strings.TrimSpace(m[1])) {
			// A number with a unit of its own after it.
			return 0, fmt.Errorf("\"%s\" does not fit: type a number of %s, such as %s", printable.Line(line), unitWord(unit), example(unit))
		}
		return 0, fmt.Errorf("\"%s\" is not a number; type digits, with a dot for decimals (such as 1250000 or 2.5)", printable.Line(line))
	}
	x, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(x*mult, 0) || math.IsNaN(x) {
		return 0, fmt.Errorf("\"%s\" is not a number that vitals can use", printable.Line(line))
	}
	return x * mult, nil
}

func unitWord(unit string) string {
	if unit == "%" {
		return "percent"
	}
	return unit
}

func example(unit string) string {
	if unit == "%" {
		return "80%"
	}
	return "5 " + unit
}

// isAmount reports whether numbers in unit can be amounts of money: a
// currency sign or "1.5m" makes no sense in percent or years.
func isAmount(unit string) bool {
	switch strings.ToLower(strings.TrimSpace(unit)) {
	case "%", "percent", "year", "years", "month", "months", "week", "weeks", "day", "days", "hour", "hours":
		return false
	}
	return true
}
