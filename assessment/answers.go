// Package assessment holds what a respondent answered and what it means:
// answers files, scoring, risk bands, red flags, recommended actions and the
// business-case sensitivity.
package assessment

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"go.yaml.in/yaml/v4"

	"github.com/vitals-dev/vitals/questions"
)

// AnswersFormat is the answers file format this build writes and reads.
const AnswersFormat = 1

// DateLayout is how dates are written in answers files.
const DateLayout = "2006-01-02"

// RubricRef identifies the exact rubric an answers file was written against.
type RubricRef struct {
	ID      string
	Version string
	Hash    string
}

// Respondent is who answered. Both fields may be empty: anonymous answers
// are allowed.
type Respondent struct {
	Name string
	Role string
}

// Answer is one question's answer. Which value field is used depends on the
// question's kind: Text for single, yesno (the option value), date
// (YYYY-MM-DD) and text; Choices for multi; Number for number and scale.
type Answer struct {
	Text     string
	Choices  []string
	Number   float64
	DontKnow bool
	Note     string

	pos questions.Pos
}

// Answers is one respondent's answers to one rubric in one run.
type Answers struct {
	Rubric     RubricRef
	Project    string
	Respondent Respondent
	Started    time.Time
	Updated    time.Time
	// Complete is set when the respondent finished the questionnaire.
	Complete bool
	// Answers maps question ids to answers.
	Answers map[string]*Answer

	// File is where the answers were read from, for messages.
	File string

	raw     map[string]*yaml.Node // answer nodes before Check
	rawKeys map[string]*yaml.Node
}

// New starts an empty answers set for rubric r.
func New(r *questions.Rubric, project string, who Respondent, now time.Time) *Answers {
	now = now.UTC().Truncate(time.Second)
	return &Answers{
		Rubric:     RubricRef{ID: r.ID, Version: r.Version, Hash: r.Hash()},
		Project:    project,
		Respondent: who,
		Started:    now,
		Updated:    now,
		Answers:    map[string]*Answer{},
	}
}

// String returns the respondent's name and role, or "anonymous".
func (r Respondent) String() string {
	switch {
	case r.Name == "" && r.Role == "":
		return "anonymous"
	case r.Name == "":
		return "anonymous (" + r.Role + ")"
	case r.Role == "":
		return r.Name
	}
	return r.Name + " (" + r.Role + ")"
}

var (
	answersKeys    = []string{"format", "rubric", "project", "respondent", "started", "updated", "complete", "answers"}
	rubricRefKeys  = []string{"id", "version", "hash"}
	respondentKeys = []string{"name", "role"}
	answerKeys     = []string{"value", "dont_know", "note"}
)

// LoadFile reads an answers file; see Decode.
func LoadFile(path string) (*Answers, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("read answers %s: %w", questions.Printable(path), unwrapPath(err))
	}
	if fi.Size() > questions.MaxFileSize {
		return nil, questions.Problems{{File: path, Msg: fmt.Sprintf("file is %d bytes; the limit is %d", fi.Size(), questions.MaxFileSize)}}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read answers %s: %w", questions.Printable(path), unwrapPath(err))
	}
	return Decode(path, data)
}

