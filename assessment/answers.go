// Package assessment holds what a respondent answered and what it means:
// answers files, scoring, risk bands, red flags, recommended actions and the
// business-case sensitivity.
package assessment

import (
	"bytes"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v4"

	"github.com/vitals-dev/vitals/questions"
)

// AnswersFormat is the answers file format this build writes and reads.
const AnswersFormat = 1

// DateLayout is how dates are written in answers files.
const DateLayout = "2006-01-02"

// The modes of a workshop: whether the merged report may say who answered
// what.
const (
	WorkshopNamed     = "named"
	WorkshopAnonymous = "anonymous"
)

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
	// NotApplicable answers that the question does not apply, for the
	// Reason given: the answer is left out of scoring.
	NotApplicable bool
	Reason        string
	Note          string

	pos questions.Pos
}

// Header is what an answers file says about its run, whatever its
// answers: the rubric it was answered against, the project, who answered
// and when. It is all that finding, listing and comparing runs needs.
type Header struct {
	Rubric  RubricRef
	Project string
	// ProjectID is the project's stable id (see ProjectKey); empty in
	// files from before project ids.
	ProjectID  string
	Respondent Respondent
	Started    time.Time
	Updated    time.Time
	// Complete is set when the respondent finished the questionnaire.
	Complete bool
	// Workshop is the mode of the workshop the answers were given in,
	// WorkshopNamed or WorkshopAnonymous, fixed when it started; empty for
	// a run of one respondent (files from before workshops read as that).
	Workshop string

	// File is where the answers were read from, for messages.
	File string

	rubricPos questions.Pos // of rubric.id, for messages
}

// RubricProblem is a problem with the rubric the file names (one that
// cannot be found), placed at the rubric id in the file.
func (h *Header) RubricProblem(msg, hint string) questions.Problem {
	line, col := h.rubricPos.Line, h.rubricPos.Col
	if line == 0 {
		line, col = 1, 1
	}
	return questions.Problem{File: h.File, Line: line, Col: col, Msg: msg, Hint: hint}
}

// Answers is one respondent's answers to one rubric in one run, every one
// of them checked against that rubric: what a session holds, what is
// scored and saved. An answers file read from disk is a File until it is
// checked.
type Answers struct {
	Header
	// Answers maps question ids to answers.
	Answers map[string]*Answer
	// Notes maps question ids to notes typed before the question was
	// answered: the file keeps them, and the answer takes its note from
	// here when it comes.
	Notes map[string]string
}

// New starts an empty answers set for rubric r.
func New(r *questions.Rubric, project string, who Respondent, now time.Time) *Answers {
	now = now.UTC().Truncate(time.Second)
	return &Answers{
		Header: Header{
			Rubric:     RubricRef{ID: r.ID, Version: r.Version, Hash: r.Hash()},
			Project:    project,
			ProjectID:  ProjectSlug(project),
			Respondent: who,
			Started:    now,
			Updated:    now,
		},
		Answers: map[string]*Answer{},
		Notes:   map[string]string{},
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
	if a.ProjectID != "" {
		add(doc, "project_id", str(a.ProjectID))
	}
	who := mapping()
	name := a.Respondent.Name
	if a.Workshop == WorkshopAnonymous {
		name = "" // an anonymous workshop's file never says who answered
	}
	add(who, "name", str(name))
	add(who, "role", str(a.Respondent.Role))
	add(doc, "respondent", who)
	if a.Workshop != "" {
		// Only in workshops: a single run's file stays as it was.
		ws := mapping()
		add(ws, "mode", str(a.Workshop))
		add(doc, "workshop", ws)
	}
	add(doc, "started", str(a.Started.UTC().Format(time.RFC3339)))
	add(doc, "updated", str(a.Updated.UTC().Format(time.RFC3339)))
	add(doc, "complete", &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: strconv.FormatBool(a.Complete)})
	answers := mapping()
	for _, id := range a.orderedIDs(r) {
		ans, answered := a.Answers[id]
		m := mapping()
		q := r.Question(id)
		if !answered {
			add(m, "note", str(a.Notes[id]))
			add(answers, id, m)
			continue
		}
		switch {
		case ans.DontKnow:
			add(m, "dont_know", &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: "true"})
		case ans.NotApplicable:
			add(m, "not_applicable", &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: "true"})
			add(m, "reason", str(ans.Reason))
		case q != nil:
			add(m, "value", codecOf(q).encode(q, ans))
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
	has := func(id string) bool {
		_, ok := a.Answers[id]
		return ok || a.Notes[id] != ""
	}
	for _, q := range r.Questions() {
		if has(q.ID) {
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
	for id, n := range a.Notes {
		if _, ok := a.Answers[id]; !ok && n != "" && !seen[id] {
			rest = append(rest, id)
		}
	}
	slices.Sort(rest)
	return append(ids, rest...)
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
