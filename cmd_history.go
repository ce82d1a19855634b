package main

import (
	"fmt"

	"github.com/vitals-dev/vitals/assessment"
	"github.com/vitals-dev/vitals/internal/printable"
	"github.com/vitals-dev/vitals/questions"
	"github.com/vitals-dev/vitals/reports"
	"github.com/vitals-dev/vitals/workspace"
)

// sinceFor finds the earlier runs of the report's run and compares: the
// file given with --since, else the earlier runs of the same project id
// and rubric in the answers file's folder and in git history. Nothing is
// compared with --no-history, or for answers read from standard input.
func sinceFor(e *env, opts *reportOptions, path string, r *questions.Rubric, res *assessment.Result) (*reports.Since, error) {
	if opts.noHistory {
		return nil, nil
	}
	var runs []workspace.Run
	note := ""
	switch {
	case opts.since != "":
		if path != "-" && workspace.SameFile(path, opts.since) {
			return nil, usagef("report: --since %s is the answers file reported on; give an earlier run", printable.Line(opts.since))
		}
		read, err := loadAnswers(e, opts.since)
		if err != nil {
			return nil, err
		}
		if cur := res.Answers.Header; read.Header.ProjectKey() != cur.ProjectKey() {
			fmt.Fprintf(e.stderr, "warning: --since %s is another project (%s, not %s): compared as asked\n",
				printable.Line(opts.since), printable.Line(read.Header.ProjectKey()), printable.Line(cur.ProjectKey()))
		}
		a, _, err := read.Check(r)
		if err != nil {
			return nil, inputError{fmt.Errorf("--since: %w", err)}
		}
		return reports.Compare(res, []*assessment.Result{assessment.Score(r, a)}, opts.since, nil), nil
	case path == "-":
		return nil, nil
	default:
		h := workspace.Earlier(e.ctx, path, res.Answers.Header)
		runs, note = h.Runs, h.Note
	}
	var earlier []*assessment.Result
	var dropped []string
	for i, run := range runs {
		read, err := assessment.Decode(run.Source, run.Data)
		if err != nil {
			continue
		}
		a, _, err := read.Check(r)
		if err != nil {
			continue
		}
		if i == len(runs)-1 {
			dropped = droppedIDs(read, a)
		}
		earlier = append(earlier, assessment.Score(r, a))
	}
	if len(earlier) == 0 {
		if note != "" {
			return &reports.Since{Note: note}, nil
		}
		return nil, nil
	}
	s := reports.Compare(res, earlier, runs[len(runs)-1].Source, dropped)
	s.Note = note
	return s, nil
}

// droppedIDs lists the answers of the file that the check against today's
// rubric dropped: questions that changed with the rubric.
func droppedIDs(read *assessment.File, a *assessment.Answers) []string {
	var out []string
	for _, id := range read.AnswerIDs() {
		if _, ok := a.Answers[id]; !ok && a.Notes[id] == "" {
			out = append(out, id)
		}
	}
	return out
}
