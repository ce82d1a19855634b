// Package gate is vitals check: a team's policy for its assessments (how
// old the latest may be, what risk fails or warns, whether a regression
// or an unfinished run fails) and its verdict on the projects found, for a
// CI job to stop on. It reads no files: the caller finds and scores the
// runs.
package gate

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"go.yaml.in/yaml/v4"

	"github.com/vitals-dev/vitals/internal/printable"
	"github.com/vitals-dev/vitals/internal/yamlfile"
	"github.com/vitals-dev/vitals/questions"
)

// PolicyFile is the policy's name at the root of a repository.
const PolicyFile = ".vitals.yaml"

// DefaultMaxAge is the age, in days, past which an assessment is stale
// when the policy does not say: a quarter, with two weeks to get round
// to it.
const DefaultMaxAge = 105

// DueSoon is how many days before it goes stale an assessment is
// flagged as due, as a warning.
const DueSoon = 14

// Level is what a finding does to the check: fail it, or warn.
type Level string

// The levels of a finding, and "off" for a rule that is not checked.
const (
	Fail Level = "fail"
	Warn Level = "warn"
	Off  Level = "off"
)

// Policy is a team's rules for its assessments.
type Policy struct {
	// File is where the policy was read from; empty for the defaults.
	File string
	// MaxAge is the age in days past which the latest assessment is stale.
	MaxAge int
	// FailOn and WarnOn are the overall risk that fails and that warns
	// (medium, high, unknown, or none); Signs override them per sign.
	FailOn, WarnOn questions.Risk
	Signs          map[string]SignRule
	// AllowUnknown lets an unknown risk pass a medium or high threshold
	// (which, not shown to be below it, it fails otherwise).
	AllowUnknown bool
	// Regression is what a sign worse than in the previous run does.
	Regression Level
	// RequireComplete fails a project with no finished assessment, and
	// one whose latest assessment left questions unanswered.
	RequireComplete bool

	// Overrides are the flags that changed the policy for this run, as
	// typed ("--max-age 10"), for the summary to say.
	Overrides []string

	signPos map[string]questions.Pos
}

// SignRule is one sign's own thresholds; an empty risk keeps the
// overall one.
type SignRule struct {
	FailOn, WarnOn questions.Risk
	// failSet and warnSet say the threshold was written, none included.
	failSet, warnSet bool
}

// Default is the policy when there is no policy file.
func Default() *Policy {
	return &Policy{
		MaxAge:          DefaultMaxAge,
		FailOn:          questions.RiskHigh,
		WarnOn:          questions.RiskMedium,
		Regression:      Warn,
		RequireComplete: true,
	}
}

var (
	policyKeys = []string{"max_age_days", "fail_on", "warn_on", "allow_unknown", "regression", "require_complete", "signs"}
	signKeys   = []string{"fail_on", "warn_on"}
)

// ParsePolicy reads a policy file; name is used in messages. Every
// problem is given as file:line:col.
func ParsePolicy(name string, data []byte) (*Policy, error) {
	p := Default()
	p.File = name
	if onlyComments(data) {
		// An empty policy, or one of comments only, is the defaults.
		return p, nil
	}
	root, probs := yamlfile.ReadYAML(name, data)
	if root == nil {
		return nil, yamlfile.Cap(probs)
	}
	f := &yamlfile.Fields{File: name, Probs: probs}
	if root.Kind == yaml.ScalarNode && root.Tag == "!!null" {
		// An empty file is the defaults.
		return p, nil
	}
	var warnNode *yaml.Node
	f.Map(root, "policy", policyKeys, nil, func(key string, v *yaml.Node) {
		switch key {
		case "max_age_days":
			if n, ok := f.Int(v, "max_age_days"); ok {
				if n < 1 {
					f.Errorf(v, "a quarter is about 92 days", "max_age_days must be at least 1, got %d", n)
				}
				p.MaxAge = n
			}
		case "fail_on":
			p.FailOn = riskValue(f, v, "fail_on")
		case "warn_on":
			p.WarnOn = riskValue(f, v, "warn_on")
			warnNode = v
		case "allow_unknown":
			p.AllowUnknown, _ = f.Bool(v, "allow_unknown")
		case "require_complete":
			p.RequireComplete, _ = f.Bool(v, "require_complete")
		case "regression":
			s, ok := f.String(v, "regression")
			if ok {
				switch Level(s) {
				case Fail, Warn, Off:
					p.Regression = Level(s)
				default:
					f.Errorf(v, "", "regression must be fail, warn or off, got %q", printable.Line(s))
				}
			}
		case "signs":
			if v.Kind != yaml.MappingNode {
				f.Errorf(v, "", "signs must be a mapping of sign ids to rules, got %s", yamlfile.Describe(v))
				return
			}
			p.Signs = map[string]SignRule{}
			p.signPos = map[string]questions.Pos{}
			for i := 0; i+1 < len(v.Content); i += 2 {
				k, sv := v.Content[i], v.Content[i+1]
				var rule SignRule
				what := "signs." + k.Value
				f.Map(sv, what, signKeys, nil, func(key string, v *yaml.Node) {
					switch key {
					case "fail_on":
						rule.FailOn, rule.failSet = riskValue(f, v, what+".fail_on"), true
					case "warn_on":
						rule.WarnOn, rule.warnSet = riskValue(f, v, what+".warn_on"), true
					}
				})
				p.Signs[k.Value] = rule
				p.signPos[k.Value] = questions.Pos{Line: k.Line, Col: k.Column}
			}
		}
	})
	if warnNode != nil && p.WarnOn != questions.RiskNone && p.FailOn != questions.RiskNone &&
		p.WarnOn != questions.RiskUnknown && p.FailOn != questions.RiskUnknown && p.WarnOn.Rank() > p.FailOn.Rank() {
		// Fail is checked first: a warning above it could never be given.
		f.Errorf(warnNode, fmt.Sprintf("warn at %s or below, or set fail_on higher", p.FailOn), "warn_on %s is above fail_on %s: it would never warn", p.WarnOn, p.FailOn)
	}
	if len(f.Probs) > 0 {
		return nil, yamlfile.Cap(f.Probs)
	}
	return p, nil
}

