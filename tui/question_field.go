package tui

// The field of a question screen: the huh field built for each kind of
// question, and turning what was entered into an answer.

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"charm.land/lipgloss/v2"

	"github.com/vitals-dev/vitals/assessment"
	"github.com/vitals-dev/vitals/questions"
)

// buildField builds the one-field form for q, holding its current answer.
func (m Model) buildField(q *questions.Question) (*huh.Form, *fieldValue) {
	return m.buildFieldValue(q, nil)
}

// buildFieldValue builds the form for q holding preset, or the current
// answer when preset is nil.
func (m Model) buildFieldValue(q *questions.Question, preset *fieldValue) (*huh.Form, *fieldValue) {
	v := &fieldValue{}
	ans := m.sess.Answers.Answers[q.ID]
	if preset != nil {
		v, ans = preset, nil
	}
	var field huh.Field
	form := assessment.FormOf(q)
	switch form.Input {
	case assessment.PickMany:
		// One line per option: huh's list follows its cursor by option,
		// not by line, so a wrapped label can push the cursor out of view
		// in a small window. A cut label is read in full with ctrl+o.
		room := m.labelRoom(q)
		opts := choiceOptions(q)
		for i := range opts {
			opts[i].Key = truncate(opts[i].Key, room)
		}
		if ans != nil {
			switch {
			case ans.DontKnow:
				v.many = []string{dontKnow}
			case ans.NotApplicable:
				v.many = []string{notApplicable}
			case len(ans.Choices) == 0:
				v.many = []string{noneOfThese}
			default:
				v.many = assessment.Picked(q, ans)
			}
		}
		for i := range opts {
			opts[i] = opts[i].Selected(slices.Contains(v.many, opts[i].Value))
		}
		field = themed(huh.NewMultiSelect[string](), m.st).Key(q.ID).Options(opts...).Value(&v.many).Height(len(opts) + 1).
			Validate(func(c []string) error {
				if len(c) == 0 {
					// Said on enter, not before anything was ticked.
					return nil
				}
				return checkTicks(q, c)
			})
	case assessment.PickOne:
		// One line per option, as in a checklist: at 40 columns a wrapped
		// option left room for one option of six.
		opts := choiceOptions(q)
		for i := range opts {
			opts[i].Key = truncate(opts[i].Key, m.labelRoom(q))
		}
		if ans != nil {
			if picked := assessment.Picked(q, ans); ans.DontKnow {
				v.one = dontKnow
			} else if ans.NotApplicable {
				v.one = notApplicable
			} else if len(picked) == 1 {
				v.one = picked[0]
			}
		}
		field = themed(huh.NewSelect[string](), m.st).Key(q.ID).Options(opts...).Value(&v.one)
	case assessment.TypeText:
		switch {
		case ans != nil && ans.DontKnow:
			v.text = "?"
		case ans != nil:
			v.text = ans.Text
		}
		field = huh.NewText().Key(q.ID).Value(&v.text).Lines(3).CharLimit(assessment.MaxText).
			Placeholder("Type your answer; leave empty to skip")
	default:
		switch {
		case ans != nil && ans.DontKnow:
			v.text = "?"
		case ans != nil && ans.NotApplicable:
			v.text = "n/a"
		case ans != nil:
			// As every screen writes it (numbers grouped); exact, so
			// keeping the answer keeps it as it was.
			v.text = assessment.TypedText(q, ans)
		}
		in := huh.NewInput().Key(q.ID).Value(&v.text).CharLimit(40).
			Validate(func(s string) error {
				_, _, err := parseInput(q, s)
				return err
			})
		if form.Placeholder != "" {
			in = in.Placeholder(clean(form.Placeholder))
		}
		field = in
	}
	// The root shows the field's error itself, right below the field,
	// where a small window still has room for it.
	f := m.newForm(formKeyMap(), huh.NewGroup(field)).WithShowErrors(false)
	return f, v
}

// noneOfThese is the option value of "None of these" in a multiple-choice
// question whose rubric has no such option of its own: ticking it answers
// that none applies, so an empty list is never taken for an answer.
const noneOfThese = "\x00none"

// choiceOptions lists a question's options as its field shows them: for
// a checklist the rubric's options and "None of these" when the rubric has
// none of its own; for a single-choice, yes/no or short scale question its
// options or points. "Don't know" comes last when the question offers it.
// The options of single-choice questions and checklists are numbered, the
// digit that chooses them; a scale's points are their own numbers.
func choiceOptions(q *questions.Question) []huh.Option[string] {
	var opts []huh.Option[string]
	form := assessment.FormOf(q)
	for _, c := range assessment.Choices(q) {
		label := clean(c.Label)
		if c.Note != "" {
			label += " — " + clean(c.Note)
		}
		opts = append(opts, huh.NewOption(label, c.Value))
	}
	if form.Input == assessment.PickMany && q.ExclusiveOption() == nil {
		opts = append(opts, huh.NewOption("None of these", noneOfThese))
	}
	if q.DontKnow {
		opts = append(opts, huh.NewOption("Don't know", dontKnow))
	}
	if q.NotApplicable {
		opts = append(opts, huh.NewOption("Not applicable", notApplicable))
	}
	if form.Numbered {
		for i := range opts {
			if i < 9 {
				opts[i].Key = strconv.Itoa(i+1) + ". " + opts[i].Key
			}
		}
	}
	return opts
}

// digitOption is the value of the option a digit key chooses in q's list,
// or "" when the digit chooses none: a scale's point of that number, or
// else the option in that place.
func digitOption(q *questions.Question, digit rune) string {
	opts := choiceOptions(q)
	if assessment.FormOf(q).Points {
		for _, o := range opts {
			if o.Value == string(digit) {
				return o.Value
			}
		}
		return ""
	}
	if i := int(digit - '1'); digit >= '1' && digit <= '9' && i < len(opts) {
		return opts[i].Value
	}
	return ""
}

