package main

import (
	"bytes"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/vitals-dev/vitals/internal/printable"
	"github.com/vitals-dev/vitals/internal/yamlfile"
	"github.com/vitals-dev/vitals/portfolio"
	"github.com/vitals-dev/vitals/reports"
	"github.com/vitals-dev/vitals/workshop"
	"github.com/vitals-dev/vitals/workspace"
)

const portfolioAbout = `Look across projects: the latest finished run of every project found
under the folders (the teams' repositories, checked out side by side), one
row per project, worst first. Each row gives every sign's band, the
overall band, when it was assessed (stale when older than the maximum
age), how many answered, a mark when a workshop's room split on some
questions (low consensus), and the trend since the run before. Below the
table, the systemic risks: per sign, which projects are at high or medium
risk on it.

--projects FILE lists the projects that should have been assessed, so
that those never assessed show as such: a YAML list of names, or of
{id, name} with the project_id their answers files carry.

--format md (the default), json or csv: the JSON and the CSV are for a
spreadsheet, a BI tool or a warehouse. The output goes to standard output
unless --out names a file.

The maximum age is the policy's (.vitals.yaml at the repository root, or
--policy FILE; see 'vitals check --help'), or --max-age DAYS. The run
before the latest is looked for in the folders only, not in git history:
reading a thousand repositories' logs would take minutes.

Exit status:
  0  the portfolio was written (files that could not be read are listed
     on standard error and left out)
  2  no portfolio: a bad command line, projects or policy file, no answers
     files found, or an output that exists (without --force) or cannot be
     written
  130  interrupted`

type portfolioOptions struct {
	format, out, projects, policy, now string
	maxAge                             int
	force, maxAgeSet                   bool
	dirs                               []string
}

func newPortfolioCmd(e *env) *cobra.Command {
	opts := &portfolioOptions{}
	cmd := &cobra.Command{
		Use:   "portfolio DIR...",
		Short: "look across projects: each one's latest run, worst first, and the shared risks",
		Long:  portfolioAbout,
		Example: `  vitals portfolio repos/*/assessments
  vitals portfolio repos/ --projects projects.yaml --out portfolio.md
  vitals portfolio repos/ --format csv --out portfolio.csv`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.dirs = args
			opts.maxAgeSet = cmd.Flags().Changed("max-age")
			return runPortfolio(e, opts)
		},
		ValidArgsFunction: func(_ *cobra.Command, _ []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
			return nil, cobra.ShellCompDirectiveFilterDirs
		},
	}
	fs := cmd.Flags()
	fs.StringVar(&opts.format, "format", "md", "output `FORMAT`: md, json or csv")
	fs.StringVarP(&opts.out, "out", "o", "-", "write to `PATH`; - is standard output")
	fs.BoolVar(&opts.force, "force", false, "replace the --out file if it exists")
	fs.StringVar(&opts.projects, "projects", "", "the projects expected, from `FILE`: those never assessed are shown")
	fs.StringVar(&opts.policy, "policy", "", "take the maximum age from the policy in `FILE`")
	fs.IntVar(&opts.maxAge, "max-age", 0, "mark runs older than `DAYS` stale (overrides the policy)")
	fs.StringVar(&opts.now, "now", "", "as on `DATE` (YYYY-MM-DD), for reproducible output")
	_ = fs.MarkHidden("now")
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions([]cobra.Completion{"md\tmarkdown", "json\tJSON for tools", "csv\tfor a spreadsheet"}, cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.RegisterFlagCompletionFunc("out", completeFiles(".md", ".json", ".csv"))
	_ = cmd.RegisterFlagCompletionFunc("projects", completeFiles(".yaml", ".yml"))
	_ = cmd.RegisterFlagCompletionFunc("policy", completeFiles(".yaml", ".yml"))
	return cmd
}

