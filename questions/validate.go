package questions

import (
	"fmt"
	"github.com/vitals-dev/vitals/internal/printable"
	"github.com/vitals-dev/vitals/internal/yamlfile"
	"slices"
)

// Validate checks everything about a decoded rubric that its YAML types do
// not: unique ids, ranges, band order, references between questions. It
// returns every problem at once, as Problems, or nil.
func (r *Rubric) Validate() error {
	if ps := yamlfile.Cap(r.validate()); len(ps) > 0 {
		return ps
	}
	return nil
}

func (r *Rubric) validate() Problems {
	v := &validator{file: r.File}
	v.bands(r.Bands, "bands")
	v.tags(r)
	sectionIDs := map[string]Pos{}
	questionIDs := map[string]*Question{}
	all := map[string]*Question{}
	for _, s := range r.Sections {
		for _, q := range s.Questions {
			if _, dup := all[q.ID]; !dup && q.ID != "" {
				all[q.ID] = q
			}
		}
	}
	v.all = all
	totalWeight := 0.0
	for _, s := range r.Sections {
		v.unique(sectionIDs, s.ID, s.Pos, "section id")
		if s.Bands != nil {
			v.bands(*s.Bands, "section bands")
		}
		sectionWeight := 0.0
		for _, q := range s.Questions {
			if q.ID != "" {
				if first, dup := questionIDs[q.ID]; dup {
					v.add(q.Pos, fmt.Sprintf("first used at line %d, column %d", first.Pos.Line, first.Pos.Col), "duplicate question id %q", q.ID)
				}
			}
			v.question(r, q, questionIDs)
			if q.ID != "" {
				if _, dup := questionIDs[q.ID]; !dup {
					questionIDs[q.ID] = q
				}
			}
			if q.Scored() {
				sectionWeight += q.Weight
			}
		}
		if sectionWeight > 0 {
			totalWeight += s.Weight
		}
	}
	if totalWeight == 0 && len(questionIDs) > 0 {
		v.add(Pos{Line: 1, Col: 1}, "give at least one scored question a weight above 0 in a section with weight above 0", "nothing in this rubric is scored")
	}
	if c := r.BusinessCase; c != nil {
		for _, ref := range []struct{ key, id string }{
			{"annual_benefit", c.AnnualBenefit}, {"one_off_cost", c.OneOffCost}, {"running_cost", c.RunningCost},
			{"horizon_years", c.HorizonYears}, {"assumed_adoption", c.AssumedAdoption},
		} {
			if ref.id == "" {
				continue
			}
			q := questionIDs[ref.id]
			at, ok := c.KeyPos[ref.key]
			if !ok {
				at = c.Pos
			}
			switch {
			case q == nil:
				v.add(at, v.suggestID(ref.id), "business_case.%s names unknown question %q", ref.key, printable.Line(ref.id))
			case q.Kind != Number:
				v.add(at, "", "business_case.%s must name a number question; %q is %s", ref.key, ref.id, q.Kind)
			case q.NotApplicable:
				v.add(q.Pos, "the business case needs the figure; offer \"don't know\" instead", "question %q is business_case.%s and cannot offer not_applicable", ref.id, ref.key)
			}
		}
	}
	if v.extra > 0 {
		v.probs = append(v.probs, yamlfile.MoreProblems(v.file, v.extra))
	}
	return v.probs
}

type validator struct {
	file  string
	probs Problems
	all   map[string]*Question // every question, for "comes later" messages
	names []string             // ids of all, sorted, for suggestions
	extra int                  // problems beyond yamlfile.MaxProblems, counted only
}

func (v *validator) add(p Pos, hint, format string, args ...any) {
	if len(v.probs) >= yamlfile.MaxProblems {
		v.extra++
		return
	}
	v.probs = append(v.probs, Problem{File: v.file, Line: p.Line, Col: p.Col, Msg: fmt.Sprintf(format, args...), Hint: hint})
}

