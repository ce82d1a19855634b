package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"

	"github.com/vitals-dev/vitals/assessment"
	"github.com/vitals-dev/vitals/internal/yamlfile"
	"github.com/vitals-dev/vitals/questions"
	"github.com/vitals-dev/vitals/workshop"
	"github.com/vitals-dev/vitals/workspace"
)

// runScorer scores the runs check and portfolio find: each run's answers
// against the rubric it names, found once per rubric id however many
// projects use it.
type runScorer struct {
	e *env
	// mu guards the rubrics found: portfolio scores a few runs at a time.
	mu      sync.Mutex
	rubrics map[string]*questions.Rubric
	failed  map[string]error
	// warned is set once the warning about broken user rubrics is shown.
	warned bool
}

func newRunScorer(e *env) *runScorer {
	return &runScorer{e: e, rubrics: map[string]*questions.Rubric{}, failed: map[string]error{}}
}

// rubric finds the rubric a file names, as report does.
func (s *runScorer) rubric(f *assessment.File) (*questions.Rubric, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if r := s.rubrics[f.Rubric.ID]; r != nil {
		return r, nil
	}
	if err := s.failed[f.Rubric.ID]; err != nil {
		return nil, inputError{questions.Problems{f.RubricProblem(err.Error(), "install the rubric in "+questions.UserDir())}}
	}
	r, err := questions.Find(f.Rubric.ID, questions.UserDir())
	if r != nil && err != nil && !s.warned {
		s.warned = true
		fmt.Fprintln(s.e.stderr, "warning: some rubrics could not be loaded:")
		fmt.Fprintln(s.e.stderr, err.Error())
	}
	if r == nil {
		s.failed[f.Rubric.ID] = err
		return nil, inputError{questions.Problems{f.RubricProblem(err.Error(), "install the rubric in "+questions.UserDir())}}
	}
	s.rubrics[f.Rubric.ID] = r
	return r, nil
}

// Rubrics are the rubrics found so far.
func (s *runScorer) Rubrics() []*questions.Rubric {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []*questions.Rubric
	for _, r := range s.rubrics {
		out = append(out, r)
	}
	return out
}

// scoredRun is a run scored: one respondent's result, or a workshop's
// group (whose Result is the group's).
type scoredRun struct {
	Result *assessment.Result
	Group  *workshop.Group
	// Source names the run for a reader: its file, or a workshop's folder.
	Source string
}

// score reads and scores a run found by workspace.Scan. A problem with a
// file is returned as it would be by report: file:line:col.
func (s *runScorer) score(run *workspace.ScannedRun) (*scoredRun, error) {
	if run.Workshop == "" {
		read, err := s.read(run.Headers[0].File)
		if err != nil {
			return nil, err
		}
		r, err := s.rubric(read)
		if err != nil {
			return nil, err
		}
		a, _, err := read.Check(r)
		if err != nil {
			return nil, inputError{err}
		}
		return &scoredRun{Result: assessment.Score(r, a), Source: run.Headers[0].File}, nil
	}
	var files []workshop.File
	for _, p := range run.Files() {
		data, err := yamlfile.ReadFile(p)
		if err != nil {
			return nil, inputError{fmt.Errorf("read answers %w", err)}
		}
		files = append(files, workshop.File{Name: p, Data: data})
	}
	c, err := workshop.Collect(files, s.rubric, workshop.Options{})
	if err != nil {
		var ie inputError
		if errors.As(err, &ie) {
			return nil, err
		}
		return nil, inputError{fmt.Errorf("workshop in %s: %w", filepath.Dir(run.Headers[0].File), err)}
	}
	g := workshop.Combine(c)
	return &scoredRun{Result: g.Result, Group: g, Source: filepath.Dir(run.Headers[0].File) + string(os.PathSeparator)}, nil
}

// read reads one answers file.
func (s *runScorer) read(path string) (*assessment.File, error) {
	data, err := yamlfile.ReadFile(path)
	if err != nil {
		return nil, inputError{fmt.Errorf("read answers %w", err)}
	}
	a, err := assessment.Decode(path, data)
	if err != nil {
		return nil, inputError{err}
	}
	return a, nil
}

// scoreAgainst scores an earlier run's answers against today's rubric r,
// for a comparison; nil when they no longer fit it.
func scoreAgainst(r *questions.Rubric, name string, data []byte) *assessment.Result {
	read, err := assessment.Decode(name, data)
	if err != nil {
		return nil
	}
	a, _, err := read.Check(r)
	if err != nil {
		return nil
	}
	return assessment.Score(r, a)
}
