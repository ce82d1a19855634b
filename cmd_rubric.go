package main

import (
	"errors"
	"fmt"
	"os"
	"runtime/debug"
	"strings"
	"text/tabwriter"

	"github.com/vitals-dev/vitals/questions"
	"github.com/vitals-dev/vitals/workspace"
)

// version is set at build time with -ldflags "-X main.version=v1.2.3".
var version = ""

func versionString() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}

func runVersion(e *env, args []string) error {
	fs := newFlags(e, "version", "", "Print the version of vitals.")
	if err := parseFlags(fs, args); err != nil {
		return ignoreHelp(err)
	}
	fmt.Fprintln(e.stdout, "vitals "+versionString())
	return nil
}

func ignoreHelp(err error) error {
	if errors.Is(err, errHelp) {
		return nil
	}
	return err
}

func runList(e *env, args []string) error {
	fs := newFlags(e, "list", "[flags]", "List the rubrics available: the built-ins, then those in "+questions.UserDir()+"\nand in --rubrics. A user rubric with a built-in's id replaces it.")
	var extra stringList
	fs.Var(&extra, "rubrics", "a rubric `file or folder` to add (repeatable)")
	if err := parseFlags(fs, args); err != nil {
		return ignoreHelp(err)
	}
	if fs.NArg() > 0 {
		return usagef("list takes no arguments")
	}
	c, loadErr := catalog(extra)
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tTITLE\tVERSION\tSOURCE")
	for _, r := range c.Rubrics {
		src := r.Source
		if src != questions.BuiltinSource {
			src = questions.Printable(src)
			if _, ok := c.Overridden[r.ID]; ok {
				src += " (replaces built-in)"
			}
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.ID, questions.Printable(r.Title), questions.Printable(r.Version), src)
	}
	tw.Flush()
	if loadErr != nil {
		// The rubrics that loaded are listed; the broken ones are named.
		fmt.Fprintln(e.stderr, "\nThese rubric files could not be loaded:")
		fmt.Fprintln(e.stderr, loadErr.Error())
		return exitError{code: exitFindings}
	}
	return nil
}

func runValidate(e *env, args []string) error {
	fs := newFlags(e, "validate", "[FILE|FOLDER...]", "Check rubric files and report every problem as file:line:col.\nA folder stands for the .yaml and .yml files in it. With no FILE, checks\nthe built-in rubrics and those in "+questions.UserDir()+".\nUse - for standard input. Exit status 1 when any file has a problem.")
	quiet := fs.Bool("q", false, "print only problems, not 'ok FILE'")
	if err := parseFlags(fs, args); err != nil {
		return ignoreHelp(err)
	}
	files := fs.Args()
	bad := 0
	report := func(name string, err error) {
		if err != nil {
			bad++
			fmt.Fprintln(e.stdout, err.Error())
		} else if !*quiet {
			fmt.Fprintln(e.stdout, "ok "+questions.Printable(name))
		}
	}
	parse := func(name string, data []byte, readErr error) (*questions.Rubric, error) {
		if readErr != nil {
			return nil, readErr
		}
		return questions.ParseBytes(name, data)
	}
	check := func(name string, data []byte, readErr error) {
		_, err := parse(name, data, readErr)
		report(name, err)
	}
	// checkSet checks the rubric files of one folder, which are loaded
	// together: two of them with one id is a problem, as vitals list says.
	checkSet := func(files []string) {
		first := map[string]string{}
		for _, g := range files {
			data, err := questions.ReadFile(g)
			r, err := parse(g, data, err)
			if err == nil {
				if prev, ok := first[r.ID]; ok {
					err = questions.IDUsedTwice(g, r.ID, prev)
				} else {
					first[r.ID] = g
				}
			}
			report(g, err)
		}
	}
	if len(files) == 0 {
		for _, id := range questions.BuiltinIDs() {
			data, _ := questions.BuiltinYAML(id)
			check("builtin:"+id+".yaml", data, nil)
		}
		if dir := questions.UserDir(); dir != "" {
			// The config folder need not exist; an unreadable one is
			// for `vitals list` to report.
			if fi, err := os.Stat(dir); err == nil && fi.IsDir() {
				user, _ := questions.RubricFiles(dir)
				checkSet(user)
			}
		}
	}
	for _, f := range files {
		if f == "-" {
			data, err := workspace.ReadInterruptible(e.ctx, func() ([]byte, error) { return questions.ReadLimited("<stdin>", e.stdin) })
			if e.ctx.Err() != nil {
				return errInterrupted
			}
			check("<stdin>", data, err)
			continue
		}
		// A folder stands for the .yaml and .yml files in it, as in
		// --rubrics and the config folder.
		if fi, err := os.Stat(f); err == nil && fi.IsDir() {
			inside, err := questions.RubricFiles(f)
			if err == nil && len(inside) == 0 {
				err = fmt.Errorf("%s: no .yaml or .yml files in this folder", questions.Printable(f))
			}
			if err != nil {
				check(f, nil, err)
				continue
			}
			checkSet(inside)
			continue
		}
		data, err := workspace.ReadInterruptible(e.ctx, func() ([]byte, error) { return questions.ReadFile(f) })
		if e.ctx.Err() != nil {
			return errInterrupted
		}
		check(f, data, err)
	}
	if bad > 0 {
		return exitError{code: exitFindings}
	}
	return nil
}

func runRubric(e *env, args []string) error {
	fs := newFlags(e, "rubric", "export ID", "Print a built-in rubric's YAML, comments and all, to adapt:\n  vitals rubric export five-warning-signs > mine.yaml")
	if err := parseFlags(fs, args); err != nil {
		return ignoreHelp(err)
	}
	if fs.NArg() != 2 || fs.Arg(0) != "export" {
		return usagef("usage: vitals rubric export ID (built-ins: %s)", strings.Join(questions.BuiltinIDs(), ", "))
	}
	data, ok := questions.BuiltinYAML(fs.Arg(1))
	if !ok {
		return usagef("no built-in rubric %q (built-ins: %s)", questions.Printable(fs.Arg(1)), strings.Join(questions.BuiltinIDs(), ", "))
	}
	_, err := e.stdout.Write(data)
	return err
}

func runSchema(e *env, args []string) error {
	fs := newFlags(e, "schema", "", "Print the JSON Schema of the rubric format. Save it beside your rubrics and add\n  # yaml-language-server: $schema=./vitals-rubric.schema.json\nat the top of a rubric for completion and checks in your editor.")
	if err := parseFlags(fs, args); err != nil {
		return ignoreHelp(err)
	}
	if fs.NArg() > 0 {
		return usagef("schema takes no arguments")
	}
	_, err := e.stdout.Write(questions.Schema())
	return err
}
