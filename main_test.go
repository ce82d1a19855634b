package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
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
