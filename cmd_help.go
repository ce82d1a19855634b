package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/vitals-dev/vitals/internal/printable"
)

// Help is drawn by vitals itself rather than by fang: fang asks the
// terminal for its background colour before every help page and error, and
// waits 4 s for a terminal that never answers (measured in BENCHMARKS.md).
// These styles use the terminal's own 16 colours, as the assessment does,
// so there is nothing to ask: the terminal's theme picks the shades.
type helpStyles struct {
	on                                bool
	title, heading, name, flag, value lipgloss.Style
}

// newHelpStyles styles help for w: colours only at a terminal that takes
// them, none with NO_COLOR, TERM=dumb or into a pipe or file.
func newHelpStyles(w io.Writer) helpStyles {
	if colorprofile.Detect(w, os.Environ()) <= colorprofile.Ascii {
		return helpStyles{}
	}
	return helpStyles{
		on:      true,
		title:   lipgloss.NewStyle().Bold(true).Foreground(lipgloss.Cyan),
		heading: lipgloss.NewStyle().Bold(true),
		name:    lipgloss.NewStyle().Foreground(lipgloss.Cyan),
		flag:    lipgloss.NewStyle().Foreground(lipgloss.Cyan),
		value:   lipgloss.NewStyle().Faint(true),
	}
}

// render is s in style, or s as it is when help is not styled.
func (h helpStyles) render(st lipgloss.Style, s string) string {
	if !h.on {
		return s
	}
	return st.Render(s)
}

// setHelp makes every command's help, and the usage cobra prints on some
// errors, the one help page below.
func setHelp(root *cobra.Command) {
	root.SetHelpFunc(func(cmd *cobra.Command, _ []string) {
		writeHelp(cmd.OutOrStdout(), cmd)
	})
	root.SetUsageFunc(func(cmd *cobra.Command) error {
		writeHelp(cmd.OutOrStdout(), cmd)
		return nil
	})
}

// useLine is how a command is called: "vitals report ANSWERS.yaml [flags]".
func useLine(cmd *cobra.Command) string {
	if !cmd.HasParent() {
		return cmd.Name() + " [command] [flags]"
	}
	return cmd.UseLine()
}