// riskValue reads a threshold: low, medium, high, unknown, or none.
func riskValue(f *yamlfile.Fields, v *yaml.Node, what string) questions.Risk {
	s, ok := f.String(v, what)
	if !ok {
		return questions.RiskNone
	}
	r, err := ParseThreshold(s)
	if err != nil {
		hint := ""
		if g := yamlfile.Suggest(s, thresholdWords); g != "" {
			hint = fmt.Sprintf("did you mean %q?", g)
		}
		f.Errorf(v, hint, "%s must be low, medium, high, unknown or none, got %q", what, printable.Line(s))
	}
	return r
}

// onlyComments reports whether data holds nothing but blank lines and
// comments.
func onlyComments(data []byte) bool {
	for _, line := range strings.Split(string(data), "\n") {
		if l := strings.TrimSpace(line); l != "" && !strings.HasPrefix(l, "#") {
			return false
		}
	}
	return true
}

var thresholdWords = []string{"low", "medium", "high", "unknown", "none"}

// ParseThreshold reads a risk threshold as written in a policy or on the
// command line: low, medium, high, unknown, or none (never fires).
func ParseThreshold(s string) (questions.Risk, error) {
	switch s {
	case "none":
		return questions.RiskNone, nil
	case "low", "medium", "high", "unknown":
		return questions.Risk(s), nil
	}
	return questions.RiskNone, fmt.Errorf("a risk level must be low, medium, high, unknown or none, not %q", printable.Line(s))
}

// OverrideFailOn is --fail-on: the level that fails, overall and for
// every sign, for one run.
func (p *Policy) OverrideFailOn(r questions.Risk) {
	p.Overrides = append(p.Overrides, "--fail-on "+cmp.Or(string(r), "none"))
	p.FailOn = r
	for id, rule := range p.Signs {
		rule.FailOn, rule.failSet = r, true
		p.Signs[id] = rule
	}
}

// OverrideMaxAge is --max-age: the maximum age for one run.
func (p *Policy) OverrideMaxAge(days int) {
	p.Overrides = append(p.Overrides, fmt.Sprintf("--max-age %d", days))
	p.MaxAge = days
}

// CheckSigns reports the signs the policy names that none of the rubrics
// checked has, at their place in the policy file: a misspelt sign would
// otherwise be a rule that silently never fires.
func (p *Policy) CheckSigns(rubrics []*questions.Rubric) error {
	known := map[string]bool{}
	var ids []string
	for _, r := range rubrics {
		for _, s := range r.Sections {
			if !known[s.ID] {
				known[s.ID] = true
				ids = append(ids, s.ID)
			}
		}
	}
	var probs questions.Problems
	names := make([]string, 0, len(p.Signs))
	for id := range p.Signs {
		names = append(names, id)
	}
	slices.Sort(names)
	for _, id := range names {
		if known[id] || len(rubrics) == 0 {
			continue
		}
		pos := p.signPos[id]
		hint := "signs: " + strings.Join(ids, ", ")
		if g := yamlfile.Suggest(id, ids); g != "" {
			hint = fmt.Sprintf("did you mean %q?", g)
		}
		probs = append(probs, questions.Problem{File: p.File, Line: pos.Line, Col: pos.Col,
			Msg: fmt.Sprintf("unknown sign %q: no rubric of the projects checked has it", printable.Line(id)), Hint: hint})
	}
	if len(probs) > 0 {
		return probs
	}
	return nil
}

// Fires reports whether risk r is at or above threshold t: medium and high
// fire at or above, and on unknown (which cannot be shown to be below
// them) unless allowUnknown; unknown fires on unknown alone; low fires on
// any band; none never. A result with no band never fires.
func Fires(r, t questions.Risk, allowUnknown bool) bool {
	switch {
	case t == questions.RiskNone, r == questions.RiskNone:
		return false
	case t == questions.RiskUnknown || r == questions.RiskUnknown:
		return r == questions.RiskUnknown && (t == questions.RiskUnknown || t == questions.RiskLow || !allowUnknown)
	}
	return r.Rank() >= t.Rank()
}
