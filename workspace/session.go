package workspace

import (
	"errors"
	"fmt"
	"time"

	"github.com/vitals-dev/vitals/assessment"
	"github.com/vitals-dev/vitals/questions"
)

// Session is one respondent's run through a rubric: the answers so far and
// the file they are saved to.
type Session struct {
	Rubric  *questions.Rubric
	Answers *assessment.Answers
	// Path is the answers file, written atomically after every change.
	// Empty means the answers live in memory only (tests).
	Path string
	// Now is the clock; nil means time.Now.
	Now func() time.Time

	lock *Lock
}

// MoveTo records that the answers file now lives at path, held by lock
// (taken before it was written there); the old name's lock is let go.
func (s *Session) MoveTo(path string, lock *Lock) {
	_ = s.lock.Release()
	s.Path, s.lock = path, lock
}

// Close ends the session: it lets go of the answers file's lock, so
// another session may open it. The answers are saved already.
func (s *Session) Close() error {
	if s == nil {
		return nil
	}
	err := s.lock.Release()
	s.lock = nil
	return err
}

// ErrCannotStart is wrapped by the errors that stop an assessment, in any
// mode, before its first question because of what was given: an unknown or
// invalid rubric, an answers file that cannot be resumed or is held by
// another session, a folder that is not one. Nothing was asked and nothing
// written.
var ErrCannotStart = errors.New("cannot start the assessment")

// startError marks err as ErrCannotStart without changing its message.
type startError struct{ err error }

func (e startError) Error() string        { return e.err.Error() }
func (e startError) Unwrap() error        { return e.err }
func (e startError) Is(target error) bool { return target == ErrCannotStart }

// CannotStart marks err, met while opening an assessment, as
// ErrCannotStart.
func CannotStart(err error) error {
	if err == nil {
		return nil
	}
	return startError{err}
}

// ErrInvalid wraps an answer that does not fit its question.
var ErrInvalid = errors.New("invalid answer")

func (s *Session) now() time.Time {
	if s.Now != nil {
		return s.Now().UTC().Truncate(time.Second)
	}
	return time.Now().UTC().Truncate(time.Second)
}

// Set validates ans against question id, stores it and saves the file. An
// invalid answer is not stored and the error wraps ErrInvalid.
func (s *Session) Set(id string, ans *assessment.Answer) error {
	q := s.Rubric.Question(id)
	if q == nil {
		return fmt.Errorf("%w: unknown question %q", ErrInvalid, id)
	}
	if err := assessment.Validate(q, ans); err != nil {
		return fmt.Errorf("%w: %v", ErrInvalid, err)
	}
	s.Answers.Answers[id] = ans
	// The answer carries its note now.
	delete(s.Answers.Notes, id)
	return s.touch()
}

// PendingNote is the note typed on question id before it was answered, or
// "".
func (s *Session) PendingNote(id string) string { return s.Answers.Notes[id] }

// SetPendingNote keeps a note typed on question id before it is answered
// ("" removes it). It is kept in memory; the next save writes it, so a
// note the screen shows is never lost on quit.
func (s *Session) SetPendingNote(id, note string) {
	if note == "" {
		delete(s.Answers.Notes, id)
		return
	}
	if s.Answers.Notes == nil {
		s.Answers.Notes = map[string]string{}
	}
	s.Answers.Notes[id] = note
}

// Clear removes the answer to question id and saves the file.
func (s *Session) Clear(id string) error {
	delete(s.Answers.Answers, id)
	return s.touch()
}

func (s *Session) touch() error {
	s.Answers.Updated = s.now()
	return s.Save()
}

// Save writes the answers file atomically, if the session has a path.
func (s *Session) Save() error {
	if s.Path == "" {
		return nil
	}
	if err := WriteFileAtomic(s.Path, s.Answers.Marshal(s.Rubric)); err != nil {
		return fmt.Errorf("save answers: %w", err)
	}
	return nil
}

// Visible reports which questions are asked given the answers so far.
func (s *Session) Visible() map[string]bool {
	return assessment.Visibility(s.Rubric, s.Answers)
}

// Progress counts the visible questions and those answered ("don't know"
// included).
func (s *Session) Progress() (answered, visible int) {
	vis := s.Visible()
	for _, q := range s.Rubric.Questions() {
		if !vis[q.ID] {
			continue
		}
		visible++
		if _, ok := s.Answers.Answers[q.ID]; ok {
			answered++
		}
	}
	return answered, visible
}

// Missing returns the visible required questions not yet answered, in
// rubric order.
func (s *Session) Missing() []*questions.Question {
	vis := s.Visible()
	var out []*questions.Question
	for _, q := range s.Rubric.Questions() {
		if _, ok := s.Answers.Answers[q.ID]; q.Required && vis[q.ID] && !ok {
			out = append(out, q)
		}
	}
	return out
}

// Recheck validates every stored answer again, as huh can let a fast double
// Enter skip a field's validation. It returns the questions whose answers
// were dropped because they no longer fit. It does no IO, so the
// full-screen mode can call it in Update: the caller saves the file (the
// TUI with its autosave command, plain mode with the next answer or its
// last save).
func (s *Session) Recheck() []*questions.Question {
	var bad []*questions.Question
	for _, q := range s.Rubric.Questions() {
		if ans, ok := s.Answers.Answers[q.ID]; ok && assessment.Validate(q, ans) != nil {
			delete(s.Answers.Answers, q.ID)
			bad = append(bad, q)
		}
	}
	if len(bad) > 0 {
		s.Answers.Updated = s.now()
	}
	return bad
}

// Result scores the answers so far.
func (s *Session) Result() *assessment.Result {
	return assessment.Score(s.Rubric, s.Answers)
}

// Complete marks the answers as finished and saves them.
func (s *Session) Complete() error {
	s.Answers.Complete = true
	return s.touch()
}

// PassedOver returns the optional questions left unanswered before the last
// answered one, in rubric order: the respondent skipped them on purpose,
// so a resumed run goes on where it stopped instead of asking them first.
// They stay unanswered, and the review lists them.
func (s *Session) PassedOver() map[string]bool {
	qs := s.Rubric.Questions()
	last := -1
	for i, q := range qs {
		if _, ok := s.Answers.Answers[q.ID]; ok {
			last = i
		}
	}
	vis := s.Visible()
	out := map[string]bool{}
	for _, q := range qs[:last+1] {
		if _, ok := s.Answers.Answers[q.ID]; vis[q.ID] && !ok && !q.Required {
			out[q.ID] = true
		}
	}
	return out
}