// Decode parses an answers file held in memory; name is used in messages.
// The answers' values are checked against their rubric by Check, since the
// rubric to use is named inside the file.
func Decode(name string, data []byte) (*Answers, error) {
	root, probs := questions.ReadYAML(name, data)
	if root == nil {
		return nil, probs
	}
	f := &questions.Fields{File: name, Probs: probs}
	a := &Answers{File: name, Answers: map[string]*Answer{}, raw: map[string]*yaml.Node{}, rawKeys: map[string]*yaml.Node{}}
	var format int
	f.Map(root, "answers file", answersKeys, []string{"format", "rubric", "answers"}, func(key string, v *yaml.Node) {
		switch key {
		case "format":
			if x, ok := f.Int(v, "format"); ok {
				format = x
				if x != AnswersFormat {
					f.Errorf(v, "this build of vitals reads format 1", "unsupported answers format %d", x)
				}
			}
		case "rubric":
			f.Map(v, "rubric", rubricRefKeys, []string{"id"}, func(key string, v *yaml.Node) {
				s, _ := f.String(v, "rubric."+key)
				switch key {
				case "id":
					// The id picks a rubric from the catalog; it must never
					// be taken for a path.
					if !questions.ValidID(s) {
						f.Errorf(v, "", "rubric.id %q is not a valid rubric id", questions.Printable(s))
					}
					a.Rubric.ID = s
				case "version":
					a.Rubric.Version = s
				case "hash":
					a.Rubric.Hash = s
				}
			})
		case "project":
			a.Project, _ = f.String(v, "project")
		case "respondent":
			f.Map(v, "respondent", respondentKeys, nil, func(key string, v *yaml.Node) {
				s, _ := f.String(v, "respondent."+key)
				if key == "name" {
					a.Respondent.Name = s
				} else {
					a.Respondent.Role = s
				}
			})
		case "started":
			a.Started = decodeTime(f, v, "started")
		case "updated":
			a.Updated = decodeTime(f, v, "updated")
		case "complete":
			a.Complete, _ = f.Bool(v, "complete")
		case "answers":
			if v.Kind == yaml.ScalarNode && v.Tag == "!!null" {
				return // no answers yet
			}
			if v.Kind != yaml.MappingNode {
				f.Errorf(v, "", "answers must be a mapping of question ids to answers, got %s", kindOf(v))
				return
			}
			for i := 0; i+1 < len(v.Content); i += 2 {
				k, val := v.Content[i], v.Content[i+1]
				if k.Kind != yaml.ScalarNode {
					f.Errorf(k, "", "answers keys must be question ids")
					continue
				}
				if _, dup := a.raw[k.Value]; dup {
					continue // reported as a duplicate key
				}
				a.raw[k.Value] = val
				a.rawKeys[k.Value] = k
				ans := &Answer{pos: questions.Pos{Line: k.Line, Col: k.Column}}
				f.Map(val, "answer", answerKeys, nil, func(key string, v *yaml.Node) {
					switch key {
					case "dont_know":
						ans.DontKnow, _ = f.Bool(v, "dont_know")
					case "note":
						ans.Note, _ = f.String(v, "note")
					}
				})
				a.Answers[k.Value] = ans
			}
		}
	})
	_ = format
	if len(f.Probs) > 0 {
		return nil, f.Probs
	}
	return a, nil
}

func kindOf(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	}
	return "the value " + strconv.Quote(questions.Printable(n.Value))
}

func decodeTime(f *questions.Fields, n *yaml.Node, what string) time.Time {
	if n.Kind == yaml.ScalarNode && (n.Tag == "!!str" || n.Tag == "!!timestamp") {
		if t, err := time.Parse(time.RFC3339, n.Value); err == nil {
			return t.UTC()
		}
	}
	f.Errorf(n, "write it like 2026-03-31T14:05:00Z", "%s must be a time (RFC 3339), got %s", what, kindOf(n))
	return time.Time{}
}