func (v *validator) unique(seen map[string]Pos, id string, p Pos, what string) {
	if id == "" {
		return
	}
	if first, dup := seen[id]; dup {
		v.add(p, fmt.Sprintf("first used at line %d, column %d", first.Line, first.Col), "duplicate %s %q", what, id)
		return
	}
	seen[id] = p
}

// suggestID returns a did-you-mean hint for an unknown question id. It
// compares against every id, so it is only done for the problems that will
// be shown: a file of thousands of bad references stays linear.
func (v *validator) suggestID(id string) string {
	if len(v.probs) >= yamlfile.MaxProblems {
		return ""
	}
	if v.names == nil {
		v.names = make([]string, 0, len(v.all))
		for k := range v.all {
			v.names = append(v.names, k)
		}
		slices.Sort(v.names)
	}
	if s := yamlfile.Suggest(id, v.names); s != "" {
		return fmt.Sprintf("did you mean %q?", s)
	}
	return ""
}

func (v *validator) bands(b Bands, what string) {
	if b.Medium >= b.Low {
		v.add(b.Pos, "low is the lowest score that counts as low risk, medium the lowest that counts as medium", "%s out of order: medium (%g) must be below low (%g)", what, b.Medium, b.Low)
	}
}

// question checks one question; earlier holds the questions before it.
func (v *validator) question(r *Rubric, q *Question, earlier map[string]*Question) {
	values := map[string]Pos{}
	for _, o := range q.Options {
		v.unique(values, o.Value, o.Pos, "option value")
		if !o.hasScore && q.Weight > 0 && len(q.Rules) == 0 {
			v.add(o.Pos, "give it a score from 0 (worst) to 100 (best), or give the question weight 0", "option %q has no score", o.Value)
		}
		if o.Critical && o.Flag == "" {
			v.add(o.Pos, "add a flag: the finding to report", "option %q is critical but has no flag", o.Value)
		}
		if o.IfMissing != "" && q.Kind != Multi {
			v.add(o.ifMissingPos, "use recommendation for advice when an option is chosen", "if_missing is only for multi questions, not %s", q.Kind)
		}
		if o.Exclusive && q.Kind != Multi {
			v.add(o.exclusivePos, "the options of a "+string(q.Kind)+" question already exclude each other; remove it", "exclusive is only for multi questions, not %s", q.Kind)
		}
		if o.Exclusive && o.IfMissing != "" {
			v.add(o.ifMissingPos, "remove it: an exclusive option stands for the lack of a practice, not a practice", "option %q is exclusive and has if_missing advice", o.Value)
		}
	}
	v.rules(q)
	if q.Kind == YesNo && len(q.Options) >= 2 {
		_, yes := values["yes"]
		_, no := values["no"]
		if !yes || !no || len(q.Options) != 2 {
			v.add(q.Pos, "", "a yesno question has exactly two options, with values yes and no")
		}
	}
	if q.Min != nil && q.Max != nil && *q.Min >= *q.Max {
		v.add(q.Pos, "", "min (%g) must be below max (%g)", *q.Min, *q.Max)
	}
	if q.Kind == Scale && q.Min != nil && q.Max != nil && *q.Max-*q.Min > 100 {
		v.add(q.Pos, "", "a scale may have at most 101 points, got %g to %g", *q.Min, *q.Max)
	}
	for i, b := range q.Scoring {
		if b.From != nil && b.To != nil && *b.From >= *b.To {
			v.add(b.Pos, "", "scoring band from (%g) must be below to (%g)", *b.From, *b.To)
		}
		if b.Critical && b.Flag == "" {
			v.add(b.Pos, "add a flag: the finding to report", "scoring band is critical but has no flag")
		}
		if i > 0 {
			prev := q.Scoring[i-1]
			if prev.To == nil || b.From == nil || *b.From < *prev.To {
				v.add(b.Pos, "list bands in ascending order, each starting at or after the end of the one before", "scoring band overlaps the band before it")
			}
		}
	}
	if q.Kind == Date && len(q.Scoring) > 0 && q.RelativeTo == "" {
		v.add(q.Pos, `set relative_to to an earlier date question's id or to "assessment"`, "a scored date question needs relative_to")
	}
	if q.RelativeTo != "" && q.RelativeTo != RelativeToAssessment {
		ref := earlier[q.RelativeTo]
		switch {
		case q.RelativeTo == q.ID:
			v.add(q.Pos, "name an earlier date question, or \"assessment\"", "relative_to refers to the question itself")
		case ref == nil && v.all[q.RelativeTo] != nil:
			v.add(q.Pos, "", "relative_to names %q, which comes after this question", q.RelativeTo)
		case ref == nil:
			v.add(q.Pos, v.suggestID(q.RelativeTo), "relative_to names unknown question %q", printable.Line(q.RelativeTo))
		case ref.Kind != Date:
			v.add(q.Pos, "", "relative_to must name a date question; %q is %s", q.RelativeTo, ref.Kind)
		}
	}
	if c := q.When; c != nil && c.Question != "" {
		v.condition(q, c, earlier)
	}
}

