package questions

import (
	"fmt"
	"github.com/vitals-dev/vitals/internal/printable"
	"slices"

	"github.com/vitals-dev/vitals/internal/yamlfile"
	"go.yaml.in/yaml/v4"
)

// FormatVersion is the rubric format this build reads.
const FormatVersion = 1

var (
	rubricKeys    = []string{"format", "id", "title", "report_title", "version", "description", "bands", "dont_know_score", "messages", "unknown", "tags", "sections", "business_case", "workshop"}
	workshopKeys  = []string{"min_group"}
	sectionKeys   = []string{"id", "title", "why", "weight", "bands", "recommendations", "questions"}
	questionKeys  = []string{"id", "prompt", "help", "kind", "required", "weight", "dont_know", "not_applicable", "when", "options", "unit", "min", "max", "low_label", "high_label", "relative_to", "scoring", "rules", "include_tags", "exclude_tags"}
	optionKeys    = []string{"value", "label", "score", "risk", "flag", "critical", "recommendation", "if_missing", "exclusive", "tags"}
	bandKeys      = []string{"from", "to", "score", "risk", "flag", "critical", "recommendation"}
	conditionKeys = []string{"question", "in", "not_in", "from", "to", "not"}
	bandsKeys     = []string{"low", "medium"}
	recKeys       = []string{"low", "medium", "high", "unknown"}
	unknownKeys   = []string{"share"}
	caseKeys      = []string{"annual_benefit", "one_off_cost", "running_cost", "horizon_years", "assumed_adoption", "currency"}
)

// Parse reads and validates the rubric file at path.
func Parse(path string) (*Rubric, error) {
	data, err := yamlfile.ReadFile(path)
	if err != nil {
		if _, ok := err.(Problems); ok {
			return nil, err
		}
		return nil, fmt.Errorf("read %w", err)
	}
	r, err := ParseBytes(path, data)
	if r != nil {
		r.Source = path
	}
	return r, err
}

// ParseBytes parses and validates a rubric held in memory; name is used in
// messages. On failure the error is a Problems listing every problem found,
// sorted by position.
func ParseBytes(name string, data []byte) (*Rubric, error) {
	root, probs := yamlfile.ReadYAML(name, data)
	if root == nil {
		return nil, yamlfile.Cap(probs)
	}
	// Problems of the YAML itself (duplicate keys, aliases, control
	// characters) do not stop decoding: the user gets every problem at once.
	f := newFields(name, probs)
	r := decodeRubric(f, root)
	r.File = name
	if len(f.Probs) > 0 {
		// Semantic checks on a half-decoded rubric would mostly repeat
		// what is already reported, except for the references between
		// questions, which are worth having in the same pass.
		f.Probs = append(f.Probs, r.validate()...)
		return nil, yamlfile.Cap(f.Probs)
	}
	if err := r.Validate(); err != nil {
		return nil, err
	}
	r.finish()
	return r, nil
}

func decodeRubric(f *fields, n *yaml.Node) *Rubric {
	r := &Rubric{Bands: DefaultBands, DontKnowScore: 25}
	r.Bands.Pos = pos(n)
	f.Map(n, "rubric", rubricKeys, []string{"id", "title", "version", "sections"}, func(key string, v *yaml.Node) {
		switch key {
		case "format":
			if x, ok := f.Int(v, "format"); ok && x != FormatVersion {
				f.Errorf(v, "this build of vitals reads format 1", "unsupported rubric format %d", x)
			}
		case "id":
			r.ID = f.id(v, "rubric id")
		case "title":
			r.Title, _ = f.Text(v, "title")
		case "report_title":
			r.ReportTitle, _ = f.Text(v, "report_title")
		case "version":
			r.Version, _ = f.Text(v, "version")
		case "description":
			r.Description, _ = f.String(v, "description")
		case "bands":
			if b := decodeBands(f, v); b != nil {
				r.Bands = *b
			}
		case "tags":
			r.Tags = decodeTags(f, v, "tags")
		case "messages":
			r.Messages = decodeByRisk(f, v, "messages", "message")
		case "unknown":
			u := &UnknownRule{Pos: pos(v)}
			f.Map(v, "unknown", unknownKeys, []string{"share"}, func(_ string, v *yaml.Node) {
				if x, ok := f.Number(v, "unknown.share"); ok {
					if x <= 0 || x > 100 {
						f.Errorf(v, "a percentage of the weight, such as 40", "unknown.share must be above 0 and at most 100, got %s", printable.Line(v.Value))
					}
					u.Share = x
				}
			})
			r.Unknown = u
		case "dont_know_score":
			r.DontKnowScore = f.score(v, "dont_know_score")
		case "sections":
			items, _ := f.Seq(v, "sections")
			if v.Kind == yaml.SequenceNode && len(items) == 0 {
				f.Errorf(v, "", "a rubric needs at least one section")
			}
			for _, it := range items {
				r.Sections = append(r.Sections, decodeSection(f, it))
			}
		case "business_case":
			r.BusinessCase = decodeCase(f, v)
		case "workshop":
			f.Map(v, "workshop", workshopKeys, nil, func(_ string, v *yaml.Node) {
				if x, ok := f.Int(v, "workshop.min_group"); ok && x < 1 {
					f.Errorf(v, "", "workshop.min_group must be 1 or more, got %d", x)
				} else if ok {
					r.MinGroup = x
				}
			})
		}
	})
	return r
}

