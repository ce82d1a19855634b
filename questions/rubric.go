// Package questions defines the rubric format of vitals: the types a rubric
// is made of, loading them from YAML (built-in and user files) and
// validating them with a file:line:column for every problem.
package questions

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
)

// Kind is the type of answer a question takes.
type Kind string

// The question kinds a rubric may use.
const (
	Single Kind = "single" // one option out of several
	Multi  Kind = "multi"  // any number of options
	Scale  Kind = "scale"  // an integer between min and max
	YesNo  Kind = "yesno"  // options "yes" and "no"
	Number Kind = "number" // a decimal number with an optional unit and range
	Date   Kind = "date"   // a calendar date, YYYY-MM-DD
	Text   Kind = "text"   // free text, never scored
)

// Kinds lists every kind in the order the documentation presents them.
var Kinds = []Kind{Single, Multi, Scale, YesNo, Number, Date, Text}

// Risk is a risk level: low, medium, high, or unknown when not enough is
// known to say; RiskNone when nothing is scored.
type Risk string

// The risk levels. Unknown is a finding of its own ("not enough is known"),
// given by a rubric to an answer, or to a section or the whole result by
// the rubric's unknown rule; it is not high, which is known to be bad.
const (
	RiskNone    Risk = "" // nothing scored: no level
	RiskLow     Risk = "low"
	RiskMedium  Risk = "medium"
	RiskUnknown Risk = "unknown"
	RiskHigh    Risk = "high"
)

// Rank orders risk levels for "the worst of": none 0, low 1, medium 2,
// unknown 3, high 4. An answer the rubric calls unknown outranks medium
// (not knowing is worse than a known gap) but never high.
func (r Risk) Rank() int {
	switch r {
	case RiskLow:
		return 1
	case RiskMedium:
		return 2
	case RiskUnknown:
		return 3
	case RiskHigh:
		return 4
	}
	return 0
}

// String returns the level as a word; RiskNone reads "not scored".
func (r Risk) String() string {
	if r == RiskNone {
		return "not scored"
	}
	return string(r)
}

// UnknownRule says when a section or the whole result is at unknown risk:
// when answers that leave it unknown — "don't know", or an answer whose
// risk the rubric gives as unknown — carry more than Share percent of its
// scored weight. A critical red flag still makes it high.
type UnknownRule struct {
	Share float64 `json:"share"`
	Pos   Pos     `json:"-"`
}

// Pos is a position in a source file, 1-based. The zero Pos means unknown.
type Pos struct {
	Line int `json:"-"`
	Col  int `json:"-"`
}

// Bands turn a 0–100 score into a risk level: a score of at least Low is low
// risk, at least Medium is medium risk, anything below is high risk.
type Bands struct {
	Low    float64 `json:"low"`
	Medium float64 `json:"medium"`
	Pos    Pos     `json:"-"`
}

// DefaultBands are used when a rubric gives none.
var DefaultBands = Bands{Low: 70, Medium: 40}

// Risk returns the risk level of score.
func (b Bands) Risk(score float64) Risk {
	switch {
	case score >= b.Low:
		return RiskLow
	case score >= b.Medium:
		return RiskMedium
	}
	return RiskHigh
}

// Rubric is a complete, validated questionnaire with its scoring rules.
type Rubric struct {
	ID          string `json:"id"`
	Title       string `json:"title"`
	Version     string `json:"version"`
	Description string `json:"description,omitempty"`
	// ReportTitle heads the reports of this rubric, e.g. "Adoption risk
	// report"; when empty, the title does. It changes no score, so it is
	// left out of the content hash and a rubric that gains one keeps its
	// hash.
	ReportTitle string `json:"-"`
	Bands       Bands  `json:"bands"`
	// DontKnowScore is the score a "don't know" answer counts as. Not knowing
	// is itself a finding, so the default is low.
	DontKnowScore float64 `json:"dont_know_score"`
	// MinGroup is the smallest group an anonymous workshop report shows
	// a distribution or a role group of (workshop.min_group in the file);
	// 0 leaves it to vitals. It changes no score, so it is left out of the
	// content hash.
	MinGroup int `json:"-"`
	// Messages are said with the overall result, one per risk level
	// ("At high risk: stop and talk to the sponsor before go-live").
	// Not part of the content hash: they change no score.
	Messages Recommendations `json:"-"`
	// Unknown, when set, is the rule that makes a section or the whole
	// result "unknown": not enough is known to call its risk.
	Unknown *UnknownRule `json:"unknown,omitempty"`
	// Tags are the tags the rubric's options may set and its questions
	// be asked by.
	Tags         []TagRef      `json:"tags,omitempty"`
	Sections     []*Section    `json:"sections"`
	BusinessCase *BusinessCase `json:"business_case,omitempty"`

	// Source is where the rubric came from: "built-in" or a file path.
	Source string `json:"-"`
	// File is the name used in messages about this rubric.
	File string `json:"-"`

	hash  string
	index map[string]*Question
	order map[string]int
}

