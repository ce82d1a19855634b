package assessment

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"go.yaml.in/yaml/v4"

	"github.com/vitals-dev/vitals/internal/printable"
	"github.com/vitals-dev/vitals/internal/yamlfile"
	"github.com/vitals-dev/vitals/questions"
)

var (
	answersKeys    = []string{"format", "rubric", "project", "project_id", "respondent", "workshop", "started", "updated", "complete", "answers"}
	rubricRefKeys  = []string{"id", "version", "hash"}
	respondentKeys = []string{"name", "role"}
	workshopKeys   = []string{"mode"}
	answerKeys     = []string{"value", "dont_know", "not_applicable", "reason", "note"}
)

// MaxValues bounds the YAML values (keys, scalars, lists) an answers file
// may hold: about 15 for each answer of the largest rubric vitals takes
// (10,000 questions), while a file of millions of tiny values is refused
// before it costs the parser seconds and gigabytes.
const MaxValues = 150_000

// capWarnings keeps the first warnings, as problems are kept: a file of
// 10,000 answers to questions a changed rubric no longer has warns in 50
// lines and a count, not 10,000 lines.
func capWarnings(ws questions.Problems) questions.Problems {
	if len(ws) == 0 {
		return ws
	}
	return yamlfile.Cap(ws)
}

// File is an answers file as read: its Header is decoded and checked; its
// answers are not yet, since the rubric they must fit is named inside the
// file. Check turns it into Answers against that rubric.
type File struct {
	Header
	// entries are the answers as written, in file order.
	entries []entry
}

// entry is one answer of a File: what could be read without the rubric.
type entry struct {
	id       string
	key      *yaml.Node
	value    *yaml.Node // nil when the file gives none
	dontKnow bool
	notApp   bool
	reason   *yaml.Node // nil when the file gives none
	note     string
}

// LoadFile reads an answers file; see Decode.
func LoadFile(path string) (*File, error) {
	data, err := yamlfile.ReadFile(path)
	if err != nil {
		if _, ok := err.(questions.Problems); ok {
			return nil, err
		}
		return nil, fmt.Errorf("read answers %w", err)
	}
	return Decode(path, data)
}

// Decode parses an answers file held in memory; name is used in messages.
// The answers' values are checked against their rubric by File.Check, since
// the rubric to use is named inside the file.
func Decode(name string, data []byte) (*File, error) {
	root, probs := yamlfile.ReadYAMLLimit(name, data, MaxValues)
	if root == nil {
		return nil, yamlfile.Cap(probs)
	}
	f := &yamlfile.Fields{File: name, Probs: probs}
	a := &File{Header: Header{File: name}}
	seen := map[string]bool{}
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
						f.Errorf(v, "", "rubric.id %q is not a valid rubric id", printable.Line(s))
					}
					a.Rubric.ID = s
					a.rubricPos = questions.Pos{Line: v.Line, Col: v.Column}
				case "version":
					a.Rubric.Version = s
				case "hash":
					a.Rubric.Hash = s
				}
			})
		case "project":
			a.Project, _ = f.String(v, "project")
		case "project_id":
			a.ProjectID, _ = f.String(v, "project_id")
			if !ValidProjectID(a.ProjectID) {
				f.Errorf(v, "lower-case letters and digits joined by dashes, at most 40 characters", "project_id %q is not a project id", printable.Line(a.ProjectID))
			}
		case "respondent":
			f.Map(v, "respondent", respondentKeys, nil, func(key string, v *yaml.Node) {
				s, _ := f.String(v, "respondent."+key)
				if key == "name" {
					a.Respondent.Name = s
				} else {
					a.Respondent.Role = s
				}
			})
		case "workshop":
			decodeWorkshop(f, v, &a.Header)
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
				if seen[k.Value] {
					continue // reported as a duplicate key
				}
				seen[k.Value] = true
				e := entry{id: k.Value, key: k}
				f.Map(val, "answer", answerKeys, nil, func(key string, v *yaml.Node) {
					switch key {
					case "value":
						e.value = v
					case "dont_know":
						e.dontKnow, _ = f.Bool(v, "dont_know")
					case "not_applicable":
						e.notApp, _ = f.Bool(v, "not_applicable")
					case "reason":
						e.reason = v
					case "note":
						e.note, _ = f.String(v, "note")
						checkLength(f, v, "note", e.note)
					}
				})
				a.entries = append(a.entries, e)
			}
		}
	})
	_ = format
	if len(f.Probs) > 0 {
		return nil, yamlfile.Cap(f.Probs)
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
	return "the value " + strconv.Quote(printable.Line(n.Value))
}

func decodeTime(f *yamlfile.Fields, n *yaml.Node, what string) time.Time {
	if n.Kind == yaml.ScalarNode && (n.Tag == "!!str" || n.Tag == "!!timestamp") {
		if t, err := time.Parse(time.RFC3339, n.Value); err == nil {
			return t.UTC()
		}
	}
	f.Errorf(n, "write it like 2026-03-31T14:05:00Z", "%s must be a time (RFC 3339), got %s", what, kindOf(n))
	return time.Time{}
}