func decodeBands(f *fields, n *yaml.Node) *Bands {
	b := &Bands{Pos: pos(n)}
	ok := f.Map(n, "bands", bandsKeys, bandsKeys, func(key string, v *yaml.Node) {
		switch key {
		case "low":
			b.Low = f.score(v, "bands.low")
		case "medium":
			b.Medium = f.score(v, "bands.medium")
		}
	})
	if !ok {
		return nil
	}
	return b
}

func decodeSection(f *fields, n *yaml.Node) *Section {
	s := &Section{Weight: 1, Pos: pos(n)}
	f.Map(n, "section", sectionKeys, []string{"id", "title", "questions"}, func(key string, v *yaml.Node) {
		switch key {
		case "id":
			s.ID = f.id(v, "section id")
		case "title":
			s.Title, _ = f.Text(v, "section title")
		case "why":
			s.Why, _ = f.String(v, "why")
		case "weight":
			s.Weight = f.weight(v)
		case "bands":
			s.Bands = decodeBands(f, v)
		case "recommendations":
			s.Recommendations = decodeByRisk(f, v, "recommendations", "recommendation")
		case "questions":
			items, _ := f.Seq(v, "questions")
			if v.Kind == yaml.SequenceNode && len(items) == 0 {
				f.Errorf(v, "", "a section needs at least one question")
			}
			for _, it := range items {
				s.Questions = append(s.Questions, decodeQuestion(f, it))
			}
		}
	})
	return s
}