func (v *validator) condition(q *Question, c *Condition, earlier map[string]*Question) {
	at := c.QuestionPos
	if at.Line == 0 {
		at = c.Pos
	}
	ref := earlier[c.Question]
	if ref == nil {
		switch {
		case c.Question == q.ID:
			v.add(at, "", "when refers to the question itself")
		case v.all[c.Question] != nil:
			v.add(at, "a condition can only depend on an answer given before it", "when names %q, which comes after this question", c.Question)
		default:
			v.add(at, v.suggestID(c.Question), "when names unknown question %q", printable.Line(c.Question))
		}
		return
	}
	hasRange := c.From != nil || c.To != nil
	switch {
	case ref.Kind.HasOptions():
		if hasRange {
			v.add(c.Pos, "use in: [values]", "when on a %s question cannot use from/to", ref.Kind)
		}
		if len(c.In) == 0 && len(c.NotIn) == 0 {
			v.add(c.Pos, "", "when needs in: [values] or not_in: [values] for a %s question", ref.Kind)
		}
		for _, list := range []struct {
			key  string
			vals []string
			pos  []Pos
		}{{"in", c.In, c.InPos}, {"not_in", c.NotIn, c.NotInPos}} {
			for i, val := range list.vals {
				if ref.Option(val) != nil {
					continue
				}
				at := c.Pos
				if i < len(list.pos) {
					at = list.pos[i]
				}
				opts := make([]string, len(ref.Options))
				for i, o := range ref.Options {
					opts[i] = o.Value
				}
				hint := "options: " + joinQuoted(opts)
				if s := yamlfile.Suggest(val, opts); s != "" {
					hint = fmt.Sprintf("did you mean %q?", s)
				}
				v.add(at, hint, "when.%s value %q is not an option of %q", list.key, printable.Line(val), ref.ID)
			}
		}
		if c.Not && len(c.NotIn) > 0 {
			v.add(c.Pos, "use in with not, or not_in alone", "when has both not and not_in, which say the same twice")
		}
		for i, val := range c.NotIn {
			if slices.Contains(c.In, val) && i < len(c.NotInPos) {
				v.add(c.NotInPos[i], "", "when lists %q in both in and not_in, so the question is never asked", val)
			}
		}
	case ref.Kind == Number || ref.Kind == Scale:
		if len(c.In) > 0 || len(c.NotIn) > 0 {
			v.add(c.Pos, "use from and to", "when on a %s question cannot use in or not_in", ref.Kind)
		}
		if !hasRange {
			v.add(c.Pos, "", "when needs from and/or to for a %s question", ref.Kind)
		}
		if c.From != nil && c.To != nil && *c.From >= *c.To {
			v.add(c.Pos, "", "when.from (%g) must be below when.to (%g)", *c.From, *c.To)
		}
	case ref.Kind != "": // an unknown kind is reported where it is
		v.add(at, "", "when cannot depend on a %s question", ref.Kind)
	}
}

func joinQuoted(ss []string) string {
	out := ""
	for i, s := range ss {
		if i > 0 {
			out += ", "
		}
		out += fmt.Sprintf("%q", s)
	}
	return out
}