// Check reads the answers against rubric r and returns them. It returns
// warnings (problems that do not stop a report) and an error listing every
// problem that does. When r's hash differs from the one recorded, the
// rubric changed since the answers were saved: that is a warning, and
// answers that no longer fit (unknown ids, options that were removed) are
// dropped with a warning each instead of failing. The File is not changed:
// it can be checked against another rubric.
func (a *File) Check(r *questions.Rubric) (*Answers, questions.Problems, error) {
	name := a.File
	if a.Rubric.ID != r.ID {
		return nil, nil, questions.Problems{{File: name, Line: 1, Col: 1, Msg: fmt.Sprintf("answers are for rubric %q, not %q", printable.Line(a.Rubric.ID), r.ID)}}
	}
	var warnings, probs questions.Problems
	changed := a.Rubric.Hash != "" && a.Rubric.Hash != r.Hash()
	if changed {
		warnings = append(warnings, questions.Problem{File: name, Line: 1, Col: 1,
			Msg:  fmt.Sprintf("rubric %s changed since these answers were saved (version %s, now %s)", r.ID, printable.Line(a.Rubric.Version), r.Version),
			Hint: "answers to questions that still exist are kept"})
	}
	report := func(p questions.Problem) {
		if changed {
			warnings = append(warnings, p)
		} else {
			probs = append(probs, p)
		}
	}
	out := &Answers{Header: a.Header, Answers: map[string]*Answer{}, Notes: map[string]string{}}
	out.Rubric = RubricRef{ID: r.ID, Version: r.Version, Hash: r.Hash()}
	for _, e := range a.entries {
		keyNode := e.key
		q := r.Question(e.id)
		if q == nil {
			report(questions.Problem{File: name, Line: keyNode.Line, Col: keyNode.Column, Msg: fmt.Sprintf("unknown question id %q", printable.Line(e.id))})
			continue
		}
		if e.value == nil && !e.dontKnow && !e.notApp && e.reason == nil && e.note != "" {
			out.Notes[e.id] = e.note // a note waiting for its answer
			continue
		}
		ans := &Answer{DontKnow: e.dontKnow, NotApplicable: e.notApp, Note: e.note, pos: questions.Pos{Line: keyNode.Line, Col: keyNode.Column}}
		f := &yamlfile.Fields{File: name}
		if e.reason != nil {
			ans.Reason, _ = f.String(e.reason, "reason")
			checkLength(f, e.reason, "reason", ans.Reason)
		}
		switch {
		case ans.NotApplicable && !q.NotApplicable:
			f.Errorf(keyNode, "", "question %q does not offer \"not applicable\"", e.id)
		case ans.NotApplicable && (e.value != nil || ans.DontKnow):
			f.Errorf(keyNode, "keep either not_applicable or the answer", "answer to %q is both not applicable and answered", e.id)
		case ans.NotApplicable && strings.TrimSpace(ans.Reason) == "" && len(f.Probs) == 0:
			f.Errorf(keyNode, "add reason: saying why it does not apply", "answer to %q is not applicable but gives no reason", e.id)
		case ans.NotApplicable:
		case e.reason != nil:
			f.Errorf(e.reason, "use note: for a remark on an answer", "answer to %q has a reason but is not \"not applicable\"", e.id)
		case ans.DontKnow && !q.DontKnow:
			f.Errorf(keyNode, "", "question %q does not offer \"don't know\"", e.id)
		case ans.DontKnow && e.value != nil:
			f.Errorf(e.value, "remove the value or dont_know", "answer to %q has both a value and dont_know", e.id)
		case !ans.DontKnow && e.value == nil:
			f.Errorf(keyNode, "add value: or dont_know: true", "answer to %q has no value", e.id)
		case e.value != nil:
			codecOf(q).decode(f, q, e.value, ans)
		}
		if len(f.Probs) > 0 {
			for _, p := range f.Probs {
				report(p)
			}
			continue
		}
		out.Answers[e.id] = ans
	}
	warnings = capWarnings(warnings)
	if len(probs) > 0 {
		return nil, warnings, yamlfile.Cap(probs)
	}
	return out, warnings, nil
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

func checkRange(f *yamlfile.Fields, q *questions.Question, n *yaml.Node, x float64) {
	if (q.Min != nil && x < *q.Min) || (q.Max != nil && x > *q.Max) {
		f.Errorf(n, "", "answer to %q must be %s, got %s", q.ID, RangeText(q), printable.Line(n.Value))
	}
}

// checkLength reports text longer than MaxText, the limit both modes
// hold answers and notes to.
func checkLength(f *yamlfile.Fields, n *yaml.Node, what, s string) bool {
	if c := utf8.RuneCountInString(s); c > MaxText {
		f.Errorf(n, "", "%s is %s characters; the limit is %s", what, FormatCount(c), FormatCount(MaxText))
		return false
	}
	return true
}

// decodeWorkshop reads the workshop a file was answered in: its mode.
func decodeWorkshop(f *yamlfile.Fields, v *yaml.Node, h *Header) {
	f.Map(v, "workshop", workshopKeys, []string{"mode"}, func(_ string, v *yaml.Node) {
		s, ok := f.String(v, "workshop.mode")
		switch {
		case !ok:
		case s == WorkshopNamed || s == WorkshopAnonymous:
			h.Workshop = s
		default:
			f.Errorf(v, "use named or anonymous", "workshop.mode %q is not a mode", printable.Line(s))
		}
	})
}
