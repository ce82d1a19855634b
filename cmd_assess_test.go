package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Without a terminal, assess falls back to plain mode and says so: never a
// raw "error opening TTY".
func TestAssessWithoutTerminal(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	t.Setenv("ACCESSIBLE", "")
	badRubric, err := filepath.Abs("questions/testdata/bad/duplicate-key.yaml")
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(t.TempDir())
	tests := []struct {
		name   string
		args   []string
		in     string
		code   int
		stderr string
	}{
		{"no arguments", nil, "", 1, "input is not a terminal: using plain line-by-line mode"},
		{"flags only", []string{"--rubric", "five-warning-signs", "--project", "P"}, "", 1, "input is not a terminal"},
		{"assess", []string{"assess", "--project", "P"}, "", 1, "input is not a terminal"},
		{"accessible", []string{"assess", "--accessible", "--rubric", "five-warning-signs", "--project", "P"}, "", 1, "Input ended"},
		{"unknown rubric", []string{"assess", "--rubric", "nope"}, "", 2, `--rubric: no rubric "nope"`},
		{"bad rubric file", []string{"assess", "--rubric", badRubric}, "", 2, `duplicate-key.yaml:10:9: duplicate key "prompt"`},
		{"control characters in a flag", []string{"assess", "--rubric", "five-warning-signs", "--project", "a\x1b[31m"}, "", 2, `--project: text contains the control character \x1b`},
		{"report over the answers", []string{"assess", "--rubric", "five-warning-signs", "--project", "P", "--answers", "a.yaml", "--out", "./a.yaml"}, "", 2, "--out and --answers name the same file"},
		{"piped line that does not fit", []string{"assess", "--rubric", "five-warning-signs", "--project", "P"}, "Ann\nlead\nlots\n1000\n", 1,
			"stopped at input line 3 (question bc-annual-benefit): \"lots\" is not a number"},
		{"argument", []string{"assess", "extra"}, "", 2, "assess takes no arguments"},
		{"bad flag", []string{"--nope"}, "", 2, "unknown flag: --nope"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdout, stderr, code := runCLI(t, tt.in, tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tt.code, stderr)
			}
			if !strings.Contains(stderr, tt.stderr) {
				t.Errorf("stderr does not contain %q:\n%s", tt.stderr, stderr)
			}
			if strings.Contains(stderr, "TTY") {
				t.Errorf("stderr mentions the TTY:\n%s", stderr)
			}
			if stdout != "" && tt.code != 2 {
				t.Errorf("stdout is not clean:\n%s", stdout)
			}
		})
	}
}

func TestAssessHelp(t *testing.T) {
	t.Chdir(t.TempDir())
	stdout, _, code := runCLI(t, "", "assess", "--help")
	if code != 0 || !strings.Contains(stdout, "Usage: vitals assess") {
		t.Fatalf("exit %d:\n%s", code, stdout)
	}
	// Nothing is written by asking for help.
	if _, err := os.Stat("assessments"); err == nil {
		t.Error("help created the assessments folder")
	}
}