// Section is one part of a rubric; in the built-in rubric, one warning sign.
type Section struct {
	ID              string          `json:"id"`
	Title           string          `json:"title"`
	Why             string          `json:"why,omitempty"`
	Weight          float64         `json:"weight"`
	Bands           *Bands          `json:"bands,omitempty"`
	Recommendations Recommendations `json:"recommendations"`
	Questions       []*Question     `json:"questions"`
	Pos             Pos             `json:"-"`
}

// Recommendations holds the advice given for a section in each risk band.
type Recommendations struct {
	Low     string `json:"low,omitempty"`
	Medium  string `json:"medium,omitempty"`
	High    string `json:"high,omitempty"`
	Unknown string `json:"unknown,omitempty"`
}

// For returns the recommendation for risk level r.
func (r Recommendations) For(risk Risk) string {
	switch risk {
	case RiskLow:
		return r.Low
	case RiskMedium:
		return r.Medium
	case RiskHigh:
		return r.High
	case RiskUnknown:
		return r.Unknown
	}
	return ""
}

// Question is one question of a section.
type Question struct {
	ID       string  `json:"id"`
	Prompt   string  `json:"prompt"`
	Help     string  `json:"help,omitempty"`
	Kind     Kind    `json:"kind"`
	Required bool    `json:"required,omitempty"`
	Weight   float64 `json:"weight"`
	// DontKnow reports whether "don't know" is offered.
	DontKnow bool `json:"dont_know"`
	// NotApplicable reports whether "not applicable" is offered: an
	// answer, with its reason, that leaves the question out of scoring.
	NotApplicable bool       `json:"not_applicable,omitempty"`
	When          *Condition `json:"when,omitempty"`
	Options       []*Option  `json:"options,omitempty"`
	// Unit, Min and Max describe number and scale answers. Min and Max are
	// nil when the rubric sets no bound.
	Unit      string   `json:"unit,omitempty"`
	Min       *float64 `json:"min,omitempty"`
	Max       *float64 `json:"max,omitempty"`
	LowLabel  string   `json:"low_label,omitempty"`
	HighLabel string   `json:"high_label,omitempty"`
	// RelativeTo names the date a date answer is measured from, in months:
	// another date question's id, or "assessment" for the assessment date.
	RelativeTo string       `json:"relative_to,omitempty"`
	Scoring    []*ScoreBand `json:"scoring,omitempty"`

	// Rules, for multiple choice, give the score and risk from which
	// options are chosen, in place of adding up option scores; see Rule.
	Rules []*Rule `json:"rules,omitempty"`
	// IncludeTags ask the question only when an earlier answer set one
	// of them; ExcludeTags hide it when one is set. See TagRef.
	IncludeTags []TagRef `json:"include_tags,omitempty"`
	ExcludeTags []TagRef `json:"exclude_tags,omitempty"`

	Section *Section `json:"-"`
	Pos     Pos      `json:"-"`
}

// RelativeToAssessment is the RelativeTo value for the assessment date.
const RelativeToAssessment = "assessment"

// Scored reports whether answers to q count towards the score.
func (q *Question) Scored() bool {
	if q.Weight == 0 {
		return false
	}
	switch q.Kind {
	case Text:
		return false
	case Number, Date:
		return len(q.Scoring) > 0
	}
	return true
}

// Option returns the option with the given value, or nil.
func (q *Question) Option(value string) *Option {
	for _, o := range q.Options {
		if o.Value == value {
			return o
		}
	}
	return nil
}

// ExclusiveOption returns the first exclusive option of a multiple-choice
// question (its "none of these"), or nil.
func (q *Question) ExclusiveOption() *Option {
	for _, o := range q.Options {
		if o.Exclusive {
			return o
		}
	}
	return nil
}

// Option is one possible answer of a choice or yes/no question.
type Option struct {
	Value string `json:"value"`
	Label string `json:"label"`
	// Outcome is what choosing it leads to. In a multiple-choice question
	// the scores of the chosen options add up, capped at 100.
	Outcome
	// IfMissing, for multiple-choice questions, is advice given when the
	// option is not chosen: the good practice the answer says is missing.
	IfMissing string `json:"if_missing,omitempty"`
	// Exclusive, for multiple-choice questions, marks an answer such as
	// "none of these" that cannot be chosen together with another option.
	// When it is chosen, its recommendation is the question's advice and
	// the if_missing advice of the other options is not given.
	Exclusive bool `json:"exclusive,omitempty"`
	// Tags are set when the option is chosen; they decide which later
	// questions are asked (Question.IncludeTags, ExcludeTags).
	Tags []TagRef `json:"tags,omitempty"`
	Pos  Pos      `json:"-"`

	hasScore     bool
	ifMissingPos Pos
	exclusivePos Pos
}

