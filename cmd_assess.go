package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"

	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"github.com/vitals-dev/vitals/assessment"
	"github.com/vitals-dev/vitals/internal/printable"
	"github.com/vitals-dev/vitals/plain"
	"github.com/vitals-dev/vitals/questions"
	"github.com/vitals-dev/vitals/tui"
	"github.com/vitals-dev/vitals/workspace"
)

// assessAbout is the help of assess.
const assessAbout = `Answer a rubric interactively, section by section, then see the results and
save the answers and a markdown report. Answers are saved after every
question: an interrupted run goes on with --answers FILE.

Plain mode (--accessible or ACCESSIBLE=1) asks one numbered question per line
for screen readers and scripts; it is also used when stdin or stderr is not a
terminal. At a terminal a line that does not fit is asked again; from piped
input the run stops there (exit 1), naming the input line and the question.
The full-screen mode draws on stderr, so stdout stays clean.

--workshop FOLDER runs a one-keyboard workshop round: participants take
turns, each answering into a numbered file of their own in FOLDER; a
hand-over screen between them shows nothing of the last one's answers; e
on it ends the round and writes the merged report into FOLDER (as vitals
report FOLDER would). --anonymous, when the round starts, asks and keeps
nobody's name. Run it again to go on with the same round.`

// assessOptions are the flags of assess (and of vitals with no command).
type assessOptions struct {
	cfg        workspace.Config
	accessible bool
	rubrics    []string
	// workshop is the folder of a one-keyboard workshop round; anonymous
	// fixes its mode when it starts.
	workshop  string
	anonymous bool
}

func newAssessCmd(e *env) *cobra.Command {
	opts := &assessOptions{}
	cmd := &cobra.Command{
		Use: "assess",
		Example: `  vitals assess --rubric five-warning-signs --project "CRM roll-out EMEA"
  vitals assess --accessible --answers assessments/answers.yaml
  vitals assess --workshop workshop/ --rubric five-warning-signs --project "Contoso ERP" --anonymous`,
		Short:             "answer a rubric interactively (the default)",
		Long:              assessAbout,
		Args:              noArgs,
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE:              func(*cobra.Command, []string) error { return runAssess(e, opts) },
	}
	addAssessFlags(cmd, opts)
	return cmd
}

// addAssessFlags defines the flags of assess on cmd, with their
// completions.
func addAssessFlags(cmd *cobra.Command, opts *assessOptions) {
	fs := cmd.Flags()
	cfg := &opts.cfg
	fs.StringVarP(&cfg.Rubric, "rubric", "r", "", "the rubric: a built-in `ID` (see vitals list) or a YAML file PATH")
	fs.StringVarP(&cfg.Project, "project", "p", "", "the project `NAME`")
	fs.StringVar(&cfg.Respondent, "respondent", "", "your `NAME` (empty: anonymous)")
	fs.StringVar(&cfg.Role, "role", "", "your `ROLE`, e.g. sponsor")
	fs.StringVarP(&cfg.AnswersPath, "answers", "a", "", "the answers `FILE`: resumed when it exists (default: in --dir, named from date, project and rubric)")
	fs.StringVarP(&cfg.OutPath, "out", "o", "", "the markdown report `FILE` (default: the answers file's name with .md)")
	fs.StringVar(&cfg.Dir, "dir", workspace.DefaultDir, "the `FOLDER` for answers and reports with default names")
	fs.BoolVar(&opts.accessible, "accessible", false, "plain line-by-line prompts for screen readers and scripts (also ACCESSIBLE=1)")
	fs.StringArrayVar(&opts.rubrics, "rubrics", nil, "a rubric file or folder `PATH` to add (repeatable)")
	fs.StringVar(&opts.workshop, "workshop", "", "run a one-keyboard workshop round in `FOLDER`: participants answer in turn, then the merged report")
	fs.BoolVar(&opts.anonymous, "anonymous", false, "with --workshop, when the round starts: ask and keep nobody's name")
	_ = cmd.RegisterFlagCompletionFunc("rubric", completeRubric)
	_ = cmd.RegisterFlagCompletionFunc("answers", completeAnswersFiles)
	_ = cmd.RegisterFlagCompletionFunc("out", completeFiles(".md"))
	_ = cmd.RegisterFlagCompletionFunc("dir", completeFolders)
	_ = cmd.RegisterFlagCompletionFunc("workshop", completeFolders)
	_ = cmd.RegisterFlagCompletionFunc("rubrics", completeRubricFiles)
	for _, f := range []string{"project", "respondent", "role"} {
		_ = cmd.RegisterFlagCompletionFunc(f, cobra.NoFileCompletions)
	}
}