// Check checks the answers against rubric r and fills in their values. It
// returns warnings (problems that do not stop a report) and an error listing
// every problem that does. When r's hash differs from the one recorded, the
// rubric changed since the answers were saved: that is a warning, and
// answers that no longer fit (unknown ids, options that were removed) are
// dropped with a warning each instead of failing.
func (a *Answers) Check(r *questions.Rubric) (warnings questions.Problems, err error) {
	name := a.File
	if a.Rubric.ID != r.ID {
		return nil, questions.Problems{{File: name, Line: 1, Col: 1, Msg: fmt.Sprintf("answers are for rubric %q, not %q", questions.Printable(a.Rubric.ID), r.ID)}}
	}
	changed := a.Rubric.Hash != "" && a.Rubric.Hash != r.Hash()
	if changed {
		warnings = append(warnings, questions.Problem{File: name, Line: 1, Col: 1,
			Msg:  fmt.Sprintf("rubric %s changed since these answers were saved (version %s, now %s)", r.ID, questions.Printable(a.Rubric.Version), r.Version),
			Hint: "answers to questions that still exist are kept"})
	}
	var probs questions.Problems
	report := func(p questions.Problem) {
		if changed {
			warnings = append(warnings, p)
		} else {
			probs = append(probs, p)
		}
	}
	ids := make([]string, 0, len(a.raw))
	for id := range a.raw {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		node, keyNode := a.raw[id], a.rawKeys[id]
		q := r.Question(id)
		if q == nil {
			report(questions.Problem{File: name, Line: keyNode.Line, Col: keyNode.Column, Msg: fmt.Sprintf("unknown question id %q", questions.Printable(id))})
			delete(a.Answers, id)
			continue
		}
		ans := a.Answers[id]
		var value *yaml.Node
		if node.Kind == yaml.MappingNode {
			for i := 0; i+1 < len(node.Content); i += 2 {
				if node.Content[i].Value == "value" {
					value = node.Content[i+1]
				}
			}
		}
		f := &questions.Fields{File: name}
		switch {
		case ans.DontKnow && !q.DontKnow:
			f.Errorf(keyNode, "", "question %q does not offer \"don't know\"", id)
		case ans.DontKnow && value != nil:
			f.Errorf(value, "remove the value or dont_know", "answer to %q has both a value and dont_know", id)
		case !ans.DontKnow && value == nil:
			f.Errorf(keyNode, "add value: or dont_know: true", "answer to %q has no value", id)
		case value != nil:
			decodeValue(f, q, value, ans)
		}
		if len(f.Probs) > 0 {
			for _, p := range f.Probs {
				report(p)
			}
			delete(a.Answers, id)
		}
	}
	if len(probs) > 0 {
		return warnings, probs
	}
	a.Rubric = RubricRef{ID: r.ID, Version: r.Version, Hash: r.Hash()}
	return warnings, nil
}

// decodeValue reads one answer value, checking it fits question q.
func decodeValue(f *questions.Fields, q *questions.Question, n *yaml.Node, ans *Answer) {
	what := fmt.Sprintf("answer to %q", q.ID)
	switch q.Kind {
	case questions.Single, questions.YesNo:
		s := scalarText(n)
		if n.Kind != yaml.ScalarNode {
			f.Errorf(n, "", "%s must be one option value, got %s", what, kindOf(n))
			return
		}
		if q.Kind == questions.YesNo && n.Tag == "!!bool" {
			s = map[bool]string{true: "yes", false: "no"}[strings.EqualFold(s, "true") || strings.EqualFold(s, "yes") || strings.EqualFold(s, "on")]
		}
		if q.Option(s) == nil {
			f.Errorf(n, optionHint(q, s), "%s: %q is not an option", what, questions.Printable(s))
			return
		}
		ans.Text = s
	case questions.Multi:
		items, ok := f.Seq(n, what)
		if !ok {
			return
		}
		seen := map[string]bool{}
		for _, it := range items {
			s := scalarText(it)
			switch {
			case it.Kind != yaml.ScalarNode:
				f.Errorf(it, "", "%s must list option values, got %s", what, kindOf(it))
			case q.Option(s) == nil:
				f.Errorf(it, optionHint(q, s), "%s: %q is not an option", what, questions.Printable(s))
			case seen[s]:
				f.Errorf(it, "", "%s lists %q twice", what, s)
			default:
				seen[s] = true
				ans.Choices = append(ans.Choices, s)
			}
		}
		// Stored in rubric order, so the file does not change with the
		// order options were ticked in.
		slices.SortFunc(ans.Choices, func(x, y string) int { return optionIndex(q, x) - optionIndex(q, y) })
	case questions.Scale:
		x, ok := f.Int(n, what)
		if ok {
			ans.Number = float64(x)
			checkRange(f, q, n, ans.Number)
		}
	case questions.Number:
		x, ok := f.Number(n, what)
		if ok {
			ans.Number = x
			checkRange(f, q, n, x)
		}
	case questions.Date:
		s := scalarText(n)
		if _, err := time.Parse(DateLayout, s); err != nil || n.Kind != yaml.ScalarNode {
			f.Errorf(n, "write it as YYYY-MM-DD", "%s must be a date, got %s", what, kindOf(n))
			return
		}
		ans.Text = s
	case questions.Text:
		s, ok := f.String(n, what)
		if ok {
			ans.Text = s
		}
	}
}

