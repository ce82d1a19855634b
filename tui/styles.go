package tui

import (
	"fmt"
	"math"
	"strings"

	"charm.land/huh/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/vitals-dev/vitals/internal/printable"
	"github.com/vitals-dev/vitals/questions"
)

// styles are built once: lipgloss styles are values, and huh rebuilds its
// theme for every option it draws unless the theme is cached.
type styles struct {
	title, subtle, bold, faint, err, ok, warn, bad, selected lipgloss.Style
	box                                                      lipgloss.Style
	theme                                                    huh.Theme
}

var (
	cyan   = lipgloss.Color("6")
	green  = lipgloss.Color("2")
	yellow = lipgloss.Color("3")
	red    = lipgloss.Color("1")
	grey   = lipgloss.Color("8")
)

func newStyles() *styles {
	dark, light := huh.ThemeCharm(true), huh.ThemeCharm(false)
	for _, t := range []*huh.Styles{dark, light} {
		// Ticked and unticked must differ without colour too.
		for _, f := range []*huh.FieldStyles{&t.Focused, &t.Blurred} {
			f.SelectedPrefix = f.SelectedPrefix.SetString("[x] ")
			f.UnselectedPrefix = f.UnselectedPrefix.SetString("[ ] ")
		}
	}
	return &styles{
		title:    lipgloss.NewStyle().Bold(true).Foreground(cyan),
		subtle:   lipgloss.NewStyle().Foreground(grey),
		bold:     lipgloss.NewStyle().Bold(true),
		faint:    lipgloss.NewStyle().Faint(true),
		err:      lipgloss.NewStyle().Foreground(red).Bold(true),
		ok:       lipgloss.NewStyle().Foreground(green),
		warn:     lipgloss.NewStyle().Foreground(yellow),
		bad:      lipgloss.NewStyle().Foreground(red),
		selected: lipgloss.NewStyle().Foreground(cyan).Bold(true),
		box:      lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(grey).Padding(0, 1),
		theme: huh.ThemeFunc(func(isDark bool) *huh.Styles {
			if isDark {
				return dark
			}
			return light
		}),
	}
}

// risk renders a risk level as a coloured word with a symbol, so it reads
// the same without colour.
func (s *styles) risk(r questions.Risk) string {
	switch r {
	case questions.RiskLow:
		return s.ok.Render("● low risk")
	case questions.RiskMedium:
		return s.warn.Render("▲ medium risk")
	case questions.RiskHigh:
		return s.bad.Render("■ HIGH RISK")
	case questions.RiskUnknown:
		return s.warn.Render("? risk unknown")
	}
	return s.subtle.Render("○ not scored")
}

func (s *styles) riskStyle(r questions.Risk) lipgloss.Style {
	switch r {
	case questions.RiskLow:
		return s.ok
	case questions.RiskMedium:
		return s.warn
	case questions.RiskHigh:
		return s.bad
	case questions.RiskUnknown:
		return s.warn
	}
	return s.subtle
}

// bar draws a horizontal bar of width cells filled to pct (0–100).
func bar(pct float64, width int) string {
	if width < 1 {
		return ""
	}
	pct = math.Max(0, math.Min(100, pct))
	full := int(math.Round(pct / 100 * float64(width)))
	return strings.Repeat("█", full) + strings.Repeat("░", width-full)
}

// clean makes rubric or user text safe to show: control sequences are made
// visible, never sent to the terminal.
func clean(s string) string { return printable.Line(s) }

// cleanText is clean for multi-line text.
func cleanText(s string) string { return printable.Text(s) }

// wrapText wraps text to width, breaking long words if it must.
func wrapText(s string, width int) string {
	if width < 1 {
		width = 1
	}
	return ansi.Wrap(s, width, "")
}

// truncate cuts one line to width with an ellipsis.
func truncate(s string, width int) string {
	if width < 1 {
		return ""
	}
	return ansi.Truncate(s, width, "…")
}

// pct formats a percentage without noise.
func pct(x float64) string {
	return fmt.Sprintf("%.0f%%", x)
}

// themed gives a field the cached theme before its options are set: huh
// draws the options as they are set, and without a theme it builds its
// default one for every option.
func themed[F interface{ WithTheme(huh.Theme) huh.Field }](f F, st *styles) F {
	f.WithTheme(st.theme)
	return f
}
