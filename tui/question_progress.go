package tui

// Where the respondent is, and checks on what was entered: the question
// screen's progress line and the dates that look wrong.

import (
	"fmt"
	"time"

	"github.com/vitals-dev/vitals/assessment"
	"github.com/vitals-dev/vitals/questions"
)

// progress is where the current question is. It never goes backwards as
// the respondent goes forwards: a section counts its main questions (those
// asked of everyone), and a follow-up that an answer brings in is numbered
// after the question before it ("question 2 of 3 · follow-up 1") instead
// of growing the count; the overall share counts, from the start, every
// follow-up that may still be asked, so a "yes" that brings one in does not
// lower it, and a "no" that rules one out raises it.
type progress struct {
	section, sections   int
	inSection, ofSecton int
	// followUp numbers a conditional question after the main one before
	// it; 0 for a main question.
	followUp          int
	answered, visible int
}

// first reports whether the question is the first of its section.
func (p progress) first() bool { return p.inSection == 1 && p.followUp == 0 }

func newQuestionScreen(r *questions.Rubric) questionScreen {
	qs := questionScreen{rubric: r, order: r.Questions(), index: map[string]int{}, returnTo: screenQuestion}
	for i, q := range qs.order {
		qs.index[q.ID] = i
	}
	return qs
}

func (m Model) progressAt(q *questions.Question) progress {
	p := progress{sections: len(m.sess.Rubric.Sections)}
	vis := m.sess.Visible()
	for si, s := range m.sess.Rubric.Sections {
		if s != q.Section {
			continue
		}
		p.section = si + 1
		for _, sq := range s.Questions {
			upTo := sq == q || m.sess.Rubric.Before(sq.ID, q.ID)
			switch {
			case sq.When == nil:
				p.ofSecton++
				if upTo {
					p.inSection++
					p.followUp = 0
				}
			case upTo && vis[sq.ID]:
				p.followUp++
			}
		}
	}
	if p.inSection == 0 {
		// A follow-up before any main question of its section (a rubric
		// can ask one of another section's answer): the first place.
		p.inSection = 1
	}
	may := m.mayBeAsked(m.question.index[q.ID])
	for _, sq := range m.question.order {
		if may[sq.ID] {
			p.visible++
			if _, ok := m.sess.Answers.Answers[sq.ID]; ok {
				p.answered++
			}
		}
	}
	return p
}

// mayBeAsked reports, with the question at index at on screen, which
// questions are asked or may still be: a follow-up counts while the answer
// it depends on is still to come (after at, unanswered), and stops
// counting once that answer rules it out or was passed over.
func (m Model) mayBeAsked(at int) map[string]bool {
	qs := m.question
	may := make(map[string]bool, len(qs.order))
	vis := m.sess.Visible()
	for i, q := range qs.order {
		c := q.When
		if c == nil || vis[q.ID] {
			may[q.ID] = c == nil || vis[q.ID]
			continue
		}
		j, ok := qs.index[c.Question]
		_, answered := m.sess.Answers.Answers[c.Question]
		may[q.ID] = ok && j < i && may[c.Question] && !answered && j >= at
	}
	return may
}

// dateWarning says why a date answer looks wrong, or "" when it does not:
// a date measured from another one (a review after go-live, goals met by
// a date) that comes before it, or that is already past.
func (m Model) dateWarning(q *questions.Question, ans *assessment.Answer) string {
	if ans.DontKnow || q.RelativeTo == "" { // only dates are relative to another
		return ""
	}
	d, err := time.Parse(assessment.DateLayout, ans.Text)
	if err != nil {
		return ""
	}
	if rq := m.sess.Rubric.Question(q.RelativeTo); rq != nil {
		if ra := m.sess.Answers.Answers[rq.ID]; ra != nil && !ra.DontKnow {
			if rd, err := time.Parse(assessment.DateLayout, ra.Text); err == nil && d.Before(rd) {
				return fmt.Sprintf("%s is before your answer to %q (%s).", ans.Text, clean(rq.Prompt), ra.Text)
			}
		}
	}
	now := m.cfg.Clock()
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	if d.Before(today) {
		return fmt.Sprintf("%s is in the past (today is %s).", ans.Text, today.Format(assessment.DateLayout))
	}
	return ""
}
