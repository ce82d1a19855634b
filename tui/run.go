package tui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/vitals-dev/vitals/assessment"
	"github.com/vitals-dev/vitals/questions"
	"github.com/vitals-dev/vitals/workspace"
)

// Run runs the interactive assessment on the terminal, drawing on stderr.
// It returns where the files are; on ctrl+c (confirmed) the error is
// ErrQuit, on a signal (ctx cancelled) it wraps ctx.Err(). In every case the
// answers given so far are on disk when it returns.
func Run(ctx context.Context, in io.Reader, out io.Writer, cfg *workspace.Config) (workspace.Outcome, error) {
	rubric, sess, unfinished, warnings, err := prepare(cfg)
	if err != nil {
		if ctx.Err() == nil {
			err = workspace.CannotStart(err)
		}
		return workspace.Outcome{}, err
	}
	m := New(cfg, rubric, sess, unfinished)
	m.warnings = warnings
	m = m.layoutQuestion()
	opts := []tea.ProgramOption{tea.WithContext(ctx), tea.WithOutput(out), tea.WithoutSignalHandler()}
	if in != nil {
		opts = append(opts, tea.WithInput(in))
	}
	final, runErr := tea.NewProgram(m, opts...).Run()
	fm, ok := final.(Model)
	if !ok {
		fm = m
	}
	// A last synchronous save: the autosave of the last answer may not
	// have run when a signal stopped the program, or it failed. SaveFinal
	// writes a rescue copy when the file cannot take the answers.
	if fm.sess != nil {
		_ = fm.saver.final(func() error {
			fm.outcome = fm.sess.SaveFinal(fm.outcome)
			return fm.outcome.SaveErr
		})
		fm.sess.Close()
	}
	if ctx.Err() != nil {
		return fm.outcome, fmt.Errorf("assessment stopped: %w", ctx.Err())
	}
	if runErr != nil {
		if errors.Is(runErr, tea.ErrInterrupted) {
			return fm.outcome, ErrQuit
		}
		if strings.Contains(runErr.Error(), "opening TTY") || strings.Contains(runErr.Error(), "terminal size") {
			return fm.outcome, errors.New("the full-screen mode cannot use this terminal: run again with --accessible for plain prompts")
		}
		return fm.outcome, runErr
	}
	return fm.outcome, fm.err
}

// prepare does the file work before the first frame: the rubric named by
// --rubric or by the answers file, the answers file when it exists, and the
// unfinished files that could be resumed.
func prepare(cfg *workspace.Config) (*questions.Rubric, *workspace.Session, []workspace.Unfinished, questions.Problems, error) {
	var rubric *questions.Rubric
	if cfg.Rubric != "" {
		r, err := cfg.Catalog.Lookup(cfg.Rubric)
		if err != nil {
			return nil, nil, nil, nil, err
		}
		rubric = r
	}
	if cfg.AnswersPath != "" {
		if _, err := os.Stat(cfg.AnswersPath); err == nil {
			a, err := assessment.LoadFile(cfg.AnswersPath)
			if err != nil {
				return nil, nil, nil, nil, err
			}
			if rubric == nil {
				r, err := cfg.Catalog.Lookup(a.Rubric.ID)
				if err != nil {
					return nil, nil, nil, nil, questions.Problems{a.RubricProblem(err.Error(), "give the rubric file with --rubric")}
				}
				rubric = r
			}
			s, warnings, err := cfg.Resume(rubric, cfg.AnswersPath, a)
			if err != nil {
				return nil, nil, nil, warnings, err
			}
			return rubric, s, nil, warnings, nil
		}
	}
	if rubric != nil && cfg.Project != "" {
		if cfg.AnswersPath == "" {
			if un := cfg.FindUnfinished(rubric, cfg.Project); len(un) > 0 {
				return rubric, nil, un, nil, nil
			}
		}
		if needWho(cfg) {
			// Asked first, as in plain mode; the file is opened then.
			return rubric, nil, nil, nil, nil
		}
		s, err := openNew(cfg, rubric, cfg.Project, cfg.Respondent, cfg.Role)
		return rubric, s, nil, nil, err
	}
	return rubric, nil, nil, nil, nil
}

// openNew starts a new answers file, at --answers or a default path.
func openNew(cfg *workspace.Config, r *questions.Rubric, project, name, role string) (*workspace.Session, error) {
	path := cfg.AnswersPath
	if path == "" {
		path = cfg.DefaultAnswersPath(r.ID, project, cfg.Clock())
	}
	s, _, err := cfg.Open(r, path, project, assessment.Respondent{Name: name, Role: role})
	return s, err
}

// openedMsg reports a session opened by a command.
type openedMsg struct {
	sess     *workspace.Session
	warnings questions.Problems
	err      error
}

// openCmd opens (or resumes, when path is set) an answers file.
func openCmd(cfg *workspace.Config, r *questions.Rubric, path, project, name, role string) tea.Cmd {
	return func() tea.Msg {
		if path != "" {
			s, w, err := cfg.Open(r, path, project, assessment.Respondent{Name: name, Role: role})
			return openedMsg{sess: s, warnings: w, err: err}
		}
		s, err := openNew(cfg, r, project, name, role)
		return openedMsg{sess: s, err: err}
	}
}

// RunRemote runs the assessment for a participant of a workshop served
// over SSH, on the rubric r: from their answers file when rem.Session is
// open already, or else from the join screen, which asks who they are and
// opens it with rem.Open. opts give the program its input, output and
// first window size; sizes carries the window sizes the participant's
// terminal reports later. The answers are on disk when it returns, and
// the session is closed; the outcome names no file when they left before
// one was opened. A file rem.Open opens after the participant left (they
// went while it was being opened) is the caller's to close.
func RunRemote(ctx context.Context, cfg *workspace.Config, r *questions.Rubric, rem Remote, sizes <-chan tea.WindowSizeMsg, opts ...tea.ProgramOption) (workspace.Outcome, error) {
	m := newRemote(cfg, r, rem)
	opts = append([]tea.ProgramOption{tea.WithContext(ctx), tea.WithoutSignalHandler()}, opts...)
	p := tea.NewProgram(m, opts...)
	done := make(chan struct{})
	defer close(done)
	go func() {
		for {
			select {
			case <-done:
				return
			case s, ok := <-sizes:
				if !ok {
					return
				}
				p.Send(s)
			}
		}
	}()
	final, runErr := p.Run()
	fm, ok := final.(Model)
	if !ok {
		fm = m
	}
	if fm.sess == nil {
		// Left at the join screen: nothing was answered.
		return fm.outcome, remoteErr(runErr, fm.err)
	}
	_ = fm.saver.final(func() error {
		fm.outcome = fm.sess.SaveFinal(fm.outcome)
		return fm.outcome.SaveErr
	})
	fm.sess.Close()
	return fm.outcome, remoteErr(runErr, fm.err)
}

func remoteErr(runErr, err error) error {
	if runErr != nil && !errors.Is(runErr, tea.ErrInterrupted) {
		return runErr
	}
	return err
}

// newRemote is the model of a participant over SSH.
func newRemote(cfg *workspace.Config, r *questions.Rubric, rem Remote) Model {
	if rem.Session != nil {
		m := New(cfg, rem.Session.Rubric, rem.Session, nil)
		m.remote = &rem
		return m.layoutQuestion()
	}
	m := New(cfg, r, nil, nil)
	m.remote = &rem
	m.start = newJoinScreen(&m, r, &rem, nil)
	m.screen = screenStart
	return m
}
