package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"
)

// exitStatus is the table of exit codes, as the README has it, for the
// root's help and the man page.
var exitStatus = []struct{ code, meaning string }{
	{"0", "success"},
	{"1", "problems found: validate found an invalid rubric; report wrote its report and the risk is at or above --fail-on; list could not load some user rubrics; assess in plain mode read a line it could not use from piped input, or its input ended before the last question (the answers so far are saved); check found the policy breached"},
	{"2", "usage error (unknown command or flag, missing argument, a flag value that cannot work), or report could not produce a report (a bad answers or rubric file, an output that exists without --force, is the answers file itself or cannot be written), or assess could not start (an unknown or invalid rubric, an answers file that cannot be resumed), or check or portfolio got a bad policy, projects or answers file"},
	{"3", "check: the only failures are assessments older than the policy's maximum age (stale)"},
	{"130", "interrupted (Ctrl+C, SIGTERM, terminal closed); answers typed so far are saved"},
}

// environment is what the man page says about environment variables.
var environment = []struct{ name, meaning string }{
	{"NO_COLOR", "when set to anything but empty, no colours in help, the assessment or its messages"},
	{"ACCESSIBLE", "when set, assess uses plain line-by-line mode, as with --accessible"},
	{"XDG_CONFIG_HOME", "user rubrics are read from $XDG_CONFIG_HOME/vitals/rubrics (by default ~/.config/vitals/rubrics)"},
	{"XDG_CACHE_HOME", "the headers of folders of many answers files are kept in $XDG_CACHE_HOME/vitals/headers (by default ~/.cache/vitals/headers), never in the folder; safe to delete"},
	{"TERM", "TERM=dumb makes assess use plain mode"},
}

type manOptions struct{}

func newManCmd(e *env) *cobra.Command {
	opts := &manOptions{}
	return &cobra.Command{
		Use:               "man",
		Short:             "print the manual page (roff), e.g. vitals man > vitals.1",
		Long:              "Print the manual page of vitals, every command and flag in one page, in roff:\n  vitals man > vitals.1 && man ./vitals.1",
		Args:              noArgs,
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runMan(e, opts, cmd.Root())
		},
	}
}

func runMan(e *env, _ *manOptions, root *cobra.Command) error {
	_, err := io.WriteString(e.stdout, manPage(root))
	return err
}

// manPage is the whole command tree as one manual page. It has no date,
// so the same binary always prints the same bytes.
func manPage(root *cobra.Command) string {
	var b strings.Builder
	fmt.Fprintf(&b, ".TH VITALS 1 \"\" %s \"User Commands\"\n", roffQuote("vitals "+readBuildInfo().Version))
	// Flags and file names are copied from a man page: no hyphenation, no
	// stretched spaces.
	b.WriteString(".nh\n.ad l\n")
	b.WriteString(".SH NAME\nvitals \\- " + roffText(root.Short) + "\n")
	b.WriteString(".SH SYNOPSIS\n.B vitals\n[\\fICOMMAND\\fR] [\\fIFLAGS\\fR]\n")
	b.WriteString(".SH DESCRIPTION\n")
	_, rest, _ := strings.Cut(strings.TrimSpace(root.Long), "\n")
	roffParagraphs(&b, rest)
	b.WriteString(".PP\n" + roffText("'vitals help COMMAND' or 'vitals COMMAND --help' shows a command's help.") + "\n")
	manFlags(&b, root)
	b.WriteString(".SH COMMANDS\n")
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		for _, sub := range subcommands(c) {
			fmt.Fprintf(&b, ".SS %s\n", roffQuote(sub.CommandPath()))
			fmt.Fprintf(&b, ".B %s\n", roffText(sub.UseLine()))
			b.WriteString(".PP\n")
			roffParagraphs(&b, description(sub))
			if sub.Example != "" {
				b.WriteString(".PP\nExamples:\n")
				roffParagraphs(&b, sub.Example)
			}
			manFlags(&b, sub)
			walk(sub)
		}
	}
	walk(root)
	b.WriteString(".SH EXIT STATUS\n")
	for _, s := range exitStatus {
		fmt.Fprintf(&b, ".TP\n.B %s\n%s\n", s.code, roffText(s.meaning))
	}
	b.WriteString(".SH ENVIRONMENT\n")
	for _, v := range environment {
		fmt.Fprintf(&b, ".TP\n.B %s\n%s\n", v.name, roffText(v.meaning))
	}
	b.WriteString(".SH FILES\n.TP\n.I assessments/\n" +
		roffText("where assess saves answers files (DATE-PROJECT-RUBRIC.answers.yaml) and reports (.md) by default; --dir changes it") +
		"\n.TP\n.I ~/.config/vitals/rubrics/\n" + roffText("your own rubrics; one with a built-in's id replaces it") + "\n")
	return b.String()
}

// manFlags lists the flags of cmd as tagged paragraphs.
func manFlags(b *strings.Builder, cmd *cobra.Command) {
	flags := visibleFlags(cmd)
	if len(flags) == 0 {
		return
	}
	b.WriteString(".PP\nFlags:\n")
	for _, f := range flags {
		short, long, value, usage := flagName(f)
		tag := ""
		if short != "" {
			tag = "\\fB" + roffText(short) + "\\fR, "
		}
		tag += "\\fB" + roffText(long) + "\\fR"
		if value != "" {
			tag += " \\fI" + roffText(value) + "\\fR"
		}
		fmt.Fprintf(b, ".TP\n%s\n%s\n", tag, roffText(usage))
	}
}

// roffParagraphs writes text: blank lines start a paragraph, indented
// lines (examples) are kept as they are.
func roffParagraphs(b *strings.Builder, text string) {
	inExample := false
	for _, line := range strings.Split(strings.TrimSpace(text), "\n") {
		switch {
		case strings.TrimSpace(line) == "":
			if inExample {
				b.WriteString(".fi\n")
				inExample = false
			}
			b.WriteString(".PP\n")
		case strings.HasPrefix(line, "  "):
			if !inExample {
				b.WriteString(".nf\n")
				inExample = true
			}
			b.WriteString(roffText(line) + "\n")
		default:
			if inExample {
				b.WriteString(".fi\n")
				inExample = false
			}
			b.WriteString(roffText(line) + "\n")
		}
	}
	if inExample {
		b.WriteString(".fi\n")
	}
}

// roffText escapes s for roff: backslashes, hyphens (which roff would
// print as typographic hyphens, breaking copied flags) and a leading dot
// or quote, which would make the line a request.
func roffText(s string) string {
	s = strings.ReplaceAll(s, `\`, `\e`)
	s = strings.ReplaceAll(s, "-", `\-`)
	if strings.HasPrefix(s, ".") || strings.HasPrefix(s, "'") {
		s = `\&` + s
	}
	return s
}

// roffQuote is s as one quoted roff argument.
func roffQuote(s string) string {
	return `"` + strings.ReplaceAll(roffText(s), `"`, `\(dq`) + `"`
}
