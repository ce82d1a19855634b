// Command vitals tells a project lead, honestly and in ten minutes, whether
// their IT project is heading for the failure that matters: it goes live on
// time and on budget, and then nobody uses it.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/vitals-dev/vitals/questions"
)

// Exit codes, documented in the README.
const (
	exitOK          = 0
	exitFindings    = 1 // invalid files, or risk at or above --fail-on
	exitUsage       = 2 // bad command line
	exitInterrupted = 130
)

// usageError is a mistake on the command line.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return usageError{fmt.Sprintf(format, args...)}
}

// exitError carries an exit code for an error already reported, or worth
// reporting as it is.
type exitError struct {
	code int
	err  error // nil when the command has printed everything itself
}

func (e exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit %d", e.code)
	}
	return e.err.Error()
}

func (e exitError) Unwrap() error { return e.err }

// errInterrupted ends a run stopped by Ctrl+C or a signal.
var errInterrupted = errors.New("interrupted")

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
	var ee exitError
	if errors.As(err, &ee) {
		if ee.err != nil {
			fmt.Fprintln(stderr, "vitals: "+ee.err.Error())
		}
		return ee.code
	}
	if errors.Is(err, errInterrupted) || errors.Is(err, context.Canceled) {
		fmt.Fprintln(stderr, "vitals: interrupted")
		return exitInterrupted
	}
	var ue usageError
	if errors.As(err, &ue) {
		fmt.Fprintf(stderr, "vitals: %s\nRun 'vitals help' for usage.\n", ue.msg)
		return exitUsage
	}
	var ps questions.Problems
	if errors.As(err, &ps) {
		fmt.Fprintln(stderr, err.Error())
		return exitFindings
	}
	fmt.Fprintln(stderr, "vitals: "+err.Error())
	return exitFindings
}

// env is what a command runs with.
type env struct {
	ctx    context.Context
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
}

type command struct {
	name    string
	summary string
	run     func(e *env, args []string) error
}

// commands lists the subcommands in the order help shows them.
func commands() []command {
	return []command{
		{"assess", "answer a rubric interactively (the default)", runAssess},
		{"report", "write a report from an answers file", runReport},
		{"validate", "check rubric files or folders; file:line:col for every problem", runValidate},
		{"list", "list the rubrics available", runList},
		{"rubric", "rubric export ID: print a built-in rubric to adapt", runRubric},
		{"schema", "print the JSON Schema of the rubric format", runSchema},
		{"version", "print the version", runVersion},
		{"help", "show help for a command", nil},
	}
}

// run is the whole program, testable: it never calls os.Exit.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	e := &env{ctx: ctx, stdin: stdin, stdout: stdout, stderr: stderr}
	if len(args) == 0 {
		return runAssess(e, nil)
	}
	name, rest := args[0], args[1:]
	switch name {
	case "-h", "--help", "help":
		if name == "help" && len(rest) > 0 {
			return run(ctx, []string{rest[0], "--help"}, stdin, stdout, stderr)
		}
		printHelp(stdout)
		return nil
	case "-v", "--version":
		return runVersion(e, nil)
	}
	if strings.HasPrefix(name, "-") {
		return runAssess(e, args)
	}
	for _, c := range commands() {
		if c.name == name && c.run != nil {
			return c.run(e, rest)
		}
	}
	return usagef("unknown command %q", questions.Printable(name))
}

func printHelp(w io.Writer) {
	fmt.Fprint(w, `vitals: will your IT project be used after go-live? An honest check in ten minutes.

Usage:
  vitals [command] [flags]

Commands:
`)
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-9s %s\n", c.name, c.summary)
	}
	fmt.Fprint(w, `
With no command, vitals runs 'assess'. 'vitals help COMMAND' or
'vitals COMMAND --help' shows a command's flags.

Exit codes: 0 ok; 1 problems found (validate: invalid rubric; report:
risk at or above --fail-on; assess: piped input ended early or held a line
it could not use); 2 usage error or unreadable input (report: a bad
answers or rubric file; assess: a rubric or answers file it cannot
start with); 130 interrupted.
`)
}

// newFlags makes a flag set whose usage names the command and whose errors
// come back as usage errors.
func newFlags(e *env, name, args, about string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprintf(e.stdout, "Usage: vitals %s %s\n\n%s\n", name, args, about)
		var any bool
		fs.VisitAll(func(*flag.Flag) { any = true })
		if any {
			fmt.Fprintln(e.stdout, "\nFlags:")
			fs.SetOutput(e.stdout)
			fs.PrintDefaults()
		}
	}
	return fs
}

// parseFlags parses args. --help prints the usage once and returns errHelp,
// which callers treat as success; any other mistake is a usage error, with
// no usage dump burying the message.
func parseFlags(fs *flag.FlagSet, args []string) error {
	usage := fs.Usage
	fs.Usage = func() {}
	fs.SetOutput(io.Discard)
	err := fs.Parse(args)
	fs.Usage = usage
	if errors.Is(err, flag.ErrHelp) {
		usage()
		return errHelp
	}
	if err != nil {
		return usagef("%s: %v", fs.Name(), err)
	}
	return nil
}

var errHelp = errors.New("help shown")

// stringList is a repeatable string flag.
type stringList []string

func (s *stringList) String() string     { return strings.Join(*s, ",") }
func (s *stringList) Set(v string) error { *s = append(*s, v); return nil }

// catalog loads the built-in rubrics, the user's config folder and extra.
func catalog(extra []string) (*questions.Catalog, error) {
	return questions.LoadCatalog(extra, questions.UserDir())
}
