package gate

import (
	"fmt"
	"strings"
	"time"

	"github.com/vitals-dev/vitals/assessment"
	"github.com/vitals-dev/vitals/questions"
	"github.com/vitals-dev/vitals/reports"
)

// Exit codes of vitals check, documented in the README and its help.
const (
	ExitOK       = 0 // every project passes (warnings allowed)
	ExitBreached = 1 // a rule failed: risk, regression, unfinished
	ExitInvalid  = 2 // bad command line, policy or answers file
	ExitStale    = 3 // the only failures are assessments too old
)

// Subject is one project as check sees it: its latest finished run,
// scored, and the run before it.
type Subject struct {
	Project string // display name
	Key     string // project id
	Rubric  string // rubric id
	// Source is the latest run's answers file (a workshop's: its folder).
	Source string
	// Date is the latest run's own date (the answers' updated time).
	Date        time.Time
	Respondents int
	// Result is the latest finished run scored; nil when no run of the
	// project was finished.
	Result *assessment.Result
	// Previous is the run before it, scored against the same rubric, and
	// where it came from; nil when there is none.
	Previous       *assessment.Result
	PreviousSource string
	// HistoryNote says why earlier runs may be missing (a shallow clone).
	HistoryNote string
	// Unfinished are answers files of a run started after the latest
	// finished one and not finished.
	Unfinished []string
}

// Finding is one thing check found about a project.
type Finding struct {
	Level Level
	// Rule is what was checked: stale, due, risk, regression, incomplete,
	// unfinished, history.
	Rule string
	Text string
}

// Verdict is a project's findings.
type Verdict struct {
	Subject  *Subject
	Findings []Finding
	// AgeDays is the latest run's age in whole days; -1 without one.
	AgeDays int
}

// Worst is the verdict's worst level: fail, warn, or "" when it passes.
func (v *Verdict) Worst() Level {
	worst := Level("")
	for _, f := range v.Findings {
		if f.Level == Fail {
			return Fail
		}
		if f.Level == Warn {
			worst = Warn
		}
	}
	return worst
}

// Report is check's verdict on every project.
type Report struct {
	Policy   *Policy
	Now      time.Time
	Verdicts []Verdict
	// WarnOnly is set when failures are reported as warnings (--warn-only):
	// the exit status is 0 whatever was found.
	WarnOnly bool
	// Invalid are the answers files that could not be read or scored,
	// each as file:line:col and what is wrong: the check is not to be
	// trusted while they are (exit 2).
	Invalid []string
}

// Check applies the policy to the subjects, at time now.
func Check(p *Policy, subjects []*Subject, now time.Time) *Report {
	r := &Report{Policy: p, Now: now}
	for _, s := range subjects {
		r.Verdicts = append(r.Verdicts, p.verdict(s, now))
	}
	return r
}

func (p *Policy) verdict(s *Subject, now time.Time) Verdict {
	v := Verdict{Subject: s, AgeDays: -1}
	add := func(l Level, rule, format string, args ...any) {
		if l == Off {
			return
		}
		v.Findings = append(v.Findings, Finding{Level: l, Rule: rule, Text: fmt.Sprintf(format, args...)})
	}
	res := s.Result
	if res == nil {
		l := Warn
		if p.RequireComplete {
			l = Fail
		}
		if len(s.Unfinished) > 0 {
			add(l, "incomplete", "no assessment was finished; one is under way in %s", s.Unfinished[len(s.Unfinished)-1])
		} else {
			add(l, "incomplete", "no assessment was finished")
		}
		return v
	}

	age := AgeDays(s.Date, now)
	v.AgeDays = age
	switch {
	case age > p.MaxAge:
		add(Fail, "stale", "assessed %s, %s ago: older than the %s the policy allows", day(s.Date), days(age), days(p.MaxAge))
	case age == p.MaxAge:
		add(Warn, "due", "assessed %s, %s ago: due again today", day(s.Date), days(age))
	case age > p.MaxAge-DueSoon:
		add(Warn, "due", "assessed %s, %s ago: due again within %s", day(s.Date), days(age), days(p.MaxAge-age))
	}

	p.riskFindings(res, add)

	if missing := unansweredThatCount(res); len(missing) > 0 {
		l := Warn
		if p.RequireComplete {
			l = Fail
		}
		add(l, "incomplete", "%s left unanswered that the score or the rubric needs: %s", reports.Count(len(missing), "question", "questions"), idList(missing))
	}
	if len(s.Unfinished) > 0 {
		add(Warn, "unfinished", "a newer run is under way, not finished: %s", s.Unfinished[len(s.Unfinished)-1])
	}

	if s.Previous != nil {
		since := reports.Compare(res, []*assessment.Result{s.Previous}, s.PreviousSource, nil)
		for _, c := range since.Signs {
			if c.Direction != "worse" {
				continue
			}
			add(p.Regression, "regression", "%s is worse than in the previous run (%s): %s → %s, %s points",
				c.Title, since.Previous.Date, c.BeforeRisk, c.Risk, reports.SignedPoints(c.Change))
		}
	} else if s.HistoryNote != "" && p.Regression != Off {
		add(Warn, "history", "%s", s.HistoryNote)
	}
	return v
}

