package questions

import (
	"fmt"
	"github.com/vitals-dev/vitals/internal/printable"
	"math/bits"
	"slices"
	"strings"

	"go.yaml.in/yaml/v4"
)

// Rule gives a multiple-choice question its score and risk from which
// options are chosen, as readiness reviews write them ("high unless A and
// B and C", "medium if A but not B"). A question's rules are tried in
// order and the first that matches decides; the last has no When and
// decides for everything else.
type Rule struct {
	// When is the condition over the chosen options; nil for the default.
	When *Choice `json:"when,omitempty"`
	Outcome
	Pos Pos `json:"-"`
}

// Choice is a condition over the options chosen in one answer. Every part
// given must hold: All of its options are chosen, Any one of them is, None
// of them is, and Not does not hold.
type Choice struct {
	All  []string `json:"all,omitempty"`
	Any  []string `json:"any,omitempty"`
	None []string `json:"none,omitempty"`
	Not  *Choice  `json:"not,omitempty"`
	Pos  Pos      `json:"-"`
	// ValuePos holds the position of each option value named, in the
	// order All, Any, None.
	ValuePos []Pos `json:"-"`
}

// Matches reports whether the condition holds for the chosen options.
func (c *Choice) Matches(chosen []string) bool {
	if c == nil {
		return true
	}
	for _, v := range c.All {
		if !slices.Contains(chosen, v) {
			return false
		}
	}
	if len(c.Any) > 0 && !slices.ContainsFunc(c.Any, func(v string) bool { return slices.Contains(chosen, v) }) {
		return false
	}
	for _, v := range c.None {
		if slices.Contains(chosen, v) {
			return false
		}
	}
	return c.Not == nil || !c.Not.Matches(chosen)
}

// String writes the condition as the report's working shows it: "all of
// a, b; none of c".
func (c *Choice) String() string {
	if c == nil {
		return "otherwise"
	}
	var parts []string
	for _, p := range []struct {
		word string
		vals []string
	}{{"all of", c.All}, {"any of", c.Any}, {"none of", c.None}} {
		if len(p.vals) > 0 {
			parts = append(parts, p.word+" "+strings.Join(p.vals, ", "))
		}
	}
	if c.Not != nil {
		parts = append(parts, "not ("+c.Not.String()+")")
	}
	return strings.Join(parts, "; ")
}

// RuleFor returns the first of q's rules that matches the chosen options
// and its number from 1, or nil and 0 when q has no rules.
func (q *Question) RuleFor(chosen []string) (*Rule, int) {
	for i, r := range q.Rules {
		if r.When.Matches(chosen) {
			return r, i + 1
		}
	}
	return nil, 0
}

var (
	ruleKeys   = []string{"when", "score", "risk", "flag", "critical", "recommendation"}
	choiceKeys = []string{"all", "any", "none", "not"}
)

func decodeRule(f *fields, n *yaml.Node) *Rule {
	r := &Rule{Pos: pos(n)}
	f.Map(n, "rule", ruleKeys, []string{"score"}, func(key string, v *yaml.Node) {
		if key == "when" {
			r.When = decodeChoice(f, v, "when")
			return
		}
		f.outcome(&r.Outcome, key, v)
	})
	return r
}

func decodeChoice(f *fields, n *yaml.Node, what string) *Choice {
	c := &Choice{Pos: pos(n)}
	lists := map[string][]*yaml.Node{}
	ok := f.Map(n, what, choiceKeys, nil, func(key string, v *yaml.Node) {
		if key == "not" {
			c.Not = decodeChoice(f, v, what+".not")
			return
		}
		items, _ := f.Seq(v, what+"."+key)
		if v.Kind == yaml.SequenceNode && len(items) == 0 {
			f.Errorf(v, "leave the key out instead", "%s.%s lists no option", what, key)
		}
		lists[key] = items
	})
	if ok && len(n.Content) == 0 {
		f.Errorf(n, "give all, any, none or not; a rule without when is the default", "%s is empty", what)
	}
	for _, key := range []string{"all", "any", "none"} {
		for _, it := range lists[key] {
			s, _ := f.Text(it, what+"."+key+" value")
			switch key {
			case "all":
				c.All = append(c.All, s)
			case "any":
				c.Any = append(c.Any, s)
			case "none":
				c.None = append(c.None, s)
			}
			c.ValuePos = append(c.ValuePos, pos(it))
		}
	}
	return c
}

