package gate

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/vitals-dev/vitals/internal/printable"
	"github.com/vitals-dev/vitals/questions"
	"github.com/vitals-dev/vitals/reports"
)

// Headline is the check's result in one line: "2 of 5 projects failed".
func (r *Report) Headline() string {
	h := r.headline()
	if len(r.Invalid) > 0 {
		h = fmt.Sprintf("%s could not be read; ", reports.Count(len(r.Invalid), "answers file", "answers files")) + h
	}
	return h
}

func (r *Report) headline() string {
	failed, warned, passed := r.Counts()
	n := failed + warned + passed
	switch {
	case n == 0 && len(r.Invalid) > 0:
		return "no project could be checked"
	case n == 0:
		return "no assessments found"
	case failed > 0 && r.WarnOnly:
		return fmt.Sprintf("%d of %s would fail (--warn-only)", failed, reports.Count(n, "project", "projects"))
	case failed > 0:
		return fmt.Sprintf("%d of %s failed", failed, reports.Count(n, "project", "projects"))
	case warned > 0:
		return fmt.Sprintf("%s passed (%d with warnings)", reports.Count(n, "project", "projects"), warned)
	}
	return fmt.Sprintf("%s passed", reports.Count(n, "project", "projects"))
}

// PolicyLine says the policy in one line.
func (r *Report) PolicyLine() string {
	p := r.Policy
	from := "the default policy"
	if p.File != "" {
		from = p.File
	}
	parts := []string{fmt.Sprintf("stale after %s", days(p.MaxAge))}
	parts = append(parts, "fails at "+threshold(p.FailOn), "warns at "+threshold(p.WarnOn))
	if len(p.Signs) > 0 {
		parts = append(parts, fmt.Sprintf("%s with %s own levels", reports.Count(len(p.Signs), "sign", "signs"), map[bool]string{true: "its", false: "their"}[len(p.Signs) == 1]))
	}
	switch p.Regression {
	case Fail:
		parts = append(parts, "a regression fails")
	case Warn:
		parts = append(parts, "a regression warns")
	}
	if p.AllowUnknown {
		parts = append(parts, "an unknown risk only warns")
	}
	if p.RequireComplete {
		parts = append(parts, "a finished assessment required")
	}
	if len(p.Overrides) > 0 {
		from += " with " + strings.Join(p.Overrides, " and ")
	}
	return printable.Line(from) + ": " + strings.Join(parts, ", ")
}

func threshold(r questions.Risk) string {
	if r == questions.RiskNone {
		return "no level"
	}
	return string(r)
}

// InvalidMarkdown is the summary of a check that could not run at all (a
// bad policy file, no answers files): what is wrong, for the CI page.
func InvalidMarkdown(err error) []byte {
	return []byte("# ❌ vitals check: invalid input\n\n```text\n" + codeBlockText(err.Error()) + "\n```\n")
}

// codeBlockText is text safe inside a fenced code block: printable, and
// no fence of its own to end the block early.
func codeBlockText(s string) string {
	return strings.ReplaceAll(printable.Text(s), "```", "` ` `")
}

// order puts the failing projects first, then those with warnings, each
// by name.
func (r *Report) order() []*Verdict {
	out := make([]*Verdict, len(r.Verdicts))
	for i := range r.Verdicts {
		out[i] = &r.Verdicts[i]
	}
	rank := func(v *Verdict) int {
		switch v.Worst() {
		case Fail:
			return 0
		case Warn:
			return 1
		}
		return 2
	}
	slices.SortStableFunc(out, func(x, y *Verdict) int {
		if a, b := rank(x), rank(y); a != b {
			return a - b
		}
		return strings.Compare(strings.ToLower(x.Subject.Project), strings.ToLower(y.Subject.Project))
	})
	return out
}

