package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/spf13/cobra"
)

// The README, --help and the man page must agree with the command tree:
// every command line the README shows is run (with --help, so that cobra
// parses every flag and value and nothing is done), every flag it names
// exists on its command, and every command and flag of the tree is in the
// README, in the command's --help and in the man page.

// readme is the README split into the command lines of its code blocks,
// the inline code spans that start with "vitals", and the flags named
// alone in inline code (`--out PATH`), each with the section it is in.
type readme struct {
	blockLines []string            // "vitals report a.yaml --out r.md"
	spans      []string            // "vitals report ANSWERS.yaml [--out PATH|-] …"
	flagSpans  map[string][]string // section heading -> "--out PATH", …
	paragraphs []string            // prose, one paragraph per string
	sections   []string            // the heading above each paragraph
	text       string
}

func readREADME(t *testing.T) readme {
	t.Helper()
	data, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	r := readme{flagSpans: map[string][]string{}, text: string(data)}
	var (
		inBlock bool
		lang    string
		section string
		para    []string
	)
	flush := func() {
		if len(para) > 0 {
			r.paragraphs = append(r.paragraphs, strings.Join(para, " "))
			r.sections = append(r.sections, section)
			para = nil
		}
	}
	for line := range strings.SplitSeq(string(data), "\n") {
		if strings.HasPrefix(line, "```") {
			flush()
			inBlock, lang = !inBlock, strings.TrimPrefix(line, "```")
			continue
		}
		if inBlock {
			switch lang {
			case "sh":
				r.blockLines = append(r.blockLines, shellCommands(line)...)
			case "text":
				// The command list: the command, two spaces, what it does.
				if cmd, _, _ := strings.Cut(line, "  "); strings.HasPrefix(cmd, "vitals") {
					r.blockLines = append(r.blockLines, strings.TrimSpace(cmd))
				}
			}
			continue
		}
		if strings.HasPrefix(line, "#") {
			flush()
			section = strings.TrimSpace(strings.TrimLeft(line, "#"))
			continue
		}
		if strings.TrimSpace(line) == "" {
			flush()
			continue
		}
		para = append(para, strings.TrimSpace(line))
	}
	flush()
	span := regexp.MustCompile("`([^`]+)`")
	// Spans are found per paragraph, since one may wrap onto a second line.
	for i, p := range r.paragraphs {
		for _, m := range span.FindAllStringSubmatch(p, -1) {
			switch s := m[1]; {
			case strings.HasPrefix(s, "vitals "):
				r.spans = append(r.spans, s)
			case strings.HasPrefix(s, "--"):
				r.flagSpans[r.sections[i]] = append(r.flagSpans[r.sections[i]], s)
			}
		}
	}
	return r
}

// shellCommands are the vitals commands on a line of shell: the comment
// cut off, split at pipes, redirections and &&.
func shellCommands(line string) []string {
	var out []string
	var cur strings.Builder
	quote := rune(0)
	segs := []string{}
	for i, c := range line {
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '#' && (i == 0 || line[i-1] == ' '):
			segs = append(segs, cur.String())
			cur.Reset()
			goto done
		case c == '|' || c == '>' || c == '&' || c == ';' || c == '(' || c == ')' || c == '<':
			segs = append(segs, cur.String())
			cur.Reset()
			continue
		}
		cur.WriteRune(c)
	}
	segs = append(segs, cur.String())
done:
	for _, s := range segs {
		s = strings.TrimSpace(s)
		if s == "vitals" || strings.HasPrefix(s, "vitals ") {
			out = append(out, s)
		}
	}
	return out
}

// shellWords splits a command line at spaces, keeping quoted words whole.
func shellWords(s string) []string {
	var words []string
	var cur strings.Builder
	quote, inWord := rune(0), false
	for _, c := range s {
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			} else {
				cur.WriteRune(c)
			}
		case c == '"' || c == '\'':
			quote, inWord = c, true
		case c == ' ':
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		default:
			cur.WriteRune(c)
			inWord = true
		}
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words
}

