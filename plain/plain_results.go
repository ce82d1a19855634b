package plain

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/vitals-dev/vitals/assessment"
	"github.com/vitals-dev/vitals/questions"
	"github.com/vitals-dev/vitals/reports"
	"github.com/vitals-dev/vitals/workspace"
)

// results prints the scored assessment: the overall and section scores with
// their risk in words, red flags, top actions and the business case.
func (p *plain) results(res *assessment.Result) {
	o := p.out
	o.blank()
	o.say("Results for %s: %s", questions.Printable(res.Answers.Project), res.Rubric.Title)
	if res.Scored {
		if res.Forced {
			o.say("Overall score: %s out of 100, high risk (a critical red flag raises it from %s).", assessment.FormatNumber(res.Score), res.Rubric.Bands.Risk(res.Score))
		} else {
			o.say("Overall score: %s out of 100, %s risk.", assessment.FormatNumber(res.Score), res.Risk)
		}
	} else {
		o.say("Overall score: none; no scored question was answered.")
	}
	answered, visible := p.s.Progress()
	o.say("Answered %d of %d questions; %d \"don't know\", %d left unanswered.", answered, visible, len(res.DontKnow), len(res.Unanswered))

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
			what = fmt.Sprintf("%s out of 100, high risk (a critical red flag raises it from %s)", assessment.FormatNumber(sr.Score), sr.ScoreRisk)
		default:
			what = fmt.Sprintf("%s out of 100, %s risk", assessment.FormatNumber(sr.Score), sr.Risk)
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

	if len(res.Actions) > 0 {
		o.blank()
		o.say("Top recommended actions:")
		for i, a := range res.Actions[:min(plainTopActions, len(res.Actions))] {
			o.item(fmt.Sprintf("  %d. ", i+1), a.Text)
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
	o.say("Business case over %s years, by adoption:", assessment.FormatNumber(bc.HorizonYears))
	for _, sc := range bc.Scenarios {
		label := fmt.Sprintf("  At %s%%", assessment.FormatNumber(sc.Adoption))
		if sc.Assumed {
			label += " (assumed)"
		}
		text := fmt.Sprintf("benefit %s, cost %s, net %s", plainMoney(sc.Benefit, bc.Currency), plainMoney(sc.Cost, bc.Currency), plainMoney(sc.Net, bc.Currency))
		if sc.HasROI {
			text += fmt.Sprintf(", return %s%%", assessment.FormatNumber(math.Round(sc.ROI)))
		}
		if sc.Pays {
			text += fmt.Sprintf("; pays back after %s months", assessment.FormatNumber(math.Round(sc.PaybackMonths)))
		} else {
			text += "; never pays back"
		}
		o.item(label+": ", text+".")
	}
	// Summary gives the break-even level itself when no adoption reaches it.
	if bc.HasBreakEven && bc.Reachable {
		o.item("  ", fmt.Sprintf("Break-even adoption: %s%%.", assessment.FormatNumber(assessment.Round1(bc.BreakEven))))
	}
	if s := bc.Summary(); s != "" {
		o.item("  ", s)
	}
}

// plainMoney writes an amount rounded to whole units with thousands separated by
// commas, and the currency when the rubric names one.
func plainMoney(x float64, currency string) string {
	s := strconv.FormatFloat(math.Abs(math.Round(x)), 'f', 0, 64)
	var b strings.Builder
	if math.Round(x) < 0 {
		b.WriteByte('-')
	}
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if currency != "" {
		b.WriteString(" " + currency)
	}
	return b.String()
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
			p.out.say("The report file %s already exists.", questions.Printable(path))
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
				p.out.say("The report file %s already exists, so this report is saved as %s.", questions.Printable(orig), questions.Printable(path))
			}
		}
	}
	if err != nil {
		return "", fmt.Errorf("write report %s: %w", questions.Printable(path), err)
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
