package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/vitals-dev/vitals/assessment"
	"github.com/vitals-dev/vitals/internal/printable"
	"github.com/vitals-dev/vitals/internal/yamlfile"
	"github.com/vitals-dev/vitals/questions"
	"github.com/vitals-dev/vitals/reports"
	"github.com/vitals-dev/vitals/workshop"
	"github.com/vitals-dev/vitals/workspace"
)

// workshopAbout is the part of report's help about workshops.
const workshopAbout = `

Several answers files, or folders of them (the *.answers.yaml files in
each), make one workshop report: the group's verdict, then where the room
disagrees ("Discuss first"), each section with how the room answered and
the scores by role, and the working. All files must be answers to one
rubric; identical files count once, and a file that cannot be read is left
out with a warning (--strict refuses instead). Files saved against
different versions of the rubric are refused unless --allow-changed, which
merges only the questions common to all. --anonymous names nobody, in
markdown, JSON and warnings, and hides answers and role groups of fewer
than --min-group respondents (the rubric's workshop.min_group, else 3); a
workshop started as anonymous is always reported so.`

// workshopFlags are the flags of report that only a workshop uses.
type workshopFlags struct {
	anonymous, allowChanged, strict bool
	minGroup                        int
	minGroupSet                     bool // --min-group was given
}

func addWorkshopFlags(cmd *cobra.Command, w *workshopFlags) {
	fs := cmd.Flags()
	fs.BoolVar(&w.anonymous, "anonymous", false, "workshop: name nobody, whatever mode the files were answered in")
	fs.BoolVar(&w.allowChanged, "allow-changed", false, "workshop: merge files saved against different versions of the rubric, keeping the questions common to all")
	fs.BoolVar(&w.strict, "strict", false, "workshop: refuse all files when one cannot be read, instead of leaving it out")
	fs.IntVar(&w.minGroup, "min-group", 0, "workshop, anonymous: show a distribution or role group only for `N` or more respondents (default: the rubric's workshop.min_group, else 3)")
}

// isWorkshop reports whether report's arguments make a workshop: more
// than one file, a folder, or a workshop flag.
func isWorkshop(files []string, w *workshopFlags) bool {
	if len(files) > 1 || w.anonymous || w.allowChanged || w.strict || w.minGroupSet {
		return true
	}
	if len(files) == 1 && files[0] != "-" {
		fi, err := os.Stat(files[0])
		return err == nil && fi.IsDir()
	}
	return false
}

// workshopPaths expands the folders among args into their answers files,
// sorted; files named directly are kept whatever their names.
func workshopPaths(args []string) ([]string, error) {
	var paths []string
	for _, a := range args {
		if a == "-" {
			return nil, usagef("report: - (standard input) is for one answers file, not a workshop")
		}
		fi, err := os.Stat(a)
		if err != nil || !fi.IsDir() {
			paths = append(paths, a) // a missing file is reported when read
			continue
		}
		entries, err := os.ReadDir(a)
		if err != nil {
			return nil, inputError{fmt.Errorf("read folder %s: %w", printable.Line(a), pathErr(err))}
		}
		n := 0
		for _, e := range entries {
			if !e.IsDir() && workspace.IsAnswersFile(e.Name()) {
				paths = append(paths, filepath.Join(a, e.Name()))
				n++
			}
		}
		if n == 0 {
			return nil, inputError{fmt.Errorf("%s holds no answers files (NAME.answers.yaml)", printable.Line(a))}
		}
	}
	return paths, nil
}

