package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/vitals-dev/vitals/assessment"
	"github.com/vitals-dev/vitals/questions"
	"github.com/vitals-dev/vitals/reports"
	"github.com/vitals-dev/vitals/workspace"
)

const reportAbout = `Score an answers file and write its risk report, as markdown (the default)
or JSON. The rubric is the one the answers file names: a built-in, or a
user rubric with that id in %s.
--rubric FILE uses that file instead. The report goes to standard output
unless --out names a file; an existing file is kept unless --force is given.
Use - as ANSWERS.yaml to read the answers from standard input.

--fail-on LEVEL makes the exit status 1 when the overall risk, or the risk
of any section, is at or above LEVEL (medium or high). The report is still
written. A result with nothing scored has no risk level and never fails.

Exit status:
  0  the report was written
  1  the report was written, and the risk is at or above --fail-on
  2  no report: a bad command line, an answers or rubric file that cannot
     be read or has problems (each shown as file:line:col), or an output
     that exists (without --force) or cannot be written
  130  interrupted`

func runReport(e *env, args []string) error {
	fs := newFlags(e, "report", "ANSWERS.yaml [flags]", fmt.Sprintf(reportAbout, questions.UserDir()))
	out := fs.String("out", "-", "write the report to `PATH`; - is standard output")
	format := fs.String("format", "md", "report `format`: md or json")
	failOn := fs.String("fail-on", "", "exit 1 when the overall or any section's risk is at or above `LEVEL`: medium or high")
	rubricPath := fs.String("rubric", "", "score against the rubric in `FILE` instead of the one the answers file names")
	force := fs.Bool("force", false, "replace the --out file if it exists")
	files, err := parseInterspersed(fs, args)
	if err != nil {
		return ignoreHelp(err)
	}
	f, err := reports.ParseFormat(*format)
	if err != nil {
		return usagef("report: %v", err)
	}
	var threshold questions.Risk
	switch *failOn {
	case "":
	case "medium", "high":
		threshold = questions.Risk(*failOn)
	default:
		return usagef("report: --fail-on must be medium or high, not %q", questions.Printable(*failOn))
	}
	switch {
	case len(files) == 0:
		return usagef("report: name the answers file to report on")
	case len(files) > 1:
		return usagef("report: one answers file at a time (merging respondents is not supported yet)")
	}
	if *out != "-" && files[0] != "-" && workspace.SameFile(files[0], *out) {
		return usagef("report: --out %s is the answers file itself; the report would replace it", questions.Printable(*out))
	}
	if *out != "-" && !*force {
		if err := refuseExisting(*out); err != nil {
			return err
		}
	}

	a, err := loadAnswers(e, files[0])
	if err != nil {
		return err
	}
	r, err := reportRubric(e, a, *rubricPath)
	if err != nil {
		return err
	}
	warnings, err := a.Check(r)
	for _, w := range warnings {
		fmt.Fprintln(e.stderr, "warning: "+w.Error())
	}
	if err != nil {
		return inputError(e, err)
	}
	res := assessment.Score(r, a)

	var buf bytes.Buffer
	if err := reports.Render(&buf, res, reports.Options{Format: f, Version: versionString()}); err != nil {
		return exitError{code: exitUsage, err: err}
	}
	if err := e.ctx.Err(); err != nil {
		return errInterrupted
	}
	if err := writeReport(e, *out, buf.Bytes()); err != nil {
		return err
	}
	if threshold != "" {
		if over := riskAtOrAbove(res, threshold); len(over) > 0 {
			return exitError{code: exitFindings, err: fmt.Errorf("risk at or above --fail-on %s: %s", threshold, strings.Join(over, ", "))}
		}
	}
	return nil
}

// parseInterspersed parses flags that may come before or after the file
// names, as in `vitals report answers.yaml --format json`. After "--",
// everything is a file name.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var files []string
	for {
		if err := parseFlags(fs, args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return files, nil
		}
		if consumed := len(args) - len(rest); consumed > 0 && args[consumed-1] == "--" {
			return append(files, rest...), nil
		}
		files = append(files, rest[0])
		args = rest[1:]
	}
}