// maxEnumerated bounds the options whose every combination validation
// tries, to find rules that never match or are never reached: 2^16
// answers at most.
const maxEnumerated = 16

// rules checks a question's rules: where they may be, the options they
// name, the default last, and, by trying every answer the question
// allows, rules that can never match, rules never reached because earlier
// ones take all they match, and answers no rule decides.
func (v *validator) rules(q *Question) {
	if len(q.Rules) == 0 || !q.Kind.Takes("rules") {
		return // rules on another kind are reported by the parser
	}
	for _, o := range q.Options {
		if o.hasScore {
			v.add(o.Pos, "remove it: the question's rules give its score", "option %q has a score, but question %q is scored by its rules", o.Value, q.ID)
		}
	}
	before := len(v.probs) + v.extra
	for i, r := range q.Rules {
		if r.Critical && r.Flag == "" {
			v.add(r.Pos, "add a flag: the finding to report", "rule %d is critical but has no flag", i+1)
		}
		if r.When == nil && i < len(q.Rules)-1 {
			v.add(r.Pos, "move it to the end: rules are tried in order, and one without when matches every answer", "rule %d has no when, so the rules after it are never reached", i+1)
		}
		v.choiceOptions(q, r.When)
	}
	if len(v.probs)+v.extra > before {
		return // trying every answer would only repeat what is said
	}
	if len(q.Options) > maxEnumerated {
		if q.Rules[len(q.Rules)-1].When != nil {
			v.add(q.Rules[len(q.Rules)-1].Pos, "add a last rule without when: the default", "question %q has no default rule", q.ID)
		}
		return
	}
	matched := make([]bool, len(q.Rules))
	first := make([]bool, len(q.Rules))
	var undecided []string
	for _, chosen := range answers(q) {
		won := false
		for i, r := range q.Rules {
			if !r.When.Matches(chosen) {
				continue
			}
			matched[i] = true
			if !won {
				first[i], won = true, true
			}
		}
		if !won && undecided == nil {
			undecided = append([]string{}, chosen...)
		}
	}
	for i, r := range q.Rules {
		switch {
		case !matched[i]:
			v.add(r.Pos, "no answer the question allows meets all of its condition", "rule %d (%s) can never match", i+1, r.When)
		case !first[i]:
			v.add(r.Pos, "every answer it matches is decided by a rule before it", "rule %d (%s) is never reached", i+1, r.When)
		}
	}
	if undecided != nil {
		what := "choosing nothing"
		if len(undecided) > 0 {
			what = "choosing " + strings.Join(undecided, ", ")
		}
		v.add(q.Rules[len(q.Rules)-1].Pos, "add a last rule without when: the default", "no rule decides the answer %s", what)
	}
}

// choiceOptions reports option values in c that q does not have.
func (v *validator) choiceOptions(q *Question, c *Choice) {
	if c == nil {
		return
	}
	names := append(append(slices.Clone(c.All), c.Any...), c.None...)
	for i, name := range names {
		if q.Option(name) == nil && name != "" {
			at := c.Pos
			if i < len(c.ValuePos) {
				at = c.ValuePos[i]
			}
			v.add(at, optionList(q), "rule names %q, which is not an option of %q", printable.Line(name), q.ID)
		}
	}
	v.choiceOptions(q, c.Not)
}

func optionList(q *Question) string {
	vals := make([]string, len(q.Options))
	for i, o := range q.Options {
		vals[i] = fmt.Sprintf("%q", o.Value)
	}
	return "options: " + strings.Join(vals, ", ")
}

// answers lists every answer a multiple-choice question allows, as the
// chosen option values in rubric order: any set of options, except that
// an exclusive option stands alone and, when there is one, something must
// be chosen.
func answers(q *Question) [][]string {
	n := len(q.Options)
	ex := q.ExclusiveOption()
	var out [][]string
	for mask := uint32(0); mask < 1<<n; mask++ {
		var chosen []string
		exclusive := false
		for i, o := range q.Options {
			if mask&(1<<i) != 0 {
				chosen = append(chosen, o.Value)
				exclusive = exclusive || o.Exclusive
			}
		}
		if (exclusive && bits.OnesCount32(mask) > 1) || (ex != nil && mask == 0) {
			continue
		}
		out = append(out, chosen)
	}
	return out
}