// checkTicks refuses a checklist's ticks that are no answer: none at all
// (an enter pressed too soon must not answer "none of these"), or "None of
// these" or "Don't know" ticked beside other options.
func checkTicks(q *questions.Question, ticks []string) error {
	none := "None of these"
	if ex := q.ExclusiveOption(); ex != nil {
		none = clean(ex.Label)
	}
	switch {
	case len(ticks) == 0:
		msg := fmt.Sprintf("nothing ticked: tick %q if none applies", none)
		if q.DontKnow {
			msg += `, or "Don't know"`
		}
		return errors.New(msg)
	case len(ticks) > 1 && slices.Contains(ticks, dontKnow):
		return errors.New("choose \"Don't know\" on its own")
	case len(ticks) > 1 && slices.Contains(ticks, notApplicable):
		return errors.New("choose \"Not applicable\" on its own")
	case len(ticks) > 1 && slices.Contains(ticks, noneOfThese):
		return errors.New("choose \"None of these\" on its own")
	}
	return nil
}

// parseInput reads a typed number, date or scale answer. Empty means no
// answer (an error when the question is required); "?" means "don't know".
func parseInput(q *questions.Question, s string) (ans *assessment.Answer, empty bool, err error) {
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		if q.Required {
			return nil, true, errors.New("this question needs an answer")
		}
		return nil, true, nil
	case s == "?" || strings.EqualFold(s, "don't know") || strings.EqualFold(s, "dont know"):
		if !q.DontKnow {
			return nil, false, errors.New("this question needs an answer")
		}
		return &assessment.Answer{DontKnow: true}, false, nil
	case q.NotApplicable && (strings.EqualFold(s, "n/a") || strings.EqualFold(s, "na")):
		return &assessment.Answer{NotApplicable: true}, false, nil
	}
	ans, err = assessment.ParseAnswer(q, s)
	return ans, false, err
}

// answerFromField turns the completed field into an answer; nil with no
// error means the question was left empty.
func (qs questionScreen) answerFromField(q *questions.Question) (*assessment.Answer, error) {
	v := qs.val
	switch assessment.FormOf(q).Input {
	case assessment.PickMany:
		if err := checkTicks(q, v.many); err != nil {
			return nil, err
		}
		switch v.many[0] {
		case dontKnow:
			return &assessment.Answer{DontKnow: true}, nil
		case notApplicable:
			return &assessment.Answer{NotApplicable: true}, nil
		case noneOfThese:
			return assessment.PickAnswer(q, nil)
		}
		// The rubric's own "none of these" is one of the options,
		// ticked like any other; the codec puts them in rubric order.
		return assessment.PickAnswer(q, v.many)
	case assessment.PickOne:
		switch v.one {
		case dontKnow:
			return &assessment.Answer{DontKnow: true}, nil
		case notApplicable:
			return &assessment.Answer{NotApplicable: true}, nil
		case "":
			return nil, errors.New("choose one of the options")
		}
		return assessment.PickAnswer(q, []string{v.one})
	case assessment.TypeText:
		t := strings.TrimSpace(v.text)
		if t == "?" {
			// As in the other typed fields; ? alone says nothing as text.
			if !q.DontKnow {
				return nil, errors.New("\"don't know\" is not offered for this question")
			}
			return &assessment.Answer{DontKnow: true}, nil
		}
		if t == "" {
			if q.Required {
				return nil, errors.New("this question needs an answer")
			}
			return nil, nil
		}
		return assessment.ParseAnswer(q, t)
	}
	ans, _, err := parseInput(q, v.text)
	return ans, err
}

// labelRoom is the width an option's label may take on one line, beside
// the field's border and cursor, and in a checklist the tick box.
func (m Model) labelRoom(q *questions.Question) int {
	if assessment.FormOf(q).Input == assessment.PickMany {
		return max(8, m.contentWidth()-8)
	}
	return max(8, m.contentWidth()-4)
}

// labelsCut reports whether q's option labels are cut to fit.
func (m Model) labelsCut(q *questions.Question) bool {
	if !isChoice(q) {
		return false
	}
	for _, o := range choiceOptions(q) {
		if lipgloss.Width(o.Key) > m.labelRoom(q) {
			return true
		}
	}
	return false
}

// hoveredOption is the option under a multiple-choice field's cursor.
func hoveredOption(f *huh.Form) (string, bool) {
	if f == nil {
		return "", false
	}
	if ms, ok := f.GetFocusedField().(*huh.MultiSelect[string]); ok {
		return ms.Hovered()
	}
	return "", false
}

// moveCursorTo moves a multiple-choice field's cursor onto option value,
// as the arrow keys would.
func moveCursorTo(f *huh.Form, value string) *huh.Form {
	for range 200 {
		ms, ok := f.GetFocusedField().(*huh.MultiSelect[string])
		if !ok {
			return f
		}
		now, ok := ms.Hovered()
		if !ok || now == value {
			return f
		}
		before := now
		f, _ = updateForm(f, tea.KeyPressMsg{Code: tea.KeyDown})
		if after, _ := hoveredOption(f); after == before {
			break // at the bottom: the option is above
		}
	}
	for range 200 {
		now, ok := hoveredOption(f)
		if !ok || now == value {
			return f
		}
		f, _ = updateForm(f, tea.KeyPressMsg{Code: tea.KeyUp})
		if after, _ := hoveredOption(f); after == now {
			return f
		}
	}
	return f
}

// isChoice reports whether q is answered by choosing from a list.
func isChoice(q *questions.Question) bool {
	in := assessment.FormOf(q).Input
	return in == assessment.PickOne || in == assessment.PickMany
}