// refuseExisting fails when path exists, before any work is done.
func refuseExisting(path string) error {
	if _, err := os.Lstat(path); err == nil {
		return exitError{code: exitUsage, err: fmt.Errorf("%s exists; add --force to replace it", questions.Printable(path))}
	} else if !errors.Is(err, os.ErrNotExist) {
		return exitError{code: exitUsage, err: fmt.Errorf("%s: %w", questions.Printable(path), pathErr(err))}
	}
	return nil
}

// loadAnswers reads an answers file, or standard input for "-".
func loadAnswers(e *env, path string) (*assessment.Answers, error) {
	var data []byte
	var err error
	name := path
	if path == "-" {
		name = "<stdin>"
	}
	data, err = workspace.ReadInterruptible(e.ctx, func() ([]byte, error) {
		if path == "-" {
			return questions.ReadLimited(name, e.stdin)
		}
		return questions.ReadFile(path)
	})
	if e.ctx.Err() != nil {
		return nil, errInterrupted
	}
	if err != nil {
		return nil, exitError{code: exitUsage, err: fmt.Errorf("read answers %w", err)}
	}
	a, err := assessment.Decode(name, data)
	if err != nil {
		return nil, inputError(e, err)
	}
	return a, nil
}

// reportRubric finds the rubric to score a against: the file given with
// --rubric, else the rubric the answers name, by id, among the built-ins
// and the user's rubrics.
func reportRubric(e *env, a *assessment.Answers, path string) (*questions.Rubric, error) {
	if path != "" {
		data, err := workspace.ReadInterruptible(e.ctx, func() ([]byte, error) { return questions.ReadFile(path) })
		if e.ctx.Err() != nil {
			return nil, errInterrupted
		}
		if err != nil {
			return nil, exitError{code: exitUsage, err: fmt.Errorf("read rubric %w", err)}
		}
		r, err := questions.ParseBytes(path, data)
		if err != nil {
			return nil, inputError(e, err)
		}
		return r, nil
	}
	// assessment.Decode has checked that the id is an id, never a path.
	// Only the rubric needed is parsed: report runs in CI jobs, where
	// start-up time counts.
	r, err := questions.Find(a.Rubric.ID, questions.UserDir())
	if r != nil && err != nil {
		// A broken user rubric may have been meant to replace the one
		// used here: the user must know.
		fmt.Fprintln(e.stderr, "warning: some rubrics could not be loaded:")
		fmt.Fprintln(e.stderr, err.Error())
	}
	if r == nil {
		return nil, inputError(e, questions.Problems{a.RubricProblem(err.Error(), "give the rubric file with --rubric")})
	}
	return r, nil
}

// inputError reports a problem with an input file. Problems are printed as
// they are, one file:line:col line each; the exit status is 2.
func inputError(e *env, err error) error {
	var ps questions.Problems
	if errors.As(err, &ps) {
		fmt.Fprintln(e.stderr, ps.Error())
		return exitError{code: exitUsage}
	}
	return exitError{code: exitUsage, err: err}
}

// writeReport writes data to standard output, or atomically to path.
func writeReport(e *env, path string, data []byte) error {
	if path == "-" {
		if _, err := e.stdout.Write(data); err != nil {
			return exitError{code: exitUsage, err: fmt.Errorf("write report: %w", pathErr(err))}
		}
		return nil
	}
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return exitError{code: exitUsage, err: fmt.Errorf("%s is a folder; give the report's file name", questions.Printable(path))}
	}
	if err := workspace.WriteFileAtomic(path, data); err != nil {
		return exitError{code: exitUsage, err: err}
	}
	return nil
}

// riskAtOrAbove lists what is at or above level: "overall high" and
// "section business-case high".
func riskAtOrAbove(res *assessment.Result, level questions.Risk) []string {
	var over []string
	if res.Risk.Rank() >= level.Rank() {
		over = append(over, "overall "+string(res.Risk))
	}
	for _, sr := range res.Sections {
		if sr.Risk.Rank() >= level.Rank() {
			over = append(over, "section "+sr.Section.ID+" "+string(sr.Risk))
		}
	}
	return over
}

// pathErr drops the *PathError wrapper, whose message repeats the path.
func pathErr(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}
