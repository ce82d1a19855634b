// Command vitals tells a project lead, honestly and in ten minutes, whether
// their IT project is heading for the failure that matters: it goes live on
// time and on budget, and then nobody uses it.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"regexp"
	"strings"
	"syscall"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/vitals-dev/vitals/internal/printable"
	"github.com/vitals-dev/vitals/questions"
)

// Exit codes, documented in the README.
const (
	exitOK          = 0
	exitFindings    = 1 // invalid files, or risk at or above --fail-on
	exitUsage       = 2 // bad command line, or input that cannot be used
	exitInterrupted = 130
)

// usageError is a mistake on the command line: exit 2, with a pointer to
// the help of the command it was made in.
type usageError struct {
	cmd string // the command path, e.g. "vitals report"
	msg string
}

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return usageError{msg: fmt.Sprintf(format, args...)}
}

// inputError is an input that cannot be read or used, or an output that
// cannot be written: the command produced nothing (exit 2). A nil err
// means the problems are printed already.
type inputError struct{ err error }

func (e inputError) Error() string {
	if e.err == nil {
		return "unusable input"
	}
	return e.err.Error()
}

func (e inputError) Unwrap() error { return e.err }

// findingsError is a command that ran and found problems: invalid
// rubrics, risk at or above --fail-on (exit 1). A nil err means the
// findings are printed already.
type findingsError struct{ err error }

func (e findingsError) Error() string {
	if e.err == nil {
		return "problems found"
	}
	return e.err.Error()
}

func (e findingsError) Unwrap() error { return e.err }

// commandError is any other failure of a command that ran (exit 1). run
// wraps the errors of every command's RunE in it, which is how exitCode
// tells them from cobra's own errors about the command line.
type commandError struct{ err error }

func (e commandError) Error() string { return e.err.Error() }
func (e commandError) Unwrap() error { return e.err }

// codedExit is a command that ran and has an exit status of its own
// (check: breached 1, stale 3): msg is said on standard error.
type codedExit struct {
	code int
	msg  string
}

func (e codedExit) Error() string { return e.msg }

// errInterrupted ends a run stopped by Ctrl+C or a signal.
var errInterrupted = errors.New("interrupted")

func init() {
	// Help lists the commands in the order they are added: the most used
	// first, not alphabetically.
	cobra.EnableCommandSorting = false
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	err := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(exitCode(err, os.Stderr))
}

// exitCode reports err on stderr (unless already reported) and maps it to
// the process exit code: the one place that does.
func exitCode(err error, stderr io.Writer) int {
	if err == nil {
		return exitOK
	}
	if errors.Is(err, errInterrupted) || errors.Is(err, context.Canceled) {
		fmt.Fprintln(stderr, "vitals: interrupted")
		return exitInterrupted
	}
	var (
		ue usageError
		ie inputError
		fe findingsError
		ce commandError
		xs codedExit
		ps questions.Problems
	)
	switch {
	case errors.As(err, &xs):
		fmt.Fprintln(stderr, "vitals: "+xs.msg)
		return xs.code
	case errors.As(err, &ue):
		help := "vitals help"
		if ue.cmd != "" && ue.cmd != "vitals" {
			help = ue.cmd + " --help"
		}
		fmt.Fprintf(stderr, "vitals: %s\nRun '%s' for usage.\n", ue.msg, help)
		return exitUsage
	case errors.As(err, &ie):
		report(stderr, ie.err)
		return exitUsage
	case errors.As(err, &fe):
		report(stderr, fe.err)
		return exitFindings
	case errors.As(err, &ps):
		// Problems are their own lines, each starting file:line:col.
		fmt.Fprintln(stderr, err.Error())
		return exitFindings
	case errors.As(err, &ce):
		fmt.Fprintln(stderr, "vitals: "+err.Error())
		return exitFindings
	}
	// Not from a command that ran: cobra refused the command line.
	fmt.Fprintf(stderr, "vitals: %s\nRun 'vitals help' for usage.\n", printable.Line(err.Error()))
	return exitUsage
}

// report prints an error of a command: problems as their file:line:col
// lines, anything else as one "vitals:" paragraph; nothing for nil, whose
// command has said everything.
func report(w io.Writer, err error) {
	var ps questions.Problems
	switch {
	case err == nil:
	case errors.As(err, &ps):
		fmt.Fprintln(w, ps.Error())
	default:
		fmt.Fprintln(w, "vitals: "+err.Error())
	}
}

// env is what a command runs with.
type env struct {
	ctx    context.Context
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
}

