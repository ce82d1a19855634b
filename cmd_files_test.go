package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// An answers file naming a rubric that cannot be found is reported at the
// rubric id in the file, file:line:col, like every other problem.
func TestReportUnknownRubricHasPosition(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	path := filepath.Join(t.TempDir(), "a.answers.yaml")
	if err := os.WriteFile(path, []byte("format: 1\nrubric:\n  id: five-warning-sign\nanswers:\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, stderr, code := runCLI(t, "", "report", path)
	if want := path + ":3:7: no rubric \"five-warning-sign\""; code != 2 || !strings.HasPrefix(stderr, want) || !strings.Contains(stderr, "--rubric") {
		t.Errorf("exit %d, stderr %q; want 2 and %q…", code, stderr, want)
	}
}

// --out naming a device writes into it (a full device fails, saying so,
// and nothing named like it is made beside it); naming a folder is a
// usage error before anything is asked.
func TestAssessOutDeviceOrFolder(t *testing.T) {
	if _, err := os.Stat("/dev/full"); err != nil {
		t.Skip("no /dev/full here")
	}
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	t.Chdir(t.TempDir())
	// "Don't know" and an empty note for every question, as in the README.
	input := strings.Repeat("d\n\n", 40)
	args := []string{"assess", "--accessible", "--rubric", "five-warning-signs", "--project", "X", "--respondent", "A", "--role", "R", "--answers", "a.answers.yaml"}
	_, stderr, code := runCLI(t, input, append(args, "--out", "/dev/full")...)
	if code == 0 || !strings.Contains(stderr, "no space left on device") {
		t.Errorf("--out /dev/full: exit %d, want an error saying the device is full:\n%s", code, stderr)
	}
	if _, err := os.Stat("/dev/full-2"); err == nil {
		os.Remove("/dev/full-2")
		t.Error("--out /dev/full made /dev/full-2")
	}

	if err := os.Mkdir("reports", 0o755); err != nil {
		t.Fatal(err)
	}
	_, stderr, code = runCLI(t, input, append(args[:len(args)-1], "b.answers.yaml", "--out", "reports")...)
	if code != 2 || !strings.Contains(stderr, "--out reports is a folder") {
		t.Errorf("--out FOLDER: exit %d, want 2 and the reason:\n%s", code, stderr)
	}
	if _, err := os.Stat("b.answers.yaml"); err == nil {
		t.Error("a refused --out still started an answers file")
	}
}