// isPlaceholder tells an argument (a file, an id, FILE, [flags]) from a
// word that must name a command.
func isPlaceholder(w string) bool {
	return w == "-" || strings.ContainsAny(w, "[]./|ABCDEFGHIJKLMNOPQRSTUVWXYZ") || strings.Contains(w, "-")
}

// resolve walks a documented command line through the tree: the command
// it names, and an error for a word that names no command or a flag the
// command does not have.
func resolve(root *cobra.Command, line string) (*cobra.Command, []string) {
	words := shellWords(line)
	cmd := root
	var problems []string
	positional := false
	for i := 1; i < len(words); i++ {
		cmd.InitDefaultHelpFlag()
		w := strings.Trim(words[i], "[],")
		switch {
		case strings.HasPrefix(w, "--") && len(w) > 2:
			name, _, hasValue := strings.Cut(w[2:], "=")
			f := cmd.Flags().Lookup(name)
			if f == nil {
				problems = append(problems, cmd.CommandPath()+" has no flag --"+name)
				continue
			}
			if f.NoOptDefVal == "" && !hasValue {
				i++ // its value
			}
		case strings.HasPrefix(w, "-") && len(w) == 2:
			f := cmd.Flags().ShorthandLookup(w[1:])
			if f == nil {
				problems = append(problems, cmd.CommandPath()+" has no flag "+w)
				continue
			}
			if f.NoOptDefVal == "" {
				i++
			}
		case !positional && cmd.HasSubCommands() && !isPlaceholder(w):
			sub, _, err := cmd.Find([]string{w})
			if err != nil || sub == cmd {
				problems = append(problems, cmd.CommandPath()+" has no command "+w)
				positional = true
				continue
			}
			cmd = sub
		default:
			positional = true
		}
	}
	return cmd, problems
}