func scalarText(n *yaml.Node) string {
	if n.Kind != yaml.ScalarNode {
		return ""
	}
	return n.Value
}

func optionIndex(q *questions.Question, v string) int {
	for i, o := range q.Options {
		if o.Value == v {
			return i
		}
	}
	return len(q.Options)
}

func optionHint(q *questions.Question, got string) string {
	vals := make([]string, len(q.Options))
	for i, o := range q.Options {
		vals[i] = strconv.Quote(o.Value)
	}
	return "options: " + strings.Join(vals, ", ")
}

func checkRange(f *questions.Fields, q *questions.Question, n *yaml.Node, x float64) {
	if (q.Min != nil && x < *q.Min) || (q.Max != nil && x > *q.Max) {
		f.Errorf(n, "", "answer to %q must be %s, got %s", q.ID, RangeText(q), questions.Printable(n.Value))
	}
}

// RangeText describes the allowed range of a number or scale question, e.g.
// "between 0 and 100".
func RangeText(q *questions.Question) string {
	switch {
	case q.Min != nil && q.Max != nil:
		return fmt.Sprintf("between %s and %s", FormatNumber(*q.Min), FormatNumber(*q.Max))
	case q.Min != nil:
		return "at least " + FormatNumber(*q.Min)
	case q.Max != nil:
		return "at most " + FormatNumber(*q.Max)
	}
	return "a number"
}

// FormatNumber writes x without trailing zeros: 3, 2.5, 1234567.
func FormatNumber(x float64) string {
	if x == math.Trunc(x) && math.Abs(x) < 1e15 {
		return strconv.FormatFloat(x, 'f', 0, 64)
	}
	return strconv.FormatFloat(x, 'f', -1, 64)
}

// Validate checks one answer against its question, as Check does for a
// file: the TUI and plain mode call it for every answer before saving.
func Validate(q *questions.Question, ans *Answer) error {
	if err := CheckText(ans.Note); err != nil {
		return fmt.Errorf("note: %w", err)
	}
	if ans.DontKnow {
		if !q.DontKnow {
			return fmt.Errorf("%q does not offer \"don't know\"", q.ID)
		}
		return nil
	}
	switch q.Kind {
	case questions.Single, questions.YesNo:
		if q.Option(ans.Text) == nil {
			return fmt.Errorf("choose one of the options")
		}
	case questions.Multi:
		seen := map[string]bool{}
		for _, c := range ans.Choices {
			if q.Option(c) == nil {
				return fmt.Errorf("%q is not an option", questions.Printable(c))
			}
			if seen[c] {
				return fmt.Errorf("%q is chosen twice", questions.Printable(c))
			}
			seen[c] = true
		}
	case questions.Scale, questions.Number:
		if math.IsNaN(ans.Number) || math.IsInf(ans.Number, 0) {
			return fmt.Errorf("enter a number")
		}
		if q.Kind == questions.Scale && ans.Number != math.Trunc(ans.Number) {
			return fmt.Errorf("enter a whole number")
		}
		if (q.Min != nil && ans.Number < *q.Min) || (q.Max != nil && ans.Number > *q.Max) {
			return fmt.Errorf("enter a number %s", RangeText(q))
		}
	case questions.Date:
		if _, err := time.Parse(DateLayout, ans.Text); err != nil {
			return fmt.Errorf("enter a date as YYYY-MM-DD")
		}
	case questions.Text:
		return CheckText(ans.Text)
	}
	return nil
}