// unansweredThatCount lists the questions left unanswered that matter:
// required ones, and those that carry points. A question skipped that is
// only recorded (a free-text note, a name) leaves a finished run
// finished.
func unansweredThatCount(res *assessment.Result) []string {
	var ids []string
	for _, q := range res.Unanswered {
		if q.Required || (assessment.BasisOf(q) != assessment.NotScored && q.Weight > 0) {
			ids = append(ids, q.ID)
		}
	}
	return ids
}

// idList is "a, b, c" for a few ids, "a, b, c and 4 more" for many.
func idList(ids []string) string {
	const shown = 5
	if len(ids) <= shown {
		return strings.Join(ids, ", ")
	}
	return strings.Join(ids[:shown], ", ") + fmt.Sprintf(" and %d more", len(ids)-shown)
}

// riskFindings applies the risk thresholds, overall and per sign: a
// rule that fails is not also given as a warning.
func (p *Policy) riskFindings(res *assessment.Result, add func(Level, string, string, ...any)) {
	check := func(what string, r questions.Risk, failOn, warnOn questions.Risk) {
		switch {
		case Fires(r, failOn, p.AllowUnknown):
			add(Fail, "risk", "%s — %s risk; the policy fails at %s", what, r, failOn)
		case Fires(r, warnOn, p.AllowUnknown):
			add(Warn, "risk", "%s — %s risk; the policy warns at %s", what, r, warnOn)
		case r == questions.RiskUnknown && (Fires(r, failOn, false) || Fires(r, warnOn, false)):
			// Let pass, never unseen: not enough is known to call it.
			add(Warn, "risk", "%s — unknown risk (too much answered \"don't know\"); allowed by allow_unknown", what)
		}
	}
	check("Overall", res.Risk, p.FailOn, p.WarnOn)
	for _, sr := range res.Sections {
		failOn, warnOn := p.FailOn, p.WarnOn
		if rule, ok := p.Signs[sr.Section.ID]; ok {
			if rule.failSet {
				failOn = rule.FailOn
			}
			if rule.warnSet {
				warnOn = rule.WarnOn
			}
		}
		check(reports.SectionName(res.Rubric, sr.Section), sr.Risk, failOn, warnOn)
	}
}

// Exit is check's exit status: ExitInvalid when an answers file could not
// be read (under WarnOnly too: that is not the policy's to excuse),
// ExitBreached when a rule other than age failed, ExitStale when only age
// did, ExitOK otherwise and always under WarnOnly.
func (r *Report) Exit() int {
	if len(r.Invalid) > 0 {
		return ExitInvalid
	}
	if r.WarnOnly {
		return ExitOK
	}
	stale, breached := false, false
	for _, v := range r.Verdicts {
		for _, f := range v.Findings {
			if f.Level != Fail {
				continue
			}
			if f.Rule == "stale" {
				stale = true
			} else {
				breached = true
			}
		}
	}
	switch {
	case breached:
		return ExitBreached
	case stale:
		return ExitStale
	}
	return ExitOK
}

// Counts are how many projects fail, warn and pass.
func (r *Report) Counts() (failed, warned, passed int) {
	for i := range r.Verdicts {
		switch r.Verdicts[i].Worst() {
		case Fail:
			failed++
		case Warn:
			warned++
		default:
			passed++
		}
	}
	return
}

// AgeDays is the age of a run dated t at time now, in calendar days (UTC):
// a run of yesterday evening is 1 day old this morning.
func AgeDays(t, now time.Time) int {
	y1, m1, d1 := t.UTC().Date()
	y2, m2, d2 := now.UTC().Date()
	n := int(time.Date(y2, m2, d2, 0, 0, 0, 0, time.UTC).Sub(time.Date(y1, m1, d1, 0, 0, 0, 0, time.UTC)).Hours() / 24)
	return max(n, 0)
}

func day(t time.Time) string { return t.UTC().Format("2006-01-02") }

func days(n int) string { return reports.Count(n, "day", "days") }
