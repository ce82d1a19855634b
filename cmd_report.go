package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/vitals-dev/vitals/assessment"
	"github.com/vitals-dev/vitals/gate"
	"github.com/vitals-dev/vitals/internal/printable"
	"github.com/vitals-dev/vitals/internal/yamlfile"
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

The report compares with the latest earlier complete run of the same
project (its project_id) and rubric: another answers file in the same
folder, or an earlier version of an answers file in git history (followed
through renames, so a file overwritten every quarter keeps its past). Its
"Since last time" section says, per sign, better, same or worse (a change
counts when a score crosses a band or moves at least 5 points), the red
flags new and resolved, the answers that got better and those that became
"don't know"; with three or more runs, a trend chart. In a shallow clone it
says that history is cut. --since FILE compares with that answers file;
--no-history leaves the section out.

--fail-on LEVEL makes the exit status 1 when the overall risk, or the risk
of any section, is at or above LEVEL (medium or high). The report is still
written. A result with nothing scored has no risk level and never fails.
An unknown risk (a rubric's unknown rule: too much of the weight rests on
"don't know") cannot be shown to be below LEVEL, so it fails too, unless
--allow-unknown is given; --fail-on unknown fails on unknown alone.

Exit status:
  0  the report was written
  1  the report was written, and the risk is at or above --fail-on
  2  no report: a bad command line, an answers or rubric file that cannot
     be read or has problems (each shown as file:line:col), or an output
     that exists (without --force) or cannot be written
  130  interrupted`

// reportOptions are the flags and files of report.
type reportOptions struct {
	out, format, failOn, rubric string
	force, allowUnknown         bool
	since                       string
	noHistory                   bool
	files                       []string
	workshop                    workshopFlags
}

func newReportCmd(e *env) *cobra.Command {
	opts := &reportOptions{}
	cmd := &cobra.Command{
		Use:   "report ANSWERS.yaml|DIR...",
		Short: "write a report from an answers file, or a workshop's from several",
		Long:  fmt.Sprintf(reportAbout, questions.UserDir()) + workshopAbout,
		Example: `  vitals report assessments/2026-03-31-acme-crm-five-warning-signs.answers.yaml --out report.md
  vitals report answers.yaml --format json
  vitals report answers.yaml --fail-on high
  vitals report workshop/ --out workshop-report.md        # every answers file in the folder
  vitals report ann.answers.yaml bob.answers.yaml --anonymous --format json`,
		Args: cobra.ArbitraryArgs, // counted in runReport, which says what is wrong
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.files = args
			opts.workshop.minGroupSet = cmd.Flags().Changed("min-group")
			return runReport(e, opts)
		},
		ValidArgsFunction: func(_ *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
			return completeAnswersFiles(nil, nil, toComplete)
		},
	}
	fs := cmd.Flags()
	fs.StringVarP(&opts.out, "out", "o", "-", "write the report to `PATH`; - is standard output")
	fs.StringVar(&opts.format, "format", "md", "report `FORMAT`: md or json")
	fs.StringVar(&opts.failOn, "fail-on", "", "exit 1 when the overall or any section's risk is at or above `LEVEL` (medium or high), or unknown; or unknown alone")
	fs.BoolVar(&opts.allowUnknown, "allow-unknown", false, "with --fail-on medium or high, let an unknown risk pass")
	fs.StringVarP(&opts.rubric, "rubric", "r", "", "score against the rubric in `FILE` instead of the one the answers file names")
	fs.BoolVar(&opts.force, "force", false, "replace the --out file if it exists")
	fs.StringVar(&opts.since, "since", "", "compare with the earlier run in answers `FILE` instead of the one found in the folder and git history")
	fs.BoolVar(&opts.noHistory, "no-history", false, "leave out the comparison with earlier runs (\"Since last time\")")
	addWorkshopFlags(cmd, &opts.workshop)
	_ = cmd.RegisterFlagCompletionFunc("out", completeFiles(".md", ".json"))
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions([]cobra.Completion{"md\tmarkdown", "json\tJSON for tools"}, cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.RegisterFlagCompletionFunc("fail-on", cobra.FixedCompletions([]cobra.Completion{"medium", "high", "unknown"}, cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.RegisterFlagCompletionFunc("rubric", completeRubricFiles)
	return cmd
}

func runReport(e *env, opts *reportOptions) error {
	files := opts.files
	f, err := reports.ParseFormat(opts.format)
	if err != nil {
		return usagef("report: %v", err)
	}
	var threshold questions.Risk
	switch opts.failOn {
	case "":
	case "medium", "high", "unknown":
		threshold = questions.Risk(opts.failOn)
	default:
		return usagef("report: --fail-on must be medium, high or unknown, not %q", printable.Line(opts.failOn))
	}
	if opts.allowUnknown && threshold != questions.RiskMedium && threshold != questions.RiskHigh {
		return usagef("report: --allow-unknown goes with --fail-on medium or high")
	}
	if len(files) == 0 {
		return usagef("report: name the answers file to report on, or the files or folder of a workshop")
	}
	if isWorkshop(files, &opts.workshop) {
		return runWorkshopReport(e, opts, f, threshold)
	}
	if opts.out != "-" && files[0] != "-" && workspace.SameFile(files[0], opts.out) {
		return usagef("report: --out %s is the answers file itself; the report would replace it", printable.Line(opts.out))
	}
	if opts.out != "-" && !opts.force {
		if err := refuseExisting(opts.out); err != nil {
			return err
		}
	}

	read, err := loadAnswers(e, files[0])
	if err != nil {
		return err
	}
	r, err := reportRubric(e, read, opts.rubric)
	if err != nil {
		return err
	}
	a, warnings, err := read.Check(r)
	for _, w := range warnings {
		fmt.Fprintln(e.stderr, "warning: "+w.Error())
	}
	if err != nil {
		return inputError{err}
	}
	res := assessment.Score(r, a)
	since, err := sinceFor(e, opts, files[0], r, res)
	if err != nil {
		return err
	}

	var buf bytes.Buffer
	if err := reports.Render(&buf, res, reports.Options{Format: f, Version: versionString(), Since: since}); err != nil {
		return inputError{err}
	}
	if err := e.ctx.Err(); err != nil {
		return errInterrupted
	}
	if err := writeReport(e, opts.out, buf.Bytes()); err != nil {
		return err
	}
	if threshold != "" {
		if over := failing(res, threshold, opts.allowUnknown); len(over) > 0 {
			return findingsError{fmt.Errorf("risk at or above --fail-on %s: %s", threshold, strings.Join(over, ", "))}
		}
	}
	return nil
}

// refuseExisting fails when path exists, before any work is done.
func refuseExisting(path string) error {
	if _, err := os.Lstat(path); err == nil {
		return inputError{fmt.Errorf("%s exists; add --force to replace it", printable.Line(path))}
	} else if !errors.Is(err, os.ErrNotExist) {
		return inputError{fmt.Errorf("%s: %w", printable.Line(path), pathErr(err))}
	}
	return nil
}

// loadAnswers reads an answers file, or standard input for "-".
func loadAnswers(e *env, path string) (*assessment.File, error) {
	var data []byte
	var err error
	name := path
	if path == "-" {
		name = "<stdin>"
	}
	data, err = workspace.ReadInterruptible(e.ctx, func() ([]byte, error) {
		if path == "-" {
			return yamlfile.ReadLimited(name, e.stdin)
		}
		return yamlfile.ReadFile(path)
	})
	if e.ctx.Err() != nil {
		return nil, errInterrupted
	}
	if err != nil {
		return nil, inputError{fmt.Errorf("read answers %w", err)}
	}
	a, err := assessment.Decode(name, data)
	if err != nil {
		return nil, inputError{err}
	}
	return a, nil
}

// reportRubric finds the rubric to score a against: the file given with
// --rubric, else the rubric the answers name, by id, among the built-ins
// and the user's rubrics.
func reportRubric(e *env, a *assessment.File, path string) (*questions.Rubric, error) {
	if path != "" {
		data, err := workspace.ReadInterruptible(e.ctx, func() ([]byte, error) { return yamlfile.ReadFile(path) })
		if e.ctx.Err() != nil {
			return nil, errInterrupted
		}
		if err != nil {
			return nil, inputError{fmt.Errorf("read rubric %w", err)}
		}
		r, err := questions.ParseBytes(path, data)
		if err != nil {
			return nil, inputError{err}
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
		return nil, inputError{questions.Problems{a.RubricProblem(err.Error(), "give the rubric file with --rubric")}}
	}
	return r, nil
}

// writeReport writes data to standard output, or atomically to path.
func writeReport(e *env, path string, data []byte) error {
	if path == "-" {
		if _, err := e.stdout.Write(data); err != nil {
			return inputError{fmt.Errorf("write report: %w", pathErr(err))}
		}
		return nil
	}
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return inputError{fmt.Errorf("%s is a folder; give the report's file name", printable.Line(path))}
	}
	if err := workspace.WriteFileAtomic(path, data); err != nil {
		return inputError{err}
	}
	return nil
}

// failing lists what fails --fail-on level: "overall high" and "section
// business-case unknown". medium and high fail at or above the level, and
// on unknown (which cannot be shown to be below it) unless allowUnknown;
// unknown fails on unknown alone. No level (nothing scored) never fails.
func failing(res *assessment.Result, level questions.Risk, allowUnknown bool) []string {
	fails := func(r questions.Risk) bool { return gate.Fires(r, level, allowUnknown) }
	var over []string
	if fails(res.Risk) {
		over = append(over, "overall "+string(res.Risk))
	}
	for _, sr := range res.Sections {
		if fails(sr.Risk) {
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
