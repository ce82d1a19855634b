package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/vitals-dev/vitals/gate"
	"github.com/vitals-dev/vitals/internal/printable"
	"github.com/vitals-dev/vitals/internal/yamlfile"
	"github.com/vitals-dev/vitals/questions"
	"github.com/vitals-dev/vitals/reports"
	"github.com/vitals-dev/vitals/workspace"
)

const checkAbout = `Check the latest assessment of every project under the folders given
(default: assessments) against the team's policy, for a CI job: is it
recent enough, is its risk below the level that fails, did a sign get
worse since the run before, was it finished.

The policy is .vitals.yaml at the root of the repository (the folder with
.git, looking up from here), or the file given with --policy; without one
the defaults apply:

  max_age_days: 105      # stale when the latest run is older (calendar
                         # days from its own date, never a commit's)
  fail_on: high          # the overall or a sign's risk that fails
  warn_on: medium        # ... and that warns
  allow_unknown: false   # true: an unknown risk warns instead of failing
  regression: warn       # a sign worse than the run before: fail, warn, off
  require_complete: true # no finished run, or scored questions skipped, fails

A sign may have its own levels, by its id ('vitals rubric export ID'
lists them):

  signs:
    critical-path: {fail_on: medium}

A project is its project_id (or its name) and rubric; its runs are its
complete answers files (a workshop's files in one folder are one run). The
run before the latest is found in the folders, else in git history. An
assessment's age counts from the date in the file, never a commit's, so a
shallow clone changes nothing but the regression rule, which it says.

--max-age and --fail-on override the policy for one run (--fail-on sets
every sign's level too). --warn-only reports failures as warnings and
exits 0, for a team adopting the gate. --summary FILE appends the check as
markdown to FILE: give it "$GITHUB_STEP_SUMMARY" in GitHub Actions.

Exit status:
  0  every project passes (warnings are allowed), or --warn-only (which
     excuses the policy, never an answers file that cannot be read)
  1  the policy is breached: a risk at the failing level, a regression
     (with regression: fail), no finished assessment
  2  invalid input: a bad command line, policy file or answers file (each
     problem shown as file:line:col), or no answers files found
  3  stale: the only failures are assessments older than the maximum age
  130  interrupted`

type checkOptions struct {
	policy, failOn, format, summary, now string
	maxAge                               int
	maxAgeSet, failOnSet, summaryWritten bool
	warnOnly                             bool
	dirs                                 []string
}

