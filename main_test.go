package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vitals-dev/vitals/questions"
)

// runCLI runs the program as a user would, returning its output and the
// exit code main would use.
func runCLI(t *testing.T, stdin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := run(context.Background(), args, strings.NewReader(stdin), &out, &errOut)
	code = exitCode(err, &errOut)
	return out.String(), errOut.String(), code
}

func TestCommands(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	export, _, _ := runCLI(t, "", "rubric", "export", "five-warning-signs")
	tests := []struct {
		name   string
		args   []string
		stdin  string
		code   int
		stdout string // substring expected on stdout
		stderr string // substring expected on stderr
	}{
		{name: "help", args: []string{"help"}, stdout: "Commands:"},
		{name: "version", args: []string{"version"}, stdout: "vitals "},
		{name: "list", args: []string{"list"}, stdout: "five-warning-signs"},
		{name: "list shows source", args: []string{"list"}, stdout: "built-in"},
		{name: "validate built-ins", args: []string{"validate"}, stdout: "ok builtin:five-warning-signs.yaml"},
		{name: "validate example", args: []string{"validate", "questions/testdata/example.yaml"}, stdout: "ok questions/testdata/example.yaml"},
		{name: "validate bad", args: []string{"validate", "questions/testdata/bad/unknown-key.yaml"}, code: 1, stdout: "questions/testdata/bad/unknown-key.yaml:"},
		{name: "validate a folder", args: []string{"validate", "questions/rubrics"}, stdout: "ok questions/rubrics/adoption-readiness.yaml\nok questions/rubrics/five-warning-signs.yaml\n"},
		{name: "validate a folder with bad files", args: []string{"validate", "questions/testdata/bad"}, code: 1, stdout: "questions/testdata/bad/duplicate-key.yaml:10:9: duplicate key"},
		{name: "validate an empty folder", args: []string{"validate", "internal"}, code: 1, stdout: "internal: no .yaml or .yml files in this folder"},
		{name: "validate missing file", args: []string{"validate", "nope.yaml"}, code: 1, stdout: "nope.yaml: no such file or directory"},
		{name: "validate stdin round trip", args: []string{"validate", "-"}, stdin: export, stdout: "ok <stdin>"},
		{name: "export unknown", args: []string{"rubric", "export", "nope"}, code: 2, stderr: `no built-in rubric "nope"`},
		{name: "rubric without export", args: []string{"rubric"}, code: 2, stderr: "usage: vitals rubric export ID"},
		{name: "schema", args: []string{"schema"}, stdout: `"$schema"`},
		{name: "unknown command", args: []string{"frobnicate"}, code: 2, stderr: `unknown command "frobnicate"`},
		{name: "unknown flag", args: []string{"list", "--nope"}, code: 2, stderr: "unknown flag: --nope"},
		{name: "command help", args: []string{"validate", "--help"}, stdout: "Usage: vitals validate"},
		{name: "hostile command name", args: []string{"\x1b[31mred"}, code: 2, stderr: `\x1b[31mred`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdout, stderr, code := runCLI(t, tt.stdin, tt.args...)
			if got, want := code, tt.code; got != want {
				t.Errorf("exit code = %d, want %d\nstdout: %s\nstderr: %s", got, want, stdout, stderr)
			}
			if !strings.Contains(stdout, tt.stdout) {
				t.Errorf("stdout does not contain %q:\n%s", tt.stdout, stdout)
			}
			if !strings.Contains(stderr, tt.stderr) {
				t.Errorf("stderr does not contain %q:\n%s", tt.stderr, stderr)
			}
			if strings.Contains(stdout+stderr, "\x1b") {
				t.Errorf("output contains a raw escape character")
			}
		})
	}
}

func TestExportRoundTrip(t *testing.T) {
	for _, id := range []string{"five-warning-signs", "adoption-readiness"} {
		t.Run(id, func(t *testing.T) {
			out, _, code := runCLI(t, "", "rubric", "export", id)
			if code != 0 || !strings.Contains(out, "id: "+id) {
				t.Fatalf("export %s: code %d", id, code)
			}
			path := filepath.Join(t.TempDir(), id+".yaml")
			if err := os.WriteFile(path, []byte(out), 0o644); err != nil {
				t.Fatal(err)
			}
			stdout, _, code := runCLI(t, "", "validate", path)
			if got, want := code, 0; got != want {
				t.Errorf("validate exported rubric: code %d: %s", got, stdout)
			}
		})
	}
}