func runWorkshopReport(e *env, opts *reportOptions, f reports.Format, threshold questions.Risk) error {
	w := &opts.workshop
	if w.minGroupSet && w.minGroup < 1 {
		return usagef("report: --min-group must be 1 or more, not %d", w.minGroup)
	}
	paths, err := workshopPaths(opts.files)
	if err != nil {
		return err
	}
	for _, p := range paths {
		if opts.out != "-" && workspace.SameFile(p, opts.out) {
			return usagef("report: --out %s is one of the answers files; the report would replace it", printable.Line(opts.out))
		}
	}
	if opts.out != "-" && !opts.force {
		if err := refuseExisting(opts.out); err != nil {
			return err
		}
	}
	var files []workshop.File
	var unread []error
	for _, p := range paths {
		data, err := workspace.ReadInterruptible(e.ctx, func() ([]byte, error) { return yamlfile.ReadFile(p) })
		if e.ctx.Err() != nil {
			return errInterrupted
		}
		if err != nil {
			err = fmt.Errorf("read answers %w", err)
			if w.strict {
				return inputError{err}
			}
			unread = append(unread, err)
			fmt.Fprintln(e.stderr, "warning: left out: "+err.Error())
			continue
		}
		files = append(files, workshop.File{Name: p, Data: data})
	}
	var rubric *questions.Rubric
	find := func(af *assessment.File) (*questions.Rubric, error) {
		if rubric == nil {
			r, err := reportRubric(e, af, opts.rubric)
			if err != nil {
				return nil, err
			}
			rubric = r
		}
		return rubric, nil
	}
	if len(files) == 0 {
		return inputError{errors.Join(append(unread, errors.New("no answers file could be read"))...)}
	}
	c, err := workshop.Collect(files, find, workshop.Options{AllowChanged: w.allowChanged, Strict: w.strict, Anonymous: w.anonymous, MinGroup: w.minGroup})
	if err != nil {
		printWarnings(e, c)
		var ie inputError
		if errors.As(err, &ie) || errors.Is(err, errInterrupted) {
			return err
		}
		return inputError{fmt.Errorf("workshop: %w", err)}
	}
	if c.Mode == assessment.WorkshopAnonymous {
		warnGitTracked(e, paths)
	}
	g := workshop.Combine(c)
	printWarnings(e, c)
	var buf bytes.Buffer
	if err := reports.RenderWorkshop(&buf, g, reports.Options{Format: f, Version: versionString()}); err != nil {
		return inputError{err}
	}
	if err := e.ctx.Err(); err != nil {
		return errInterrupted
	}
	if err := writeReport(e, opts.out, buf.Bytes()); err != nil {
		return err
	}
	if threshold != "" {
		if over := failing(g.Result, threshold, opts.allowUnknown); len(over) > 0 {
			return findingsError{fmt.Errorf("risk at or above --fail-on %s: %s", threshold, strings.Join(over, ", "))}
		}
	}
	return nil
}

func printWarnings(e *env, c *workshop.Collection) {
	if c == nil {
		return
	}
	for _, msg := range c.Warnings {
		fmt.Fprintln(e.stderr, "warning: "+msg)
	}
}

// warnGitTracked warns when the answers of an anonymous workshop sit in a
// git work tree: commit authors and times tell who answered what, however
// anonymous the report. It looks for a .git entry in each file's folder
// and the folders above, without running git, so it never hangs or needs
// git installed; it stops at the file system's root.
func warnGitTracked(e *env, paths []string) {
	var repos []string
	for _, p := range paths {
		abs, err := filepath.Abs(filepath.Dir(p))
		if err != nil {
			continue
		}
		for dir, i := abs, 0; i < 256; dir, i = filepath.Dir(dir), i+1 {
			if _, err := os.Lstat(filepath.Join(dir, ".git")); err == nil {
				if !slices.Contains(repos, dir) {
					repos = append(repos, dir)
				}
				break
			}
			if filepath.Dir(dir) == dir {
				break
			}
		}
	}
	slices.Sort(repos)
	for _, r := range repos {
		fmt.Fprintf(e.stderr, "warning: the answers files of this anonymous workshop are in a git work tree (%s): if they are committed, the commits' authors and times can tell who answered what; keep them out of the repository (.gitignore) and commit only the report\n", printable.Line(r))
	}
}