// run is the whole program, testable: it never calls os.Exit.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	e := &env{ctx: ctx, stdin: stdin, stdout: stdout, stderr: stderr}
	first := ""
	if len(args) > 0 {
		first = args[0]
	}
	return execute(ctx, buildRoot(e, first), args)
}

// execute runs the command line args on the tree root.
func execute(ctx context.Context, root *cobra.Command, args []string) error {
	if err := oneDashFlag(root, args); err != nil {
		return err
	}
	root.SetArgs(args)
	return root.ExecuteContext(ctx)
}

// oneDashFlag refuses a long flag written with one dash, as the flag
// package took them before vitals moved to cobra: pflag would read
// -answers as -a nswers and go on with a file named "nswers".
func oneDashFlag(root *cobra.Command, args []string) error {
	long := map[string]bool{"help": true} // cobra adds --help as it runs
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		c.Flags().VisitAll(func(f *pflag.Flag) { long[f.Name] = true })
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
	for _, a := range args {
		if a == "--" {
			return nil
		}
		name, _, _ := strings.Cut(strings.TrimPrefix(a, "-"), "=")
		if strings.HasPrefix(a, "-") && !strings.HasPrefix(a, "--") && len(name) > 1 && long[name] {
			return usagef("%s: long flags take two dashes: --%s", printable.Line(a), name)
		}
	}
	return nil
}

// subcommandBuilders are the commands under vitals, in the order help
// lists them (help and completion come last, from cobra).
var subcommandBuilders = []struct {
	name  string
	build func(*env) *cobra.Command
}{
	{"assess", newAssessCmd},
	{"report", newReportCmd},
	{"workshop", newWorkshopCmd},
	{"check", newCheckCmd},
	{"portfolio", newPortfolioCmd},
	{"validate", newValidateCmd},
	{"list", newListCmd},
	{"rubric", newRubricCmd},
	{"schema", newSchemaCmd},
	{"version", newVersionCmd},
	{"man", newManCmd},
}

// newRootCmd builds the whole command tree: what the help, the man page
// and the completions are made from.
func newRootCmd(e *env) *cobra.Command { return buildRoot(e, "") }

// buildRoot builds the command tree for a run whose first argument is
// first. When that names one of the commands above, the tree holds that
// command alone, since no other can run: the whole tree costs 0.3 ms at
// every start (BENCHMARKS.md), which 'vitals report' in a CI job need not
// pay. Anything else (no command, help, completion, man, a flag, a typo to
// suggest a command for) gets the whole tree.
func buildRoot(e *env, first string) *cobra.Command {
	var only func(*env) *cobra.Command
	for _, b := range subcommandBuilders {
		if b.name == first && first != "man" {
			only = b.build
		}
	}
	root := &cobra.Command{
		Use:   "vitals",
		Short: "will your IT project be used after go-live? An honest check in ten minutes",
		Long: `vitals: will your IT project be used after go-live? An honest check in ten minutes.

With no command, vitals runs 'assess' and takes its flags (see
'vitals assess --help').

Exit codes: 0 ok; 1 problems found (validate: invalid rubric; report:
risk at or above --fail-on; assess: piped input ended early or held a line
it could not use); 2 usage error or unreadable input (report: a bad
answers or rubric file; assess: a rubric or answers file it cannot
start with); 3 check: stale assessments only (see 'vitals check --help');
130 interrupted.`,
		Version:       readBuildInfo().short(),
		SilenceErrors: true,
		SilenceUsage:  true,
		// An unknown word after vitals is a mistyped command, not an
		// argument of assess.
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return unknownCommand(cmd, args[0])
			}
			return nil
		},
		ValidArgsFunction: cobra.NoFileCompletions,
	}
	root.SetIn(e.stdin)
	root.SetOut(e.stdout)
	root.SetErr(e.stderr)
	root.SetVersionTemplate("{{.Version}}\n")
	root.Flags().BoolP("version", "v", false, "print the version")

	root.SetFlagErrorFunc(flagError)
	setHelp(root)
	if only != nil {
		root.AddCommand(only(e))
		root.CompletionOptions.DisableDefaultCmd = true
		markCommandErrors(root)
		return root
	}

	// Bare vitals is vitals assess: the same flags, hidden from the root's
	// help, which lists the commands.
	rootAssess := &assessOptions{}
	addAssessFlags(root, rootAssess)
	root.Flags().VisitAll(func(f *pflag.Flag) {
		if f.Name != "version" && f.Name != "help" {
			f.Hidden = true
		}
	})
	root.RunE = func(cmd *cobra.Command, _ []string) error { return runAssess(e, rootAssess) }

	for _, b := range subcommandBuilders {
		root.AddCommand(b.build(e))
	}
	root.SetHelpCommand(newHelpCmd())
	root.InitDefaultHelpCmd()
	root.InitDefaultCompletionCmd()
	setUpCompletionCmd(root)
	markCommandErrors(root)
	return root
}