// Two rubric files of one folder with the same id: validate says so, as
// list does, since they are loaded together.
func TestValidateFolderDuplicateIDs(t *testing.T) {
	out, _, _ := runCLI(t, "", "rubric", "export", "five-warning-signs")
	dir := t.TempDir()
	for _, name := range []string{"a.yaml", "b.yaml"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(out), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	stdout, _, code := runCLI(t, "", "validate", dir)
	a, b := filepath.Join(dir, "a.yaml"), filepath.Join(dir, "b.yaml")
	want := "ok " + a + "\n" + b + `:1:1: rubric id "five-warning-signs" is also used by ` + a + " (the first one found is used)\n"
	if code != 1 || stdout != want {
		t.Errorf("exit %d, stdout:\n%s\nwant exit 1 and:\n%s", code, stdout, want)
	}
}

// userRubricDir points the config folder at a fresh temporary one and
// returns its rubric folder, created.
func userRubricDir(t *testing.T) string {
	t.Helper()
	cfg := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", cfg)
	dir := filepath.Join(cfg, "vitals", "rubrics")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestUserRubricOverridesBuiltin(t *testing.T) {
	dir := userRubricDir(t)
	data, err := os.ReadFile("questions/testdata/example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	data = bytes.Replace(data, []byte("id: crm-health"), []byte("id: five-warning-signs"), 1)
	if err := os.WriteFile(filepath.Join(dir, "mine.yaml"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "broken.yaml"), []byte("id: [\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	stdout, stderr, code := runCLI(t, "", "list")
	if !strings.Contains(stdout, "mine.yaml (replaces built-in)") {
		t.Errorf("list does not show the override:\n%s", stdout)
	}
	if got, want := code, 1; got != want {
		t.Errorf("exit code = %d, want %d (a broken user rubric)", got, want)
	}
	if !strings.Contains(stderr, "broken.yaml:2:1: YAML syntax error") {
		t.Errorf("stderr does not name the broken file with its position:\n%s", stderr)
	}
}

// exitCode is the one place that maps errors to exit codes.
func TestExitCode(t *testing.T) {
	problems := questions.Problems{{File: "r.yaml", Line: 3, Col: 5, Msg: "unknown key \"x\""}}
	tests := []struct {
		name   string
		err    error
		code   int
		stderr string
	}{
		{"nil", nil, 0, ""},
		{"usage", usageError{cmd: "vitals report", msg: "report: name the answers file"}, 2, "vitals: report: name the answers file\nRun 'vitals report --help' for usage.\n"},
		{"usage at the root", usagef("unknown command %q", "x"), 2, "vitals: unknown command \"x\"\nRun 'vitals help' for usage.\n"},
		{"input", inputError{errors.New("read answers a.yaml: no such file or directory")}, 2, "vitals: read answers a.yaml: no such file or directory\n"},
		{"input problems", inputError{problems}, 2, "r.yaml:3:5: unknown key \"x\"\n"},
		{"input already printed", inputError{}, 2, ""},
		{"findings", findingsError{errors.New("risk at or above --fail-on high: overall high")}, 1, "vitals: risk at or above --fail-on high: overall high\n"},
		{"findings already printed", findingsError{}, 1, ""},
		{"problems", problems, 1, "r.yaml:3:5: unknown key \"x\"\n"},
		{"command failed", commandError{errors.New("write /dev/full: no space left on device")}, 1, "vitals: write /dev/full: no space left on device\n"},
		{"interrupted", fmt.Errorf("assess: %w", errInterrupted), 130, "vitals: interrupted\n"},
		{"context cancelled", context.Canceled, 130, "vitals: interrupted\n"},
		{"cobra's own", errors.New(`unknown command "x" for "vitals completion"`), 2, "vitals: unknown command \"x\" for \"vitals completion\"\nRun 'vitals help' for usage.\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stderr bytes.Buffer
			if got := exitCode(tt.err, &stderr); got != tt.code {
				t.Errorf("exitCode = %d, want %d", got, tt.code)
			}
			if got := stderr.String(); got != tt.stderr {
				t.Errorf("stderr = %q, want %q", got, tt.stderr)
			}
		})
	}
}

// A command that fails in an unforeseen way exits 1; a command line cobra
// refuses exits 2, as a usage error.
func TestCommandErrorsAreMarked(t *testing.T) {
	_, stderr, code := runCLI(t, "", "completion", "bsh")
	if code != 2 || !strings.Contains(stderr, `did you mean "bash"`) {
		t.Errorf("completion bsh: exit %d, stderr %q", code, stderr)
	}
	_, stderr, code = runCLI(t, "", "rubric", "export")
	if code != 2 || !strings.Contains(stderr, "usage: vitals rubric export ID") {
		t.Errorf("rubric export: exit %d, stderr %q", code, stderr)
	}
	var out failingWriter
	err := run(context.Background(), []string{"schema"}, strings.NewReader(""), out, &bytes.Buffer{})
	var ce commandError
	if !errors.As(err, &ce) || exitCode(err, &bytes.Buffer{}) != 1 {
		t.Errorf("schema to a failing writer: %T %v, want a commandError and exit 1", err, err)
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("no space left on device") }

// Flags may come anywhere, in their long or short form, and mistyped
// commands and flags get a suggestion.
func TestFlagsAndSuggestions(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	healthy := reportFixtures + "fws-healthy.yaml"
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout string
		stderr string
	}{
		{"short flags", []string{"report", "-o", "-", healthy}, 0, "# Adoption risk report", ""},
		{"flag=value", []string{"report", healthy, "--format=json"}, 0, `"schema_version"`, ""},
		{"-- ends flags", []string{"report", "--format", "json", "--", healthy}, 0, `"schema_version"`, ""},
		{"validate -q", []string{"validate", "-q"}, 0, "", ""},
		{"validate --quiet", []string{"validate", "--quiet", "questions/rubrics"}, 0, "", ""},
		{"-v", []string{"-v"}, 0, "vitals ", ""},
		{"--version", []string{"--version"}, 0, "vitals ", ""},
		{"help COMMAND", []string{"help", "rubric", "export"}, 0, "Usage: vitals rubric export ID", ""},
		{"mistyped command", []string{"asess"}, 2, "", `unknown command "asess"; did you mean "assess"?`},
		{"mistyped subcommand", []string{"rubric", "exprt", "x"}, 2, "", `did you mean "export"?`},
		{"mistyped help topic", []string{"help", "reprot"}, 2, "", `did you mean "report"?`},
		{"mistyped flag", []string{"report", "--fial-on", "high", healthy}, 2, "", "report: unknown flag: --fial-on; did you mean --fail-on?"},
		{"missing value", []string{"report", healthy, "--out"}, 2, "", "report: flag needs an argument: --out"},
		{"not a number", []string{"check", "--max-age", "abc"}, 2, "", `check: --max-age must be a whole number, not "abc"`},
		{"not a whole number", []string{"report", healthy, "--min-group=1.5"}, 2, "", `report: --min-group must be a whole number, not "1.5"`},
		{"one-dash long flag", []string{"report", "-format", "json", healthy}, 2, "", "-format: long flags take two dashes: --format"},
		{"one-dash long flag with a value", []string{"assess", "-answers=a.yaml"}, 2, "", "long flags take two dashes: --answers"},
		{"one-dash help", []string{"report", "-help"}, 2, "", "-help: long flags take two dashes: --help"},
		{"after --, a file", []string{"report", "--", "-format"}, 2, "", "read answers -format"},
		{"version takes no arguments", []string{"version", "x"}, 2, "", "version takes no arguments"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdout, stderr, code := runCLI(t, "", tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d; stderr %s", code, tt.code, stderr)
			}
			if !strings.Contains(stdout, tt.stdout) || !strings.Contains(stderr, tt.stderr) {
				t.Errorf("stdout %.100q, stderr %q; want %q and %q", stdout, stderr, tt.stdout, tt.stderr)
			}
			if tt.code != 0 && (!strings.HasPrefix(stderr, "vitals: ") || strings.Contains(strings.TrimSpace(stderr), "\n\n")) {
				t.Errorf("the error is not one paragraph starting vitals: %q", stderr)
			}
		})
	}
}

// A run whose first word names a command builds that command alone (it
// starts sooner); it must behave exactly as with the whole tree.
func TestOneCommandTreeBehavesAsTheWholeTree(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	healthy := reportFixtures + "fws-healthy.yaml"
	for _, args := range [][]string{
		{"assess", "--help"}, {"assess", "extra"}, {"assess", "--nope"}, {"assess", "--rubric", "nope"},
		{"report", "--help"}, {"report"}, {"report", healthy, "--format", "json"}, {"report", "--fial-on", "x"}, {"report", "-format", "md"},
		{"validate", "questions/rubrics"}, {"validate", "-q", "nope.yaml"},
		{"list"}, {"list", "x"},
		{"rubric"}, {"rubric", "exprt"}, {"rubric", "export"}, {"rubric", "export", "nope"}, {"rubric", "export", "--help"},
		{"schema", "x"}, {"version"}, {"version", "--help"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			var lazyOut, lazyErr, fullOut, fullErr bytes.Buffer
			lazyCode := exitCode(run(context.Background(), args, strings.NewReader(""), &lazyOut, &lazyErr), &lazyErr)
			e := &env{ctx: context.Background(), stdin: strings.NewReader(""), stdout: &fullOut, stderr: &fullErr}
			fullCode := exitCode(execute(context.Background(), newRootCmd(e), args), &fullErr)
			if lazyCode != fullCode || lazyOut.String() != fullOut.String() || lazyErr.String() != fullErr.String() {
				t.Errorf("one command: exit %d\n%s%s\nwhole tree: exit %d\n%s%s", lazyCode, lazyOut.String(), lazyErr.String(), fullCode, fullOut.String(), fullErr.String())
			}
		})
	}
	// The tree really is smaller, or this test tests nothing.
	if root := buildRoot(&env{ctx: context.Background(), stdin: strings.NewReader(""), stdout: &bytes.Buffer{}, stderr: &bytes.Buffer{}}, "report"); len(root.Commands()) != 1 {
		t.Errorf("the tree for report has %d commands, want 1", len(root.Commands()))
	}
}