// Text writes the check for a terminal or a CI log: a headline, then one
// block per project, failing ones first.
func (r *Report) Text(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "vitals check: %s\n", r.Headline())
	fmt.Fprintf(&b, "policy %s\n", r.PolicyLine())
	if len(r.Invalid) > 0 {
		b.WriteString("\nINVALID  answers files that could not be read:\n")
		for _, e := range r.Invalid {
			for _, line := range strings.Split(e, "\n") {
				fmt.Fprintf(&b, "      %s\n", printable.Line(line))
			}
		}
	}
	for _, v := range r.order() {
		s := v.Subject
		mark := "ok  "
		switch v.Worst() {
		case Fail:
			mark = "FAIL"
			if r.WarnOnly {
				mark = "fail"
			}
		case Warn:
			mark = "warn"
		}
		overall := "not finished"
		if s.Result != nil {
			overall = "overall " + s.Result.Risk.String()
		}
		fmt.Fprintf(&b, "\n%s  %s (%s, %s)  %s\n", mark, printable.Line(s.Project), overall, printable.Line(s.Rubric), printable.Line(s.Source))
		for _, f := range v.Findings {
			fmt.Fprintf(&b, "      %s %s: %s\n", f.Level, f.Rule, printable.Line(f.Text))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// Markdown writes the check as markdown for a pull request or
// $GITHUB_STEP_SUMMARY: a headline, a table of the projects, failing
// ones first, and what each one's findings are.
func (r *Report) Markdown(w io.Writer, version string) error {
	var b strings.Builder
	failed, _, _ := r.Counts()
	icon := "✅"
	switch {
	case len(r.Invalid) > 0, failed > 0 && !r.WarnOnly:
		icon = "❌"
	case failed > 0, r.hasWarnings():
		icon = "⚠️"
	}
	fmt.Fprintf(&b, "# %s vitals check: %s\n\n", icon, r.Headline())
	if len(r.Invalid) > 0 {
		b.WriteString("These answers files could not be read; fix them and run the check again:\n\n```text\n")
		for _, e := range r.Invalid {
			b.WriteString(codeBlockText(e) + "\n")
		}
		b.WriteString("```\n\n")
	}
	ordered := r.order()
	if len(ordered) > 0 {
		b.WriteString("| Project | Rubric | Overall | Assessed | Check |\n| --- | --- | --- | --- | --- |\n")
		for _, v := range ordered {
			s := v.Subject
			overall, assessed := "⚪ not finished", "never"
			if s.Result != nil {
				overall = reports.RiskSymbol(s.Result.Risk) + " " + s.Result.Risk.String()
				assessed = fmt.Sprintf("%s (%s ago)", day(s.Date), days(v.AgeDays))
			}
			fmt.Fprintf(&b, "| %s | `%s` | %s | %s | %s |\n", reports.MarkdownText(s.Project), s.Rubric, overall, assessed, r.cell(v))
		}
	}
	for _, v := range ordered {
		if len(v.Findings) == 0 {
			continue
		}
		fmt.Fprintf(&b, "\n## %s %s\n\n", levelIcon(v.Worst(), r.WarnOnly), reports.MarkdownText(v.Subject.Project))
		for _, f := range v.Findings {
			fmt.Fprintf(&b, "- %s **%s**: %s\n", levelIcon(f.Level, r.WarnOnly), f.Rule, reports.MarkdownText(f.Text))
		}
	}
	fmt.Fprintf(&b, "\nPolicy: %s.", reports.MarkdownText(r.PolicyLine()))
	if version != "" {
		fmt.Fprintf(&b, " Checked by vitals %s on %s.", reports.MarkdownText(version), day(r.Now))
	}
	b.WriteString("\n")
	_, err := io.WriteString(w, b.String())
	return err
}

func (r *Report) hasWarnings() bool {
	for i := range r.Verdicts {
		if r.Verdicts[i].Worst() != "" {
			return true
		}
	}
	return false
}

// cell is a project's check column: its worst level, and the rules that
// failed and warned: "❌ fail: stale; warn: risk".
func (r *Report) cell(v *Verdict) string {
	if len(v.Findings) == 0 {
		return "✅ pass"
	}
	var parts []string
	for _, l := range []Level{Fail, Warn} {
		var rules []string
		for _, f := range v.Findings {
			if f.Level == l && !slices.Contains(rules, f.Rule) {
				rules = append(rules, f.Rule)
			}
		}
		if len(rules) > 0 {
			parts = append(parts, string(l)+": "+strings.Join(rules, ", "))
		}
	}
	return levelIcon(v.Worst(), r.WarnOnly) + " " + strings.Join(parts, "; ")
}

func levelIcon(l Level, warnOnly bool) string {
	switch {
	case l == Fail && !warnOnly:
		return "❌"
	case l == Fail, l == Warn:
		return "⚠️"
	}
	return "✅"
}