// description is a command's long text, or its summary.
func description(cmd *cobra.Command) string {
	if cmd.Long != "" {
		return strings.TrimSpace(cmd.Long)
	}
	return upperFirst(cmd.Short) + "."
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// subcommands are the commands help lists under cmd: every available one,
// and help.
func subcommands(cmd *cobra.Command) []*cobra.Command {
	var out []*cobra.Command
	for _, c := range cmd.Commands() {
		if c.IsAvailableCommand() || c.Name() == "help" {
			out = append(out, c)
		}
	}
	return out
}

// visibleFlags are a command's flags that help and the man page show.
func visibleFlags(cmd *cobra.Command) []*pflag.Flag {
	var out []*pflag.Flag
	cmd.InitDefaultHelpFlag()
	cmd.Flags().VisitAll(func(f *pflag.Flag) {
		if !f.Hidden {
			out = append(out, f)
		}
	})
	return out
}

// flagName is "-o, --out PATH" or "    --force", and the flag's usage
// text with its default.
func flagName(f *pflag.Flag) (short, long, value, usage string) {
	value, usage = pflag.UnquoteUsage(f)
	if value == "bool" {
		value = ""
	}
	if f.Shorthand != "" {
		short = "-" + f.Shorthand
	}
	switch f.DefValue {
	case "", "false", "[]", "0":
	default:
		usage += fmt.Sprintf(" (default %q)", f.DefValue)
	}
	return short, "--" + f.Name, value, usage
}

func writeHelp(w io.Writer, cmd *cobra.Command) {
	st := newHelpStyles(w)
	var b strings.Builder
	if cmd.HasParent() {
		fmt.Fprintf(&b, "%s\n\n", st.render(st.title, cmd.CommandPath()+": "+cmd.Short))
		fmt.Fprintf(&b, "%s %s\n\n", st.render(st.heading, "Usage:"), useLine(cmd))
		fmt.Fprintf(&b, "%s\n", description(cmd))
	} else {
		long := description(cmd)
		first, rest, _ := strings.Cut(long, "\n")
		fmt.Fprintf(&b, "%s\n\n", st.render(st.title, first))
		fmt.Fprintf(&b, "%s %s\n", st.render(st.heading, "Usage:"), useLine(cmd))
		if rest = strings.TrimSpace(rest); rest != "" {
			fmt.Fprintf(&b, "\n%s\n", rest)
		}
	}

	if subs := subcommands(cmd); len(subs) > 0 {
		width := 0
		for _, c := range subs {
			width = max(width, len(c.Name()))
		}
		fmt.Fprintf(&b, "\n%s\n", st.render(st.heading, "Commands:"))
		for _, c := range subs {
			fmt.Fprintf(&b, "  %s%s  %s\n", st.render(st.name, c.Name()), strings.Repeat(" ", width-len(c.Name())), c.Short)
		}
	}

	if flags := visibleFlags(cmd); len(flags) > 0 {
		type row struct{ plain, styled, usage string }
		var rows []row
		width := 0
		for _, f := range flags {
			short, long, value, usage := flagName(f)
			plain, styled := "    ", "    "
			if short != "" {
				plain, styled = short+", ", st.render(st.flag, short)+", "
			}
			plain += long
			styled += st.render(st.flag, long)
			if value != "" {
				plain += " " + value
				styled += " " + st.render(st.value, value)
			}
			rows = append(rows, row{plain, styled, usage})
			width = max(width, len(plain))
		}
		width = min(width, 32)
		fmt.Fprintf(&b, "\n%s\n", st.render(st.heading, "Flags:"))
		for _, r := range rows {
			lines := wrap(r.usage, 78-width-4)
			if len(r.plain) > width {
				fmt.Fprintf(&b, "  %s\n", r.styled)
				r.styled, r.plain = "", ""
			}
			for i, l := range lines {
				if i > 0 {
					r.styled, r.plain = "", ""
				}
				fmt.Fprintf(&b, "  %s%s  %s\n", r.styled, strings.Repeat(" ", width-len(r.plain)), l)
			}
		}
	}

	if cmd.Example != "" {
		fmt.Fprintf(&b, "\n%s\n%s\n", st.render(st.heading, "Examples:"), strings.TrimRight(cmd.Example, "\n"))
	}
	if cmd.HasAvailableSubCommands() {
		fmt.Fprintf(&b, "\n'%s help COMMAND' or '%s COMMAND --help' shows a command's flags.\n", cmd.Root().Name(), cmd.CommandPath())
	}
	io.WriteString(w, b.String())
}

// wrap breaks s into lines of at most width characters, at spaces.
func wrap(s string, width int) []string {
	width = max(width, 30)
	var lines []string
	line := ""
	for _, word := range strings.Fields(s) {
		switch {
		case line == "":
			line = word
		case len(line)+1+len(word) > width:
			lines = append(lines, line)
			line = word
		default:
			line += " " + word
		}
	}
	return append(lines, line)
}

// newHelpCmd is 'vitals help [COMMAND]'. Unlike cobra's own, an unknown
// topic is a usage error with suggestions, not a usage dump and exit 0.
func newHelpCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "help [COMMAND]",
		Short: "show help for a command",
		Long:  "Show the help of a command: what it does, its flags, and its exit codes where they differ.",
		RunE: func(cmd *cobra.Command, args []string) error {
			target, rest, err := cmd.Root().Find(args)
			if err != nil {
				return usageError{cmd: "vitals", msg: printable.Line(err.Error())}
			}
			if len(rest) > 0 {
				return unknownCommand(target, rest[0])
			}
			return target.Help()
		},
		ValidArgsFunction: func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
			target, _, err := cmd.Root().Find(args)
			if err != nil {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			var out []cobra.Completion
			for _, c := range subcommands(target) {
				if strings.HasPrefix(c.Name(), toComplete) {
					out = append(out, cobra.CompletionWithDesc(c.Name(), c.Short))
				}
			}
			return out, cobra.ShellCompDirectiveNoFileComp
		},
	}
}