func decodeQuestion(f *fields, n *yaml.Node) *Question {
	q := &Question{Weight: 1, DontKnow: true, Pos: pos(n)}
	// The nodes of the keys given, to check against the kind.
	given := map[string]*yaml.Node{}
	f.Map(n, "question", questionKeys, []string{"id", "prompt", "kind"}, func(key string, v *yaml.Node) {
		given[key] = v
		switch key {
		case "id":
			q.ID = f.id(v, "question id")
		case "prompt":
			q.Prompt, _ = f.Text(v, "prompt")
		case "help":
			q.Help, _ = f.String(v, "help")
		case "kind":
			if s, ok := f.String(v, "kind"); ok {
				q.Kind = Kind(s)
				if !slices.Contains(Kinds, q.Kind) {
					names := make([]string, len(Kinds))
					for i, k := range Kinds {
						names[i] = string(k)
					}
					hint := "one of: single, multi, scale, yesno, number, date, text"
					if s := yamlfile.Suggest(s, names); s != "" {
						hint = fmt.Sprintf("did you mean %q?", s)
					}
					f.Errorf(v, hint, "unknown question kind %q", printable.Line(s))
					q.Kind = ""
				}
			}
		case "required":
			q.Required, _ = f.Bool(v, "required")
		case "weight":
			q.Weight = f.weight(v)
		case "dont_know":
			q.DontKnow, _ = f.Bool(v, "dont_know")
		case "not_applicable":
			q.NotApplicable, _ = f.Bool(v, "not_applicable")
		case "when":
			q.When = decodeCondition(f, v)
		case "options":
			items, _ := f.Seq(v, "options")
			for _, it := range items {
				q.Options = append(q.Options, decodeOption(f, it))
			}
		case "unit":
			q.Unit, _ = f.String(v, "unit")
		case "min":
			if x, ok := f.Number(v, "min"); ok {
				q.Min = &x
			}
		case "max":
			if x, ok := f.Number(v, "max"); ok {
				q.Max = &x
			}
		case "low_label":
			q.LowLabel, _ = f.String(v, "low_label")
		case "high_label":
			q.HighLabel, _ = f.String(v, "high_label")
		case "relative_to":
			q.RelativeTo, _ = f.String(v, "relative_to")
		case "include_tags":
			q.IncludeTags = decodeTags(f, v, "include_tags")
		case "exclude_tags":
			q.ExcludeTags = decodeTags(f, v, "exclude_tags")
		case "rules":
			items, _ := f.Seq(v, "rules")
			if v.Kind == yaml.SequenceNode && len(items) == 0 {
				f.Errorf(v, "", "rules needs at least one rule")
			}
			for _, it := range items {
				q.Rules = append(q.Rules, decodeRule(f, it))
			}
		case "scoring":
			items, _ := f.Seq(v, "scoring")
			if v.Kind == yaml.SequenceNode && len(items) == 0 {
				f.Errorf(v, "", "scoring needs at least one band")
			}
			for _, it := range items {
				q.Scoring = append(q.Scoring, decodeScoreBand(f, it))
			}
		}
	})
	if q.Kind == "" {
		return q
	}
	// Keys that make no sense for the kind are errors, not silently ignored.
	for _, kk := range kindKeys {
		if v := given[kk.key]; v != nil && !q.Kind.Takes(kk.key) {
			f.Errorf(v, "", "%s is only for %s questions, not %s", kk.key, kindsTaking(kk.key), q.Kind)
		}
	}
	optionsNode := given["options"]
	if q.Kind.HasOptions() && optionsNode != nil && optionsNode.Kind == yaml.SequenceNode && len(q.Options) < 2 {
		f.Errorf(optionsNode, "", "a %s question needs at least two options", q.Kind)
	} else if q.Kind.HasOptions() && optionsNode == nil {
		f.Errorf(n, "", "a %s question needs options", q.Kind)
	}
	if q.Kind.wholeBounds() {
		for _, mn := range []*yaml.Node{given["min"], given["max"]} {
			if mn != nil && mn.Tag != "!!int" {
				f.Errorf(mn, "", "scale bounds must be whole numbers, got %s", yamlfile.Describe(mn))
			}
		}
		if given["min"] == nil || given["max"] == nil {
			f.Errorf(n, "", "a scale question needs min and max")
		}
	}
	return q
}

func decodeOption(f *fields, n *yaml.Node) *Option {
	o := &Option{Pos: pos(n)}
	f.Map(n, "option", optionKeys, []string{"value", "label"}, func(key string, v *yaml.Node) {
		switch key {
		case "value":
			o.Value = f.id(v, "option value")
		case "label":
			o.Label, _ = f.Text(v, "label")
		case "score", "risk", "flag", "critical", "recommendation":
			f.outcome(&o.Outcome, key, v)
			o.hasScore = o.hasScore || key == "score"
		case "if_missing":
			o.IfMissing, _ = f.Text(v, "if_missing")
			o.ifMissingPos = pos(v)
		case "exclusive":
			o.Exclusive, _ = f.Bool(v, "exclusive")
			o.exclusivePos = pos(v)
		case "tags":
			o.Tags = decodeTags(f, v, "option tags")
		}
	})
	return o
}

func decodeScoreBand(f *fields, n *yaml.Node) *ScoreBand {
	b := &ScoreBand{Pos: pos(n)}
	f.Map(n, "scoring band", bandKeys, []string{"score"}, func(key string, v *yaml.Node) {
		switch key {
		case "from":
			if x, ok := f.Number(v, "from"); ok {
				b.From = &x
			}
		case "to":
			if x, ok := f.Number(v, "to"); ok {
				b.To = &x
			}
		default:
			f.outcome(&b.Outcome, key, v)
		}
	})
	return b
}

func decodeCondition(f *fields, n *yaml.Node) *Condition {
	c := &Condition{Pos: pos(n)}
	f.Map(n, "when", conditionKeys, []string{"question"}, func(key string, v *yaml.Node) {
		switch key {
		case "question":
			c.Question, _ = f.Text(v, "when.question")
			c.QuestionPos = pos(v)
		case "in", "not_in":
			items, _ := f.Seq(v, "when."+key)
			if v.Kind == yaml.SequenceNode && len(items) == 0 {
				f.Errorf(v, "", "when.%s needs at least one value", key)
			}
			for _, it := range items {
				if s, ok := f.Text(it, "when."+key+" value"); ok {
					if key == "in" {
						c.In, c.InPos = append(c.In, s), append(c.InPos, pos(it))
					} else {
						c.NotIn, c.NotInPos = append(c.NotIn, s), append(c.NotInPos, pos(it))
					}
				}
			}
		case "from":
			if x, ok := f.Number(v, "when.from"); ok {
				c.From = &x
			}
		case "to":
			if x, ok := f.Number(v, "when.to"); ok {
				c.To = &x
			}
		case "not":
			c.Not, _ = f.Bool(v, "when.not")
		}
	})
	return c
}