// markCommandErrors wraps the errors of every command that ran in
// commandError, unless they already say what kind they are, so that
// exitCode can tell them from cobra's errors about the command line.
func markCommandErrors(c *cobra.Command) {
	if runE := c.RunE; runE != nil {
		c.RunE = func(cmd *cobra.Command, args []string) error {
			err := runE(cmd, args)
			var (
				ue usageError
				ie inputError
				fe findingsError
				xs codedExit
				ps questions.Problems
			)
			if ue, ok := err.(usageError); ok && ue.cmd == "" {
				ue.cmd = cmd.CommandPath()
				return ue
			}
			switch {
			case err == nil, errors.Is(err, errInterrupted), errors.Is(err, context.Canceled),
				errors.As(err, &ue), errors.As(err, &ie), errors.As(err, &fe), errors.As(err, &ps), errors.As(err, &xs):
				return err
			}
			return commandError{err}
		}
	}
	for _, sub := range c.Commands() {
		markCommandErrors(sub)
	}
}

// badFlagValue matches pflag's error for a value its parser refused:
// invalid argument "abc" for "--max-age" flag: strconv.ParseInt: ...
// Compiled when needed, not at every start.
func badFlagValue() *regexp.Regexp {
	return regexp.MustCompile(`^invalid argument "(.*)" for "(?:-\w, )?(--[\w-]+)" flag: strconv\.Parse(Int|Uint|Float|Bool)\b`)
}

// flagError is a usage error for a flag cobra could not parse, with the
// flag that may have been meant.
func flagError(cmd *cobra.Command, err error) error {
	msg := printable.Line(err.Error())
	if m := badFlagValue().FindStringSubmatch(err.Error()); m != nil {
		// pflag's message quotes Go's parser: say what the flag takes.
		want := map[string]string{"Int": "a whole number", "Uint": "a whole number", "Float": "a number", "Bool": "true or false"}[m[3]]
		if want != "" {
			msg = fmt.Sprintf("%s must be %s, not %q", m[2], want, printable.Line(m[1]))
		}
	}
	if name, ok := strings.CutPrefix(err.Error(), "unknown flag: --"); ok {
		best, dist := "", 3
		cmd.Flags().VisitAll(func(f *pflag.Flag) {
			if d := levenshtein(name, f.Name); d < dist {
				best, dist = f.Name, d
			}
		})
		if best != "" {
			msg += fmt.Sprintf("; did you mean --%s?", best)
		}
	}
	if cmd.HasParent() {
		msg = cmd.Name() + ": " + msg
	}
	return usageError{cmd: cmd.CommandPath(), msg: msg}
}

// levenshtein is the edit distance between a and b.
func levenshtein(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}

// unknownCommand is the error for a word that names no command of cmd,
// with the commands it may have meant.
func unknownCommand(cmd *cobra.Command, name string) error {
	msg := fmt.Sprintf("unknown command %q", printable.Line(name))
	if cmd.HasParent() {
		msg += " for " + cmd.CommandPath()
	}
	if cmd.SuggestionsMinimumDistance <= 0 {
		cmd.SuggestionsMinimumDistance = 2
	}
	if s := cmd.SuggestionsFor(name); len(s) > 0 {
		msg += fmt.Sprintf("; did you mean %s?", quoteList(s))
	}
	return usageError{cmd: cmd.CommandPath(), msg: msg}
}

// quoteList is "a", "a" or "b", "a", "b" or "c".
func quoteList(s []string) string {
	var out string
	for i, v := range s {
		switch {
		case i == 0:
		case i == len(s)-1:
			out += " or "
		default:
			out += ", "
		}
		out += fmt.Sprintf("%q", v)
	}
	return out
}

// noArgs refuses any argument, naming the command.
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usageError{cmd: cmd.CommandPath(), msg: fmt.Sprintf("%s takes no arguments (got %q)", cmd.Name(), printable.Line(args[0]))}
	}
	return nil
}

// catalog loads the built-in rubrics, the user's config folder and extra.
func catalog(extra []string) (*questions.Catalog, error) {
	return questions.LoadCatalog(extra, questions.UserDir())
}