func runAssess(e *env, opts *assessOptions) error {
	cfg := opts.cfg
	extra := opts.rubrics
	cat, err := catalog(extra)
	if err != nil {
		if cat == nil || len(extra) > 0 {
			return err
		}
		// A broken file in the user's rubric folder should not stop an
		// assessment with the built-ins; say what was skipped.
		fmt.Fprintf(e.stderr, "vitals: some rubric files were skipped:\n%v\n", err)
	}
	cfg.Catalog = cat
	cfg.Version = versionString()
	rubricFlag := cfg.Rubric
	if opts.anonymous && opts.workshop == "" {
		return usagef("--anonymous goes with --workshop (vitals report --anonymous names nobody in a report)")
	}
	if err := checkAssessFlags(&cfg); err != nil {
		return err
	}

	linewise := opts.accessible || os.Getenv("ACCESSIBLE") != ""
	if !linewise {
		if why := notInteractive(e); why != "" {
			fmt.Fprintf(e.stderr, "vitals: %s: using plain line-by-line mode (--accessible).\n", why)
			linewise = true
		}
	}
	// A person at a terminal can type a refused answer again; piped input
	// is a script, which must stop at a line it cannot use.
	if in, ok := e.stdin.(*os.File); ok && term.IsTerminal(in.Fd()) {
		cfg.Interactive = true
	}
	if opts.workshop != "" {
		return runHotSeat(e, cfg, opts.workshop, rubricFlag, opts.anonymous, linewise)
	}
	var out workspace.Outcome
	if linewise {
		out, err = plain.Run(e.ctx, e.stdin, e.stderr, &cfg)
		return assessDone(e, out, err, true)
	}
	out, err = tui.Run(e.ctx, e.stdin, e.stderr, &cfg)
	return assessDone(e, out, err, false)
}

// notInteractive says why the full-screen mode cannot run, or "".
func notInteractive(e *env) string {
	in, ok := e.stdin.(*os.File)
	if !ok || !term.IsTerminal(in.Fd()) {
		return "input is not a terminal"
	}
	errf, ok := e.stderr.(*os.File)
	if !ok || !term.IsTerminal(errf.Fd()) {
		return "stderr is not a terminal"
	}
	if os.Getenv("TERM") == "dumb" {
		return "TERM=dumb"
	}
	return ""
}

// assessDone reports where the files are and maps how the run ended to an
// error for exitCode.
func assessDone(e *env, out workspace.Outcome, err error, linewise bool) error {
	resume := func() {
		if out.AnswersPath != "" {
			fmt.Fprintln(e.stderr, out.Saved())
			if len(out.Unsaved) > 0 {
				fmt.Fprintf(e.stderr, "\n%s", out.Unsaved)
			}
		}
	}
	switch {
	case errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) || e.ctx.Err() != nil:
		if !linewise {
			resume()
		}
		return errInterrupted
	case errors.Is(err, tui.ErrQuit):
		resume()
		return errInterrupted
	case errors.Is(err, workspace.ErrCannotStart):
		return inputError{err}
	case err != nil:
		return err
	case out.SaveErr != nil && !linewise:
		resume()
		return fmt.Errorf("save answers: %w", out.SaveErr)
	}
	if !linewise {
		if out.AnswersPath != "" {
			fmt.Fprintf(e.stderr, "Answers: %s\n", printable.Line(out.AnswersPath))
		}
		if out.ReportPath != "" {
			fmt.Fprintf(e.stderr, "Report:  %s\n", printable.Line(out.ReportPath))
		}
	}
	return nil
}

// checkAssessFlags refuses flag values that cannot work, before the
// assessment starts (and before plain mode says anything): exit 2.
func checkAssessFlags(cfg *workspace.Config) error {
	for _, f := range []struct{ flag, v string }{{"project", cfg.Project}, {"respondent", cfg.Respondent}, {"role", cfg.Role}} {
		if err := assessment.CheckText(f.v); err != nil {
			return usagef("--%s: %v", f.flag, err)
		}
	}
	if cfg.Rubric != "" {
		r, err := cfg.Catalog.Lookup(cfg.Rubric)
		if err != nil {
			return inputError{fmt.Errorf("--rubric: %w", err)}
		}
		// Parsed once: a rubric given as a file goes first in the catalog,
		// so its id finds it even when a built-in has the same id.
		if !slices.Contains(cfg.Catalog.Rubrics, r) {
			cfg.Catalog.Rubrics = append([]*questions.Rubric{r}, cfg.Catalog.Rubrics...)
		}
		cfg.Rubric = r.ID
	}
	if cfg.AnswersPath != "" && cfg.OutPath != "" && workspace.SameFile(cfg.AnswersPath, cfg.OutPath) {
		return usagef("--out and --answers name the same file; the report would replace the answers")
	}
	if fi, err := os.Stat(cfg.OutPath); cfg.OutPath != "" && err == nil && fi.IsDir() {
		return usagef("--out %s is a folder; give the report's file name", printable.Line(cfg.OutPath))
	}
	if fi, err := os.Stat(cfg.Dir); err == nil && !fi.IsDir() {
		return usagef("--dir %s is not a folder", printable.Line(cfg.Dir))
	}
	return nil
}
