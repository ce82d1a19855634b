package plain

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/vitals-dev/vitals/assessment"
	"github.com/vitals-dev/vitals/internal/printable"
	"github.com/vitals-dev/vitals/questions"
	"github.com/vitals-dev/vitals/reports"
	"github.com/vitals-dev/vitals/workspace"
)

// results prints the scored assessment in the order of the report's
// summary, worded by the same reports.Summary: the verdict, the money, the
// weakest signs, what is not known and the first actions; then the scores
// by part, the red flags and the business case in full.
func (p *plain) results(res *assessment.Result) {
	o := p.out
	sum := reports.Summarize(res)
	o.blank()
	o.say("Results for %s: %s", printable.Line(res.Answers.Project), res.Rubric.Title)
	verdict := strings.TrimPrefix(strings.TrimPrefix(sum.Verdict, "Overall: "), "Overall ")
	o.item("", "Overall score: "+verdict)
	for _, text := range []string{sum.Forced, sum.Message, sum.Money, sum.Weakest, sum.Coverage, sum.Unknown} {
		if text != "" {
			o.item("", text)
		}
	}
	if len(sum.Actions) > 0 {
		o.blank()
		o.say("First actions:")
		for i, a := range sum.Actions {
			o.item(fmt.Sprintf("  %d. ", i+1), a.Text+" ("+a.Points+" points)")
		}
	}

	o.blank()
	o.say("Scores by part:")
	for i, sr := range res.Sections {
		var what string
		switch {
		case !sr.Scored && sr.Forced:
			what = "not scored, high risk because of a critical red flag"
		case !sr.Scored:
			what = "not scored"
		case sr.Forced && sr.ScoreRisk != questions.RiskHigh:
			what = fmt.Sprintf("%s out of 100, high risk (a critical red flag raises it from %s)", reports.Num(sr.Score), sr.ScoreRisk)
		default:
			what = fmt.Sprintf("%s out of 100, %s risk", reports.Num(sr.Score), sr.Risk)
		}
		o.item(fmt.Sprintf("  %d. ", i+1), fmt.Sprintf("%s: %s.", sr.Section.Title, what))
	}

	o.blank()
	if len(res.Flags) == 0 {
		o.say("Red flags: none.")
	} else {
		o.say("Red flags (%d):", len(res.Flags))
		for _, f := range res.Flags {
			text := f.Text
			if f.Critical {
				text = "Critical: " + text
			}
			o.item("  - ", text)
		}
	}
	if bc := res.BusinessCase; bc != nil {
		o.blank()
		p.businessCase(bc)
	}
}

func (p *plain) businessCase(bc *assessment.Sensitivity) {
	o := p.out
	switch {
	case bc.Problem != "":
		o.item("", "Business case: cannot be worked out: "+bc.Problem+".")
		return
	case !bc.Available:
		var missing []string
		for _, q := range bc.Missing {
			if q != nil {
				missing = append(missing, q.Prompt)
			}
		}
		o.item("", "Business case: not worked out; it needs answers to: "+strings.Join(missing, " / "))
		return
	}
	o.say("Business case over %s, by adoption, each reached from the first day:", reports.Years(bc.HorizonYears))
	for _, sc := range bc.Scenarios {
		label := fmt.Sprintf("  At %s%%", assessment.FormatNumber(sc.Adoption))
		if sc.Assumed {
			label += " (assumed)"
		}
		text := fmt.Sprintf("benefit %s, cost %s, net %s", plainMoney(sc.Benefit, bc.Currency), plainMoney(sc.Cost, bc.Currency), plainMoney(sc.Net, bc.Currency))
		if sc.HasROI {
			text += fmt.Sprintf(", return %s%%", reports.Num(sc.ROI))
		}
		text += "; it " + reports.PaybackText(sc, bc.HorizonYears)
		o.item(label+": ", text+".")
	}
	// The money line of the summary above says what the break-even means.
	if bc.HasBreakEven {
		o.item("  ", fmt.Sprintf("Break-even adoption: %s%%.", reports.Num(bc.BreakEven)))
	}
}

// plainMoney writes an amount as the reports do, with the currency when
// the rubric names one.
func plainMoney(x float64, currency string) string {
	if currency != "" {
		return reports.Money(x) + " " + currency
	}
	return reports.Money(x)
}

// writeReport writes the report next to the answers file or to the --out
// path. An existing file is overwritten only when the user at a terminal
// says so; otherwise, and always from a script (a question it did not
// expect would take one of its lines), the report gets a new name, so
// nothing is lost either way.
func (p *plain) writeReport() (string, error) {
	path := p.cfg.OutPath
	if path == "" {
		path = workspace.ReportPathFor(p.s.Path)
	}
	err := p.writeReportFile(path, false)
	if errors.Is(err, workspace.ErrExists) {
		overwrite := false
		p.out.blank()
		if p.cfg.Interactive {
			p.out.say("The report file %s already exists.", printable.Line(path))
			line, rerr := p.prompt("Overwrite it? Type y for yes; Enter or n keeps it and saves the report under a new name (y/N):")
			if rerr != nil && p.ctx.Err() != nil {
				return "", rerr
			}
			a := strings.ToLower(strings.TrimSpace(line))
			overwrite = rerr == nil && (a == "y" || a == "yes")
		}
		if overwrite {
			err = p.writeReportFile(path, true)
		} else {
			orig := path
			for errors.Is(err, workspace.ErrExists) {
				ext := filepath.Ext(orig)
				path = workspace.FreeName(strings.TrimSuffix(orig, ext), ext, 2)
				err = p.writeReportFile(path, false)
			}
			if err == nil {
				p.out.say("The report file %s already exists, so this report is saved as %s.", printable.Line(orig), printable.Line(path))
			}
		}
	}
	if err != nil {
		return "", fmt.Errorf("write report %s: %w", printable.Line(path), err)
	}
	return path, nil
}

// writeReportFile renders the report and writes it to path.
func (p *plain) writeReportFile(path string, overwrite bool) error {
	var buf bytes.Buffer
	if err := reports.Render(&buf, p.s.Result(), reports.Options{Format: reports.Format("md"), Version: p.cfg.Version}); err != nil {
		return fmt.Errorf("render report: %w", err)
	}
	data := buf.Bytes()
	return p.s.WriteReport(path, data, overwrite)
}