// CheckText accepts text that an answers file can hold and read back:
// valid UTF-8 with no control characters other than newline and tab, and no
// bidirectional overrides. Answers, notes, project and respondent names go
// through it before they are saved, so a saved file always loads again.
func CheckText(s string) error {
	if !utf8.ValidString(s) {
		return fmt.Errorf("text is not valid UTF-8")
	}
	for _, r := range s {
		if r == '\n' || r == '\t' {
			continue
		}
		if questions.Printable(string(r)) != string(r) {
			return fmt.Errorf("text contains the control character %s", questions.Printable(string(r)))
		}
	}
	return nil
}

// Marshal writes the answers as YAML: keys in a fixed order and answers in
// rubric order, so two saves of the same answers are the same bytes and a
// diff shows only what changed.
func (a *Answers) Marshal(r *questions.Rubric) []byte {
	doc := mapping()
	add(doc, "format", intNode(AnswersFormat))
	ref := mapping()
	add(ref, "id", str(a.Rubric.ID))
	add(ref, "version", str(a.Rubric.Version))
	add(ref, "hash", str(a.Rubric.Hash))
	add(doc, "rubric", ref)
	add(doc, "project", str(a.Project))
	who := mapping()
	add(who, "name", str(a.Respondent.Name))
	add(who, "role", str(a.Respondent.Role))
	add(doc, "respondent", who)
	add(doc, "started", str(a.Started.UTC().Format(time.RFC3339)))
	add(doc, "updated", str(a.Updated.UTC().Format(time.RFC3339)))
	add(doc, "complete", &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: strconv.FormatBool(a.Complete)})
	answers := mapping()
	for _, id := range a.orderedIDs(r) {
		ans := a.Answers[id]
		m := mapping()
		q := r.Question(id)
		switch {
		case ans.DontKnow:
			add(m, "dont_know", &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: "true"})
		case q != nil && q.Kind == questions.Multi:
			seq := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Style: yaml.FlowStyle}
			choices := slices.Clone(ans.Choices)
			slices.SortStableFunc(choices, func(x, y string) int { return optionIndex(q, x) - optionIndex(q, y) })
			for _, c := range choices {
				seq.Content = append(seq.Content, str(c))
			}
			add(m, "value", seq)
		case q != nil && (q.Kind == questions.Number || q.Kind == questions.Scale):
			add(m, "value", &yaml.Node{Kind: yaml.ScalarNode, Tag: numberTag(ans.Number), Value: FormatNumber(ans.Number)})
		default:
			add(m, "value", str(ans.Text))
		}
		if ans.Note != "" {
			add(m, "note", str(ans.Note))
		}
		add(answers, id, m)
	}
	add(doc, "answers", answers)
	var buf bytes.Buffer
	buf.WriteString("# vitals answers file: one respondent, one run. `vitals report` turns it into a report.\n")
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(doc); err != nil {
		// Only strings, numbers and bools are encoded.
		panic("assessment: encode answers: " + err.Error())
	}
	enc.Close()
	return buf.Bytes()
}

func numberTag(x float64) string {
	if x == math.Trunc(x) && math.Abs(x) < 1e15 {
		return "!!int"
	}
	return "!!float"
}

// orderedIDs returns the answered ids in rubric order, then any others
// sorted.
func (a *Answers) orderedIDs(r *questions.Rubric) []string {
	var ids []string
	seen := map[string]bool{}
	for _, q := range r.Questions() {
		if _, ok := a.Answers[q.ID]; ok {
			ids = append(ids, q.ID)
			seen[q.ID] = true
		}
	}
	var rest []string
	for id := range a.Answers {
		if !seen[id] {
			rest = append(rest, id)
		}
	}
	slices.Sort(rest)
	return append(ids, rest...)
}

// Save writes the answers to path atomically.
func (a *Answers) Save(path string, r *questions.Rubric) error {
	return WriteFileAtomic(path, a.Marshal(r), 0o644)
}

func mapping() *yaml.Node { return &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"} }

func add(m *yaml.Node, key string, v *yaml.Node) {
	m.Content = append(m.Content, str(key), v)
}

func str(s string) *yaml.Node {
	n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
	if strings.Contains(s, "\n") {
		n.Style = yaml.LiteralStyle
	}
	return n
}

func intNode(x int) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.Itoa(x)}
}
