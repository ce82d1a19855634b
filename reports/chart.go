package reports

import (
	"slices"
	"strings"
	"unicode"

	"github.com/vitals-dev/vitals/assessment"
	"github.com/vitals-dev/vitals/internal/printable"
	"github.com/vitals-dev/vitals/questions"
)

// mdChart is the mermaid bar chart of the sign scores: one horizontal bar
// per sign, coloured by its band, with both band thresholds drawn as lines.
// Each label holds the sign's full title, its score and its band in words:
// mermaid's own value labels shrink to fit the shortest bar, and vanish
// with it.
type mdChart struct {
	Palette string
	Height  int
	// Hidden is set when a series holds noBar values, which the report
	// then explains.
	Hidden bool
	Labels string
	Series []mdSeries
	Lines  []mdSeries
}

// mdSeries is one data series: a mermaid keyword ("bar" or "line") and its
// values.
type mdSeries struct{ Kind, Values string }

// The band colours: green, amber, red; the threshold lines in dark blue
// and dark grey. Dark enough for the white value labels mermaid prints.
var bandColour = map[questions.Risk]string{
	questions.RiskLow:    "#2e7d32",
	questions.RiskMedium: "#b26a00",
	questions.RiskHigh:   "#c62828",
	// Unknown is grey: neither good nor bad, not yet known.
	questions.RiskUnknown: "#616161",
}

const lowLineColour, mediumLineColour = "#1a237e", "#424242"

// noBar is the value that draws no bar: mermaid starts the axis a little
// before 0, so 0 or -1 still draw a sliver; a bar this far below the axis
// has a negative width, which browsers do not draw.
const noBar = "-100"

// mermaidChart lays out the chart. Mermaid colours a series, not a bar, so
// each band present is a series of its own that holds the scores of its
// signs and noBar for the others; the series overlap, and each sign shows
// as one bar in its band's colour. A sign that could not be scored keeps
// its row, labelled as such, with no bar.
func mermaidChart(res *assessment.Result) *mdChart {
	if len(res.Sections) == 0 {
		return nil
	}
	c := &mdChart{}
	var labels []string
	var palette []string
	bands := []questions.Risk{questions.RiskLow, questions.RiskMedium, questions.RiskUnknown, questions.RiskHigh}
	values := map[questions.Risk][]string{}
	present := map[questions.Risk]bool{}
	var low, medium []string
	for _, sr := range res.Sections {
		label := chartLabel(SectionName(res.Rubric, sr.Section))
		if sr.Scored {
			label += " (" + num(sr.Score) + ", " + string(sr.Risk) + ")"
		} else {
			label += " (not scored)"
		}
		labels = append(labels, `"`+label+`"`)
		for _, b := range bands {
			v := noBar
			if sr.Scored && sr.Risk == b {
				v = num(sr.Score)
				present[b] = true
			}
			values[b] = append(values[b], v)
		}
		low = append(low, num(sr.Bands.Low))
		medium = append(medium, num(sr.Bands.Medium))
	}
	for _, b := range bands {
		if present[b] {
			c.Hidden = c.Hidden || slices.Contains(values[b], noBar)
			c.Series = append(c.Series, mdSeries{Kind: "bar", Values: strings.Join(values[b], ",")})
			palette = append(palette, bandColour[b])
		}
	}
	c.Lines = []mdSeries{
		{Kind: "line", Values: strings.Join(low, ",")},
		{Kind: "line", Values: strings.Join(medium, ",")},
	}
	palette = append(palette, lowLineColour, mediumLineColour)
	// Mermaid reads the palette only with its spaces; the value lists
	// need none, and a report is measured in words.
	c.Palette = strings.Join(palette, ", ")
	c.Labels = strings.Join(labels, ",")
	c.Height = 80 + 60*len(res.Sections)
	return c
}

// chartLabel makes a section title safe inside a quoted mermaid label:
// letters, digits, spaces and plain punctuation; a double quote becomes a
// single one, anything else a space.
func chartLabel(s string) string {
	var b strings.Builder
	for _, r := range printable.Line(s) {
		switch {
		case r == '"':
			b.WriteRune('\'')
		case unicode.IsLetter(r), unicode.IsDigit(r), strings.ContainsRune(" .,:;!?'()/%+-", r):
			b.WriteRune(r)
		default:
			b.WriteRune(' ')
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}