// ScoreBand scores a number, scale or date answer that falls in [From, To).
// Either bound may be nil for an open range. For date questions the bounds
// are months after the question's RelativeTo date.
type ScoreBand struct {
	From *float64 `json:"from,omitempty"`
	To   *float64 `json:"to,omitempty"`
	Outcome
	Pos Pos `json:"-"`
}

// Outcome is what an option, a scoring band or a rule leads to when it
// applies: a score from 0 to 100 (higher is healthier), the risk it
// carries, a red flag (critical forces its section to high risk) and
// advice.
type Outcome struct {
	Score          float64 `json:"score"`
	Risk           Risk    `json:"risk,omitempty"`
	Flag           string  `json:"flag,omitempty"`
	Critical       bool    `json:"critical,omitempty"`
	Recommendation string  `json:"recommendation,omitempty"`
}

// Contains reports whether v falls inside the band.
func (b *ScoreBand) Contains(v float64) bool {
	return (b.From == nil || v >= *b.From) && (b.To == nil || v < *b.To)
}

// Condition shows a question only when an earlier answer matches: one of In
// for choice and yes/no questions (any chosen option, for multiple choice),
// or within [From, To) for number and scale questions.
type Condition struct {
	Question string   `json:"question"`
	In       []string `json:"in,omitempty"`
	// NotIn asks the question when none of these option values is
	// chosen ("none of"), the question answered.
	NotIn []string `json:"not_in,omitempty"`
	From  *float64 `json:"from,omitempty"`
	To    *float64 `json:"to,omitempty"`
	// Not turns the condition round: ask when the answer does not match
	// (is outside [From, To), or has none of In), the question answered.
	Not bool `json:"not,omitempty"`
	Pos Pos  `json:"-"`
	// QuestionPos, InPos and NotInPos locate the question reference and
	// each In and NotIn value, for messages.
	QuestionPos Pos   `json:"-"`
	InPos       []Pos `json:"-"`
	NotInPos    []Pos `json:"-"`
}

// BusinessCase names the number questions that hold the business case of
// warning sign 1, so the return can be recomputed at other adoption levels.
type BusinessCase struct {
	// AnnualBenefit is the yearly benefit at full adoption.
	AnnualBenefit string `json:"annual_benefit"`
	OneOffCost    string `json:"one_off_cost"`
	RunningCost   string `json:"running_cost"`
	HorizonYears  string `json:"horizon_years"`
	// AssumedAdoption is the adoption, in percent, the case assumes.
	AssumedAdoption string `json:"assumed_adoption"`
	Currency        string `json:"currency,omitempty"`
	Pos             Pos    `json:"-"`
	// KeyPos holds the position of each key's value, for messages.
	KeyPos map[string]Pos `json:"-"`
}

// Question returns the question with the given id, or nil.
func (r *Rubric) Question(id string) *Question { return r.index[id] }

// Questions returns every question in rubric order.
func (r *Rubric) Questions() []*Question {
	var qs []*Question
	for _, s := range r.Sections {
		qs = append(qs, s.Questions...)
	}
	return qs
}

// Before reports whether question a comes before question b in the rubric.
func (r *Rubric) Before(a, b string) bool {
	ia, oka := r.order[a]
	ib, okb := r.order[b]
	return oka && okb && ia < ib
}

// SectionBands returns the bands in force for s.
func (r *Rubric) SectionBands(s *Section) Bands {
	if s.Bands != nil {
		return *s.Bands
	}
	return r.Bands
}

// Hash returns a content hash of the rubric, "sha256:" and 64 hex digits. It
// covers everything that affects questions and scoring, and ignores
// comments, layout and key order, so reformatting a file keeps its hash.
func (r *Rubric) Hash() string { return r.hash }

// finish fills the derived fields after a successful parse.
func (r *Rubric) finish() { r.finishHashed(r.contentHash()) }

// finishHashed is finish for a rubric whose content hash is already known,
// as it is for the generated built-ins: marshalling the rubric to JSON to
// hash it would cost more than building it.
func (r *Rubric) finishHashed(hash string) {
	r.index = map[string]*Question{}
	r.order = map[string]int{}
	for _, s := range r.Sections {
		for _, q := range s.Questions {
			q.Section = s
			r.index[q.ID] = q
			r.order[q.ID] = len(r.order)
		}
	}
	r.hash = hash
}

// contentHash computes what Hash returns.
func (r *Rubric) contentHash() string {
	b, err := json.Marshal(r)
	if err != nil {
		// A rubric holds only strings, numbers and bools.
		panic("questions: hash rubric: " + err.Error())
	}
	sum := sha256.Sum256(b)
	return "sha256:" + hex.EncodeToString(sum[:])
}
