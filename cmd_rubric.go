package main

import (
	"fmt"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/vitals-dev/vitals/internal/printable"
	"github.com/vitals-dev/vitals/internal/yamlfile"
	"github.com/vitals-dev/vitals/questions"
	"github.com/vitals-dev/vitals/workspace"
)

// listOptions are the flags of list.
type listOptions struct{ rubrics []string }

func newListCmd(e *env) *cobra.Command {
	opts := &listOptions{}
	cmd := &cobra.Command{
		Use:               "list",
		Short:             "list the rubrics available",
		Long:              "List the rubrics available: the built-ins, then those in " + questions.UserDir() + "\nand in --rubrics. A user rubric with a built-in's id replaces it.",
		Args:              noArgs,
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE:              func(*cobra.Command, []string) error { return runList(e, opts) },
	}
	cmd.Flags().StringArrayVar(&opts.rubrics, "rubrics", nil, "a rubric file or folder `PATH` to add (repeatable)")
	_ = cmd.RegisterFlagCompletionFunc("rubrics", completeRubricFiles)
	return cmd
}

func runList(e *env, opts *listOptions) error {
	c, loadErr := catalog(opts.rubrics)
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tTITLE\tVERSION\tSOURCE")
	for _, r := range c.Rubrics {
		src := r.Source
		if src != questions.BuiltinSource {
			src = printable.Line(src)
			if _, ok := c.Overridden[r.ID]; ok {
				src += " (replaces built-in)"
			}
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.ID, printable.Line(r.Title), printable.Line(r.Version), src)
	}
	tw.Flush()
	if loadErr != nil {
		// The rubrics that loaded are listed; the broken ones are named.
		fmt.Fprintln(e.stderr, "\nThese rubric files could not be loaded:")
		fmt.Fprintln(e.stderr, loadErr.Error())
		return findingsError{}
	}
	return nil
}

// validateOptions are the flags and files of validate.
type validateOptions struct {
	quiet bool
	files []string
}

func newValidateCmd(e *env) *cobra.Command {
	opts := &validateOptions{}
	cmd := &cobra.Command{
		Use:   "validate [FILE|FOLDER...]",
		Short: "check rubric files or folders; file:line:col for every problem",
		Long:  "Check rubric files and report every problem as file:line:col.\nA folder stands for the .yaml and .yml files in it. With no FILE, checks\nthe built-in rubrics and those in " + questions.UserDir() + ".\nUse - for standard input. Exit status 1 when any file has a problem.",
		Example: `  vitals validate mine.yaml
  vitals rubric export five-warning-signs | vitals validate -`,
		Args: cobra.ArbitraryArgs,
		RunE: func(_ *cobra.Command, args []string) error {
			opts.files = args
			return runValidate(e, opts)
		},
		ValidArgsFunction: func(_ *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
			return completeRubricFiles(nil, nil, toComplete)
		},
	}
	cmd.Flags().BoolVarP(&opts.quiet, "quiet", "q", false, "print only problems, not 'ok FILE'")
	return cmd
}

func runValidate(e *env, opts *validateOptions) error {
	files, quiet := opts.files, &opts.quiet
	bad := 0
	report := func(name string, err error) {
		if err != nil {
			bad++
			fmt.Fprintln(e.stdout, err.Error())
		} else if !*quiet {
			fmt.Fprintln(e.stdout, "ok "+printable.Line(name))
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
			data, err := yamlfile.ReadFile(g)
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
			data, err := workspace.ReadInterruptible(e.ctx, func() ([]byte, error) { return yamlfile.ReadLimited("<stdin>", e.stdin) })
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
				err = fmt.Errorf("%s: no .yaml or .yml files in this folder", printable.Line(f))
			}
			if err != nil {
				check(f, nil, err)
				continue
			}
			checkSet(inside)
			continue
		}
		data, err := workspace.ReadInterruptible(e.ctx, func() ([]byte, error) { return yamlfile.ReadFile(f) })
		if e.ctx.Err() != nil {
			return errInterrupted
		}
		check(f, data, err)
	}
	if bad > 0 {
		return findingsError{}
	}
	return nil
}

func newRubricCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{
		Use:                        "rubric",
		Short:                      "rubric export ID: print a built-in rubric to adapt",
		Long:                       "Work with the built-in rubrics. 'vitals rubric export ID' prints one to adapt.",
		Args:                       cobra.ArbitraryArgs,
		SuggestionsMinimumDistance: 2,
		// A command of its own, so that 'vitals rubric' and a mistyped
		// subcommand say what to type instead of printing help with exit 0.
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 && len(cmd.SuggestionsFor(args[0])) > 0 {
				return unknownCommand(cmd, args[0])
			}
			return usagef("usage: vitals rubric export ID (built-ins: %s)", strings.Join(questions.BuiltinIDs(), ", "))
		},
		ValidArgsFunction: cobra.NoFileCompletions,
	}
	cmd.AddCommand(newRubricExportCmd(e))
	return cmd
}

// rubricExportOptions are the arguments of rubric export.
type rubricExportOptions struct{ id string }

func newRubricExportCmd(e *env) *cobra.Command {
	opts := &rubricExportOptions{}
	return &cobra.Command{
		Use:   "export ID",
		Short: "print a built-in rubric's YAML to adapt",
		Long:  "Print a built-in rubric's YAML, comments and all, to adapt:\n  vitals rubric export five-warning-signs > mine.yaml",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usagef("usage: vitals rubric export ID (built-ins: %s)", strings.Join(questions.BuiltinIDs(), ", "))
			}
			return nil
		},
		RunE: func(_ *cobra.Command, args []string) error {
			opts.id = args[0]
			return runRubricExport(e, opts)
		},
		ValidArgsFunction: func(_ *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
			if len(args) > 0 {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			return builtinIDCompletions(toComplete), cobra.ShellCompDirectiveNoFileComp
		},
	}
}

func runRubricExport(e *env, opts *rubricExportOptions) error {
	data, ok := questions.BuiltinYAML(opts.id)
	if !ok {
		return usagef("no built-in rubric %q (built-ins: %s)", printable.Line(opts.id), strings.Join(questions.BuiltinIDs(), ", "))
	}
	_, err := e.stdout.Write(data)
	return err
}

type schemaOptions struct{}

func newSchemaCmd(e *env) *cobra.Command {
	opts := &schemaOptions{}
	return &cobra.Command{
		Use:               "schema",
		Short:             "print the JSON Schema of the rubric format",
		Long:              "Print the JSON Schema of the rubric format. Save it beside your rubrics and add\n  # yaml-language-server: $schema=./vitals-rubric.schema.json\nat the top of a rubric for completion and checks in your editor.",
		Args:              noArgs,
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE:              func(*cobra.Command, []string) error { return runSchema(e, opts) },
	}
}

func runSchema(e *env, _ *schemaOptions) error {
	_, err := e.stdout.Write(questions.Schema())
	return err
}