func TestREADMEMatchesCommands(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	r := readREADME(t)
	t.Chdir(t.TempDir()) // nothing the README runs may write into the repo
	root := newRootCmd(&env{ctx: context.Background(), stdin: strings.NewReader(""), stdout: &bytes.Buffer{}, stderr: &bytes.Buffer{}})
	if len(r.blockLines) < 15 || len(r.spans) < 10 {
		t.Fatalf("found only %d command lines and %d spans in the README: is the parser broken?", len(r.blockLines), len(r.spans))
	}

	// Every command line in a code block runs: cobra parses each flag and
	// its value, and --help stops it before it does anything.
	for _, line := range r.blockLines {
		t.Run(line, func(t *testing.T) {
			cmd, problems := resolve(root, line)
			for _, p := range problems {
				t.Error(p)
			}
			stdout, stderr, code := runCLI(t, "", append(shellWords(line)[1:], "--help")...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			if want := cmd.CommandPath(); !strings.Contains(strings.SplitN(stdout, "\n", 2)[0], strings.TrimPrefix(want, "vitals")) {
				t.Errorf("help shown is not that of %q:\n%.200s", want, stdout)
			}
		})
	}
	// Inline spans show syntax (FILE, [--out PATH|-]): their commands and
	// flags must exist.
	for _, span := range r.spans {
		if span == "vitals asess" {
			// The README's example of a mistyped command: it must fail
			// and suggest the right one.
			_, stderr, code := runCLI(t, "", "asess")
			if code != 2 || !strings.Contains(stderr, `did you mean "assess"?`) {
				t.Errorf("vitals asess: exit %d, stderr %q", code, stderr)
			}
			continue
		}
		if _, problems := resolve(root, span); len(problems) > 0 {
			t.Errorf("README `%s`: %s", span, strings.Join(problems, "; "))
		}
	}
	// A flag named alone belongs to the command of its section.
	sectionCmd := map[string]string{"Assess": "assess", "Plain mode, for screen readers and scripts": "assess", "Reports": "report"}
	for section, flags := range r.flagSpans {
		for _, span := range flags {
			for _, w := range strings.Fields(span) {
				w = strings.Trim(w, ",")
				if !strings.HasPrefix(w, "--") {
					continue
				}
				name, _, _ := strings.Cut(w[2:], "=")
				if name == "" || name == "flag" {
					continue // the syntax: --flag VALUE, --flag=VALUE, --
				}
				if path, ok := sectionCmd[section]; ok {
					cmd, _, _ := root.Find(strings.Fields(path))
					if cmd.Flags().Lookup(name) == nil {
						t.Errorf("README section %q names --%s, which vitals %s does not have", section, name, path)
					}
				} else if !anyCommandHasFlag(root, name) {
					t.Errorf("README section %q names --%s, which no command has", section, name)
				}
			}
		}
	}

	// Every command and flag of the tree is in the README, with its short
	// form.
	walkCommands(root, func(c *cobra.Command) {
		if c.HasParent() && !strings.Contains(r.text, c.CommandPath()) {
			t.Errorf("the README does not mention %q", c.CommandPath())
		}
		for _, f := range visibleFlags(c) {
			if f.Name == "help" {
				continue
			}
			if !strings.Contains(r.text, "--"+f.Name) {
				t.Errorf("the README does not mention %s --%s", c.CommandPath(), f.Name)
			}
			if f.Shorthand != "" && !slices.ContainsFunc(r.paragraphs, func(p string) bool {
				return strings.Contains(p, "--"+f.Name) && (strings.Contains(p, "`-"+f.Shorthand+"`") || strings.Contains(p, "-"+f.Shorthand+", --"+f.Name))
			}) {
				t.Errorf("the README does not give -%s as short for --%s", f.Shorthand, f.Name)
			}
		}
	})
}

func anyCommandHasFlag(root *cobra.Command, name string) bool {
	found := false
	walkCommands(root, func(c *cobra.Command) {
		if c.Flags().Lookup(name) != nil {
			found = true
		}
	})
	return found
}

// walkCommands calls fn for root and every command help lists under it.
func walkCommands(root *cobra.Command, fn func(*cobra.Command)) {
	fn(root)
	for _, c := range subcommands(root) {
		walkCommands(c, fn)
	}
}

// Every command's --help and the man page list all its flags, and the man
// page has the README's exit codes.
func TestHelpAndManListEverything(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	root := newRootCmd(&env{ctx: context.Background(), stdin: strings.NewReader(""), stdout: &bytes.Buffer{}, stderr: &bytes.Buffer{}})
	man, _, code := runCLI(t, "", "man")
	if code != 0 {
		t.Fatalf("vitals man: exit %d", code)
	}
	n := 0
	walkCommands(root, func(c *cobra.Command) {
		n++
		path := strings.Fields(c.CommandPath())[1:]
		help, _, code := runCLI(t, "", append(path, "--help")...)
		if code != 0 {
			t.Errorf("%s --help: exit %d", c.CommandPath(), code)
		}
		var section string
		if c.HasParent() {
			head := ".SS " + roffQuote(c.CommandPath()) + "\n"
			i := strings.Index(man, head)
			if i < 0 {
				t.Errorf("the man page has no section for %s", c.CommandPath())
				return
			}
			section = man[i+len(head):]
			if j := strings.Index(section, ".SS "); j >= 0 {
				section = section[:j]
			}
		} else {
			section = man[:strings.Index(man, ".SH COMMANDS")]
		}
		for _, f := range visibleFlags(c) {
			if !strings.Contains(help, "--"+f.Name) {
				t.Errorf("%s --help does not list --%s", c.CommandPath(), f.Name)
			}
			if !strings.Contains(section, `\fB\-\-`+strings.ReplaceAll(f.Name, "-", `\-`)+`\fR`) {
				t.Errorf("the man page does not list --%s under %s", f.Name, c.CommandPath())
			}
		}
	})
	if n < 12 {
		t.Errorf("walked only %d commands", n)
	}
	// The exit codes of the README's table are those of the man page.
	table := regexp.MustCompile(`(?m)^\| (\d+) \|`).FindAllStringSubmatch(readREADME(t).text, -1)
	var readmeCodes, manCodes []string
	for _, m := range table {
		readmeCodes = append(readmeCodes, m[1])
	}
	for _, s := range exitStatus {
		manCodes = append(manCodes, s.code)
		if !strings.Contains(man, ".B "+s.code+"\n") {
			t.Errorf("the man page's exit status has no %s", s.code)
		}
	}
	if !slices.Equal(readmeCodes, manCodes) {
		t.Errorf("exit codes: README %v, man page %v", readmeCodes, manCodes)
	}
	if got := []int{exitOK, exitFindings, exitUsage, exitInterrupted}; !slices.Equal(got, []int{0, 1, 2, 130}) {
		t.Errorf("exit code constants %v", got)
	}
}

// onSilentTerminal runs the binary on a pseudo-terminal that never
// answers anything (script(1) with an input that stays open and empty),
// with env added, and returns all it wrote to the terminal.
func onSilentTerminal(t *testing.T, env []string, args ...string) string {
	t.Helper()
	bin := buildVitals(t)
	line := shq(bin)
	for _, a := range args {
		line += " " + shq(a)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "script", "-qec", line, "/dev/null")
	never, hold, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer hold.Close()
	defer never.Close()
	cmd.Stdin = never
	cmd.Env = append(os.Environ(), env...)
	out, _ := cmd.Output()
	if ctx.Err() != nil {
		t.Fatalf("vitals %s waited on the terminal for 20 s", strings.Join(args, " "))
	}
	return string(out)
}

// Help and errors at a terminal are in colour (none with NO_COLOR), and
// never ask the terminal anything: a terminal that does not answer must
// not make them wait, as fang's background-colour query does.
func TestHelpAtATerminal(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	if _, err := exec.LookPath("script"); err != nil {
		t.Skip("script(1) is not installed")
	}
	queries := map[string]string{"background colour (OSC 11)": "\x1b]11;?", "device attributes (DA1)": "\x1b[c", "cursor position": "\x1b[6n"}
	for _, tt := range []struct {
		name   string
		env    []string
		args   []string
		styled bool
	}{
		{"help", []string{"TERM=xterm-256color", "NO_COLOR="}, []string{"--help"}, true},
		{"command help", []string{"TERM=xterm-256color", "NO_COLOR="}, []string{"report", "--help"}, true},
		{"help command", []string{"TERM=xterm-256color", "NO_COLOR="}, []string{"help", "validate"}, true},
		{"unknown command", []string{"TERM=xterm-256color", "NO_COLOR="}, []string{"asess"}, false},
		{"unknown flag", []string{"TERM=xterm-256color", "NO_COLOR="}, []string{"report", "--nope"}, false},
		{"help with NO_COLOR", []string{"TERM=xterm-256color", "NO_COLOR=1"}, []string{"--help"}, false},
		{"help with TERM=dumb", []string{"TERM=dumb", "NO_COLOR="}, []string{"--help"}, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			out := onSilentTerminal(t, tt.env, tt.args...)
			if !strings.Contains(out, "vitals") {
				t.Fatalf("nothing useful on the terminal: %q", out)
			}
			for what, q := range queries {
				if strings.Contains(out, q) {
					t.Errorf("asked the terminal for its %s", what)
				}
			}
			if got := strings.Contains(out, "\x1b["); got != tt.styled {
				t.Errorf("styled = %v, want %v:\n%q", got, tt.styled, out)
			}
		})
	}
}

// The man page is valid roff: groff, where installed, warns about nothing.
func TestManPageRenders(t *testing.T) {
	if _, err := exec.LookPath("groff"); err != nil {
		t.Skip("groff is not installed")
	}
	man, _, code := runCLI(t, "", "man")
	if code != 0 {
		t.Fatalf("vitals man: exit %d", code)
	}
	cmd := exec.Command("groff", "-z", "-ww", "-man")
	cmd.Stdin = strings.NewReader(man)
	out, err := cmd.CombinedOutput()
	if err != nil || len(out) > 0 {
		t.Errorf("groff: %v\n%s", err, out)
	}
	// A line starting with a dot or quote would be a roff request.
	for i, line := range strings.Split(man, "\n") {
		if strings.HasPrefix(line, "'") {
			t.Errorf("line %d starts with a quote: %q", i+1, line)
		}
	}
}
