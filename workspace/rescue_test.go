package workspace

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/vitals-dev/vitals/assessment"
	"github.com/vitals-dev/vitals/internal/testrubric"
	"github.com/vitals-dev/vitals/questions"
)

// breakFolder makes every later write into path's folder fail, for any
// user (root included): the folder is moved away and a file put in its
// place.
func breakFolder(t *testing.T, path string) {
	t.Helper()
	dir := filepath.Dir(path)
	if err := os.Rename(dir, dir+".moved"); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dir, []byte("in the way"), 0o644); err != nil {
		t.Fatal(err)
	}
}

func openTestSession(t *testing.T) (*Config, *Session) {
	t.Helper()
	r, err := questions.ParseBytes("gen.yaml", testrubric.Generate(10))
	if err != nil {
		t.Fatal(err)
	}
	cfg := &Config{Dir: filepath.Join(t.TempDir(), "assessments"), Now: func() time.Time { return since }}
	path := cfg.DefaultAnswersPath(r.ID, "CRM", since)
	s, _, err := cfg.Open(r, path, "CRM", assessment.Respondent{Name: "Ana"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return cfg, s
}

// When the answers file cannot be written at the end, the answers go to a
// rescue copy in the state folder, and what the user reads never says
// "saved in" the file that does not hold them.
func TestSaveFinalRescues(t *testing.T) {
	state := t.TempDir()
	t.Setenv("XDG_STATE_HOME", state)
	_, s := openTestSession(t)
	q := s.Rubric.Questions()[0]
	if err := s.Set(q.ID, &assessment.Answer{DontKnow: true, Note: "ask finance"}); err != nil {
		t.Fatal(err)
	}
	breakFolder(t, s.Path)
	o := s.SaveFinal(Outcome{})
	if o.SaveErr == nil {
		t.Fatal("SaveFinal into a folder that is a file succeeded")
	}
	if !strings.HasPrefix(o.RescuePath, filepath.Join(state, "vitals", "rescue")+string(filepath.Separator)) {
		t.Fatalf("rescue copy at %q, want it under $XDG_STATE_HOME/vitals/rescue", o.RescuePath)
	}
	fi, err := os.Stat(o.RescuePath)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("rescue copy mode %v, want 0600", fi.Mode().Perm())
	}
	f, err := assessment.LoadFile(o.RescuePath)
	if err != nil {
		t.Fatal(err)
	}
	a, _, err := f.Check(s.Rubric)
	if err != nil {
		t.Fatal(err)
	}
	if got := a.Answers[q.ID]; got == nil || got.Note != "ask finance" {
		t.Errorf("rescue copy holds %+v, want the answer and its note", got)
	}
	msg := o.Saved()
	if strings.Contains(msg, "are saved") || !strings.Contains(msg, "could not be written to "+s.Path+" (not a directory)") || !strings.Contains(msg, o.RescuePath) || !strings.Contains(msg, "vitals assess --answers "+o.RescuePath) {
		t.Errorf("message %q: want the rescue copy and how to go on, and no claim that %s holds the answers", msg, s.Path)
	}
}

// The state folder full or in the way: the system's temporary folder
// takes the copy. Neither: the content comes back for the terminal.
func TestRescueFallsBack(t *testing.T) {
	blocked := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(blocked, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("XDG_STATE_HOME", blocked)
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	path, err := Rescue("assessments/x.answers.yaml", []byte("format: 1\n"), since)
	if err != nil || !strings.HasPrefix(path, tmp) {
		t.Fatalf("Rescue = %q, %v; want a copy in TMPDIR %s", path, err, tmp)
	}
	if filepath.Base(path) != "x-rescued-20260331T140500Z.answers.yaml" {
		t.Errorf("rescue name %q", filepath.Base(path))
	}
	again, err := Rescue("assessments/x.answers.yaml", []byte("format: 1\n"), since)
	if err != nil || again == path {
		t.Errorf("second rescue at the same second = %q, %v; want a new name", again, err)
	}

	t.Setenv("TMPDIR", blocked)
	_, s := openTestSession(t)
	breakFolder(t, s.Path)
	o := s.SaveFinal(Outcome{})
	if o.RescuePath != "" || o.RescueErr == nil || len(o.Unsaved) == 0 {
		t.Fatalf("Outcome = %+v, want no rescue copy and the content to print", o)
	}
	if _, err := assessment.Decode("printed", o.Unsaved); err != nil {
		t.Errorf("printed content is not an answers file: %v", err)
	}
	if msg := o.Saved(); strings.Contains(msg, "are saved") || !strings.Contains(msg, "follows") {
		t.Errorf("message %q", msg)
	}
}

// Resuming a read-only answers file is refused before the first question,
// saying why; the file is not changed.
func TestResumeRefusesReadOnly(t *testing.T) {
	cfg, s := openTestSession(t)
	s.Close()
	before, _ := os.ReadFile(s.Path)
	if err := os.Chmod(s.Path, 0o444); err != nil {
		t.Fatal(err)
	}
	a, err := assessment.LoadFile(s.Path)
	if err != nil {
		t.Fatal(err)
	}
	_, _, err = cfg.Resume(s.Rubric, s.Path, a)
	if err == nil || !strings.Contains(err.Error(), "read-only") {
		t.Fatalf("Resume of a 0444 file = %v, want it refused as read-only", err)
	}
	after, _ := os.ReadFile(s.Path)
	if string(after) != string(before) {
		t.Error("the read-only file was changed")
	}
	if _, err := os.Stat(LockPath(s.Path)); err == nil {
		t.Error("a refused resume left its lock file")
	}
}

// Resuming in a folder that cannot take a copy of the file (here: the
// folder swapped for a file under the open answers) is refused up front.
func TestCheckWritable(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.answers.yaml")
	if err := os.WriteFile(path, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := checkWritable(path, 100); err != nil {
		t.Fatalf("checkWritable of a writable file = %v", err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("checkWritable left %d entries, want the file alone", len(entries))
	}
	if err := checkWritable(filepath.Join(dir, "missing.answers.yaml"), 1); err == nil {
		t.Error("checkWritable of a missing file succeeded")
	}
}