func runPortfolio(e *env, opts *portfolioOptions) error {
	f, err := portfolio.ParseFormat(opts.format)
	if err != nil {
		return usagef("portfolio: %v", err)
	}
	if len(opts.dirs) == 0 {
		return usagef("portfolio: name the folders to look in, e.g. vitals portfolio repos/")
	}
	if opts.maxAgeSet && opts.maxAge < 1 {
		return usagef("portfolio: --max-age must be 1 day or more, not %d", opts.maxAge)
	}
	now := time.Now()
	if opts.now != "" {
		t, err := time.Parse("2006-01-02", opts.now)
		if err != nil {
			return usagef("portfolio: --now must be a date, YYYY-MM-DD, not %q", printable.Line(opts.now))
		}
		now = t.Add(12 * time.Hour)
	}
	if opts.out != "-" && !opts.force {
		if err := refuseExisting(opts.out); err != nil {
			return err
		}
	}
	maxAge := opts.maxAge
	if !opts.maxAgeSet {
		policy, err := loadPolicy(opts.policy)
		if err != nil {
			return err
		}
		maxAge = policy.MaxAge
	}
	var expected []portfolio.Expected
	if opts.projects != "" {
		data, err := yamlfile.ReadFile(opts.projects)
		if err != nil {
			return inputError{fmt.Errorf("read projects %w", err)}
		}
		if expected, err = portfolio.ParseProjects(opts.projects, data); err != nil {
			return inputError{err}
		}
	}

	projects, scanErrs, err := workspace.Scan(e.ctx, opts.dirs)
	if e.ctx.Err() != nil {
		return errInterrupted
	}
	if err != nil {
		return inputError{err}
	}
	if len(projects) == 0 && len(scanErrs) == 0 && len(expected) == 0 {
		return inputError{fmt.Errorf("no answers files under %s", printable.Line(strings.Join(opts.dirs, ", ")))}
	}
	entries, problems := scorePortfolio(e, projects)
	if e.ctx.Err() != nil {
		return errInterrupted
	}
	problems = append(problems, scanErrs...)
	if len(problems) > 0 {
		fmt.Fprintf(e.stderr, "warning: %s left out:\n", reports.Count(len(problems), "file", "files"))
		fmt.Fprintln(e.stderr, errors.Join(problems...).Error())
	}
	if len(entries) == 0 && len(expected) == 0 {
		return inputError{fmt.Errorf("no answers file under %s could be read", printable.Line(strings.Join(opts.dirs, ", ")))}
	}
	p := portfolio.Build(entries, expected, now, maxAge)
	for _, err := range problems {
		p.LeftOut = append(p.LeftOut, err.Error())
	}
	var buf bytes.Buffer
	if err := p.Render(&buf, f, versionString()); err != nil {
		return inputError{err}
	}
	return writeReport(e, opts.out, buf.Bytes())
}

// scorePortfolio scores every project's latest run and the one before,
// a few at a time: parsing and scoring is most of the work.
func scorePortfolio(e *env, projects []workspace.Project) ([]portfolio.Entry, []error) {
	entries := make([]portfolio.Entry, len(projects))
	errs := make([]error, len(projects))
	ok := make([]bool, len(projects))
	workers := min(runtime.GOMAXPROCS(0), 8)
	jobs := make(chan int)
	var wg sync.WaitGroup
	sc := newRunScorer(e)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				if e.ctx.Err() != nil {
					continue
				}
				p := &projects[i]
				en := portfolio.Entry{Project: p.Name, Key: p.Key, Rubric: p.Rubric}
				if len(p.Unfinished) > 0 {
					en.Unfinished = p.Unfinished[len(p.Unfinished)-1].File
				}
				if latest := p.Latest(); latest != nil {
					cur, err := sc.score(latest)
					if err != nil {
						errs[i] = err
						continue
					}
					en.Result, en.Source, en.Date, en.Respondents = cur.Result, cur.Source, latest.Updated, len(latest.Headers)
					if cur.Group != nil {
						en.Respondents = len(cur.Group.Members)
						for _, q := range cur.Group.Questions {
							if q.Class == workshop.SplitRoom {
								en.Split++
							}
						}
					}
					if prev := p.Previous(); prev != nil {
						if pr, err := sc.score(prev); err == nil {
							en.Previous = pr.Result
						}
					}
				}
				entries[i], ok[i] = en, true
			}
		}()
	}
	for i := range projects {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	var out []portfolio.Entry
	var problems []error
	for i := range projects {
		if errs[i] != nil {
			problems = append(problems, errs[i])
		}
		if ok[i] {
			out = append(out, entries[i])
		}
	}
	return out, problems
}