func newCheckCmd(e *env) *cobra.Command {
	opts := &checkOptions{}
	cmd := &cobra.Command{
		Use:   "check [DIR|FILE...]",
		Short: "gate CI on the latest assessments: age, risk, regressions",
		Long:  checkAbout,
		Example: `  vitals check                                   # assessments/ against .vitals.yaml
  vitals check projects/ --fail-on medium
  vitals check --warn-only --summary "$GITHUB_STEP_SUMMARY"
  vitals check --max-age 30 --format md > check.md`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.dirs = args
			opts.maxAgeSet = cmd.Flags().Changed("max-age")
			opts.failOnSet = cmd.Flags().Changed("fail-on")
			err := runCheck(e, opts)
			if err != nil && opts.summary != "" && !opts.summaryWritten {
				// The CI page says why the job failed, not only its log.
				var ie inputError
				if errors.As(err, &ie) {
					_ = appendFile(opts.summary, gate.InvalidMarkdown(err))
				}
			}
			return err
		},
		ValidArgsFunction: func(_ *cobra.Command, _ []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
			return nil, cobra.ShellCompDirectiveFilterDirs
		},
	}
	fs := cmd.Flags()
	fs.StringVar(&opts.policy, "policy", "", "read the policy from `FILE` instead of .vitals.yaml at the repository root")
	fs.IntVar(&opts.maxAge, "max-age", 0, "fail assessments older than `DAYS` (overrides the policy)")
	fs.StringVar(&opts.failOn, "fail-on", "", "fail at `LEVEL` or above, overall and per sign: low, medium, high, unknown or none (overrides the policy)")
	fs.BoolVar(&opts.warnOnly, "warn-only", false, "report failures as warnings and exit 0")
	fs.StringVar(&opts.format, "format", "text", "output `FORMAT`: text or md")
	fs.StringVar(&opts.summary, "summary", "", "append the check as markdown to `FILE` (e.g. \"$GITHUB_STEP_SUMMARY\")")
	fs.StringVar(&opts.now, "now", "", "check as on `DATE` (YYYY-MM-DD), for reproducible runs")
	_ = fs.MarkHidden("now")
	_ = cmd.RegisterFlagCompletionFunc("policy", completeFiles(".yaml", ".yml"))
	_ = cmd.RegisterFlagCompletionFunc("fail-on", cobra.FixedCompletions([]cobra.Completion{"low", "medium", "high", "unknown", "none"}, cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions([]cobra.Completion{"text\tfor a terminal or a CI log", "md\tmarkdown"}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

func runCheck(e *env, opts *checkOptions) error {
	if opts.format != "text" && opts.format != "md" {
		return usagef("check: --format must be text or md, not %q", printable.Line(opts.format))
	}
	now := time.Now()
	if opts.now != "" {
		t, err := time.Parse("2006-01-02", opts.now)
		if err != nil {
			return usagef("check: --now must be a date, YYYY-MM-DD, not %q", printable.Line(opts.now))
		}
		now = t.Add(12 * time.Hour)
	}
	if opts.maxAgeSet && opts.maxAge < 1 {
		return usagef("check: --max-age must be 1 day or more, not %d", opts.maxAge)
	}
	var failOn questions.Risk
	if opts.failOnSet {
		r, err := gate.ParseThreshold(opts.failOn)
		if err != nil {
			return usagef("check: --fail-on: %v", err)
		}
		failOn = r
	}
	if opts.summary != "" {
		if err := refuseSummary(opts.summary); err != nil {
			return err
		}
	}
	policy, err := loadPolicy(opts.policy)
	if err != nil {
		return err
	}
	if opts.maxAgeSet {
		policy.OverrideMaxAge(opts.maxAge)
	}
	if opts.failOnSet {
		policy.OverrideFailOn(failOn)
	}
	dirs := opts.dirs
	if len(dirs) == 0 {
		dirs = []string{workspace.DefaultDir}
		if _, err := os.Stat(workspace.DefaultDir); errors.Is(err, os.ErrNotExist) {
			return inputError{fmt.Errorf("no %s folder here: run vitals check where vitals saves its answers files, or name the folders that hold them", workspace.DefaultDir)}
		}
	}
	projects, scanErrs, err := workspace.Scan(e.ctx, dirs)
	if e.ctx.Err() != nil {
		return errInterrupted
	}
	if err != nil {
		return inputError{err}
	}
	invalid := append([]error(nil), scanErrs...)
	for i := range projects {
		for _, r := range projects[i].Runs {
			for _, f := range r.Files() {
				if opts.summary != "" && workspace.SameFile(f, opts.summary) {
					return usagef("check: --summary %s is an answers file; the summary would be appended to it", printable.Line(opts.summary))
				}
			}
		}
	}
	if len(projects) == 0 && len(invalid) == 0 {
		return inputError{fmt.Errorf("no answers files under %s: give the folders that hold them", printable.Line(strings.Join(dirs, ", ")))}
	}

	sc := newRunScorer(e)
	var subjects []*gate.Subject
	for i := range projects {
		p := &projects[i]
		s := &gate.Subject{Project: p.Name, Key: p.Key, Rubric: p.Rubric}
		for _, h := range p.Unfinished {
			s.Unfinished = append(s.Unfinished, h.File)
		}
		if latest := p.Latest(); latest != nil {
			cur, err := sc.score(latest)
			if err != nil {
				invalid = append(invalid, err)
				continue
			}
			s.Result, s.Source, s.Date, s.Respondents = cur.Result, cur.Source, latest.Updated, len(latest.Headers)
			if policy.Regression != gate.Off {
				previous(e, sc, p, cur, s)
			}
		} else if len(p.Unfinished) > 0 {
			s.Source = p.Unfinished[len(p.Unfinished)-1].File
		}
		subjects = append(subjects, s)
	}
	if err := e.ctx.Err(); err != nil {
		return errInterrupted
	}
	if err := policy.CheckSigns(sc.Rubrics()); err != nil {
		return inputError{err}
	}
	rep := gate.Check(policy, subjects, now)
	rep.WarnOnly = opts.warnOnly
	for _, err := range invalid {
		rep.Invalid = append(rep.Invalid, err.Error())
	}

	var out bytes.Buffer
	if opts.format == "md" {
		err = rep.Markdown(&out, versionString())
	} else {
		err = rep.Text(&out)
	}
	if err != nil {
		return inputError{err}
	}
	if _, err := e.stdout.Write(out.Bytes()); err != nil {
		return inputError{fmt.Errorf("write: %w", pathErr(err))}
	}
	if opts.summary != "" {
		var md bytes.Buffer
		if err := rep.Markdown(&md, versionString()); err != nil {
			return inputError{err}
		}
		if err := appendFile(opts.summary, md.Bytes()); err != nil {
			return inputError{fmt.Errorf("--summary %s: %w", printable.Line(opts.summary), pathErr(err))}
		}
		opts.summaryWritten = true
	}
	switch rep.Exit() {
	case gate.ExitInvalid:
		return inputError{fmt.Errorf("%s could not be read (see above); the check cannot be trusted until they are fixed", reports.Count(len(invalid), "answers file", "answers files"))}
	case gate.ExitBreached:
		return codedExit{code: gate.ExitBreached, msg: "the policy is breached: " + rep.Headline()}
	case gate.ExitStale:
		return codedExit{code: gate.ExitStale, msg: "stale: " + rep.Headline()}
	}
	return nil
}

// previous finds the run before the latest and scores it against today's
// rubric: the one before in the folders, else (for an answers file
// overwritten every quarter) the one git history keeps.
func previous(e *env, sc *runScorer, p *workspace.Project, cur *scoredRun, s *gate.Subject) {
	if prev := p.Previous(); prev != nil {
		if pr, err := sc.score(prev); err == nil {
			s.Previous, s.PreviousSource = pr.Result, pr.Source
		}
		return
	}
	latest := p.Latest()
	if latest.Workshop != "" {
		return
	}
	h := workspace.Earlier(e.ctx, latest.Headers[0].File, latest.Headers[0])
	s.HistoryNote = h.Note
	if len(h.Runs) == 0 {
		return
	}
	run := h.Runs[len(h.Runs)-1]
	if res := scoreAgainst(cur.Result.Rubric, run.Source, run.Data); res != nil {
		s.Previous, s.PreviousSource = res, run.Source
	}
}

// refuseSummary refuses a --summary that names an answers file or a
// policy: appending markdown to one would break it.
func refuseSummary(path string) error {
	base := filepath.Base(path)
	if strings.HasSuffix(base, ".answers.yaml") || base == gate.PolicyFile {
		return usagef("check: --summary %s is an answers or policy file; the summary would be appended to it", printable.Line(path))
	}
	return nil
}

// loadPolicy reads the policy: the file given, else .vitals.yaml at the
// repository root, else the defaults.
func loadPolicy(path string) (*gate.Policy, error) {
	if path == "" {
		path = findPolicy()
		if path == "" {
			return gate.Default(), nil
		}
	}
	if fi, err := os.Stat(path); err == nil && !fi.IsDir() && fi.Size() == 0 {
		// An empty policy is the defaults, written down.
		p := gate.Default()
		p.File = path
		return p, nil
	}
	data, err := yamlfile.ReadFile(path)
	if err != nil {
		return nil, inputError{fmt.Errorf("read policy %w", err)}
	}
	p, err := gate.ParsePolicy(path, data)
	if err != nil {
		return nil, inputError{err}
	}
	return p, nil
}

// findPolicy looks for .vitals.yaml in the repository root: up from the
// working folder to the first folder holding .git (without running git,
// which costs more than the whole check). Outside a repository, only the
// working folder is looked in.
func findPolicy() string {
	wd, err := os.Getwd()
	if err != nil {
		return ""
	}
	for dir := wd; ; {
		if _, err := os.Lstat(filepath.Join(dir, ".git")); err == nil {
			p := filepath.Join(dir, gate.PolicyFile)
			if _, err := os.Stat(p); err == nil {
				return relativeTo(wd, p)
			}
			return ""
		}
		up := filepath.Dir(dir)
		if up == dir {
			break
		}
		dir = up
	}
	if _, err := os.Stat(gate.PolicyFile); err == nil {
		return gate.PolicyFile
	}
	return ""
}

// relativeTo names path from dir when it is below it, for messages.
func relativeTo(dir, path string) string {
	if rel, err := filepath.Rel(dir, path); err == nil {
		return rel
	}
	return path
}

// appendFile appends data to the file at path, creating it.
func appendFile(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