func decodeCase(f *fields, n *yaml.Node) *BusinessCase {
	c := &BusinessCase{Pos: pos(n), KeyPos: map[string]Pos{}}
	f.Map(n, "business_case", caseKeys, caseKeys[:5], func(key string, v *yaml.Node) {
		s, _ := f.Text(v, "business_case."+key)
		c.KeyPos[key] = pos(v)
		switch key {
		case "annual_benefit":
			c.AnnualBenefit = s
		case "one_off_cost":
			c.OneOffCost = s
		case "running_cost":
			c.RunningCost = s
		case "horizon_years":
			c.HorizonYears = s
		case "assumed_adoption":
			c.AssumedAdoption = s
		case "currency":
			c.Currency = s
		}
	})
	return c
}

func (f *fields) id(n *yaml.Node, what string) string {
	s, ok := f.Text(n, what)
	if !ok {
		return ""
	}
	if !ValidID(s) {
		f.Errorf(n, "use lower-case letters, digits, '-', '_' and '.', starting with a letter or digit, at most 64 characters", "%s %q is not a valid id", what, printable.Line(s))
		return ""
	}
	return s
}

// ValidID reports whether s is a valid id: 1–64 lower-case letters, digits,
// '-', '_' and '.', starting with a letter or digit. Ids never contain a
// path separator, so one can never be mistaken for a file.
func ValidID(s string) bool {
	if len(s) == 0 || len(s) > 64 {
		return false
	}
	for i, c := range []byte(s) {
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		case (c == '-' || c == '_' || c == '.') && i > 0:
		default:
			return false
		}
	}
	return true
}

func (f *fields) score(n *yaml.Node, what string) float64 {
	x, ok := f.Number(n, what)
	if ok && (x < 0 || x > 100) {
		f.Errorf(n, "", "%s must be between 0 and 100, got %s", what, printable.Line(n.Value))
	}
	return x
}

func (f *fields) weight(n *yaml.Node) float64 {
	x, ok := f.Number(n, "weight")
	if ok && (x < 0 || x > 100) {
		f.Errorf(n, "", "weight must be between 0 and 100, got %s", printable.Line(n.Value))
		return 1
	}
	if !ok {
		return 1
	}
	return x
}

func (f *fields) risk(n *yaml.Node) Risk {
	s, ok := f.String(n, "risk")
	if !ok {
		return ""
	}
	switch r := Risk(s); r {
	case RiskLow, RiskMedium, RiskHigh, RiskUnknown:
		return r
	}
	hint := ""
	if m := yamlfile.Suggest(s, []string{"low", "medium", "high", "unknown"}); m != "" {
		hint = fmt.Sprintf("did you mean %q?", m)
	}
	f.Errorf(n, hint, "risk must be low, medium, high or unknown, got %q", printable.Line(s))
	return ""
}

// decodeByRisk reads a mapping of texts by risk level: a section's
// recommendations, the rubric's result messages.
func decodeByRisk(f *fields, n *yaml.Node, what, each string) Recommendations {
	var rec Recommendations
	f.Map(n, what, recKeys, nil, func(key string, v *yaml.Node) {
		t, _ := f.String(v, each)
		switch key {
		case "low":
			rec.Low = t
		case "medium":
			rec.Medium = t
		case "high":
			rec.High = t
		case "unknown":
			rec.Unknown = t
		}
	})
	return rec
}

// outcome reads one of the keys an option, a scoring band and a rule
// share into o.
func (f *fields) outcome(o *Outcome, key string, v *yaml.Node) {
	switch key {
	case "score":
		o.Score = f.score(v, "score")
	case "risk":
		o.Risk = f.risk(v)
	case "flag":
		o.Flag, _ = f.Text(v, "flag")
	case "critical":
		o.Critical, _ = f.Bool(v, "critical")
	case "recommendation":
		o.Recommendation, _ = f.Text(v, "recommendation")
	}
}
