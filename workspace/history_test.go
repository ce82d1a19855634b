package workspace

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/vitals-dev/vitals/assessment"
)

// quarter writes an answers file of project "Acme CRM" updated on day.
func quarter(t *testing.T, path, name, id, day string) {
	t.Helper()
	idLine := ""
	if id != "" {
		idLine = "project_id: " + id + "\n"
	}
	data := "format: 1\nrubric:\n  id: five-warning-signs\nproject: " + name + "\n" + idLine +
		"respondent:\n  name: Ann\n  role: lead\nstarted: " + day + "T09:00:00Z\nupdated: " + day + "T10:00:00Z\ncomplete: true\nanswers: {}\n"
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func runGitT(t *testing.T, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-C", dir, "-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"}, args...)...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
}

func header(t *testing.T, path string) assessment.Header {
	t.Helper()
	h, err := ReadHeader(path)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func dates(h History) string {
	var d []string
	for _, r := range h.Runs {
		d = append(d, r.Header.Updated.Format("2006-01-02"))
	}
	return strings.Join(d, " ")
}

// TestEarlierDatedFiles links dated files by project id, whatever the name.
func TestEarlierDatedFiles(t *testing.T) {
	dir := t.TempDir()
	quarter(t, filepath.Join(dir, "2026-01-10-acme-crm-five-warning-signs.answers.yaml"), "Acme CRM", "", "2026-01-10")
	quarter(t, filepath.Join(dir, "2026-04-10-acme-five-warning-signs.answers.yaml"), "ACME (CRM)", "acme-crm", "2026-04-10")
	quarter(t, filepath.Join(dir, "2026-04-11-other-five-warning-signs.answers.yaml"), "Other", "", "2026-04-11")
	cur := filepath.Join(dir, "2026-07-10-acme-five-warning-signs.answers.yaml")
	quarter(t, cur, "Acme", "acme-crm", "2026-07-10")
	h := Earlier(context.Background(), cur, header(t, cur))
	if got, want := dates(h), "2026-01-10 2026-04-10"; got != want {
		t.Errorf("earlier runs %q, want %q", got, want)
	}
}

// TestEarlierGit finds the versions of one answers file overwritten each
// quarter, also after a rename, and says when a shallow clone cuts them.
func TestEarlierGit(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	repo := t.TempDir()
	runGitT(t, repo, "init", "-q")
	dir := filepath.Join(repo, "assessments")
	os.Mkdir(dir, 0o755)
	old := filepath.Join(dir, "acme.answers.yaml")
	for _, day := range []string{"2026-01-10", "2026-04-10"} {
		quarter(t, old, "Acme CRM", "acme-crm", day)
		runGitT(t, repo, "add", "-A")
		runGitT(t, repo, "commit", "-q", "-m", day)
	}
	cur := filepath.Join(dir, "acme-crm.answers.yaml")
	runGitT(t, repo, "mv", "assessments/acme.answers.yaml", "assessments/acme-crm.answers.yaml")
	quarter(t, cur, "Acme CRM", "acme-crm", "2026-07-10")
	runGitT(t, repo, "add", "-A")
	runGitT(t, repo, "commit", "-q", "-m", "q3")
	h := Earlier(context.Background(), cur, header(t, cur))
	if got, want := dates(h), "2026-01-10 2026-04-10"; got != want {
		t.Errorf("earlier runs through git %q, want %q", got, want)
	}
	if h.Note != "" {
		t.Errorf("a full clone says %q", h.Note)
	}

	shallow := filepath.Join(t.TempDir(), "shallow")
	runGitT(t, repo, "clone", "-q", "--depth", "1", "file://"+repo, shallow)
	sc := filepath.Join(shallow, "assessments", "acme-crm.answers.yaml")
	h = Earlier(context.Background(), sc, header(t, sc))
	if h.Note != ShallowNote || len(h.Runs) != 0 {
		t.Errorf("shallow clone: runs %q, note %q", dates(h), h.Note)
	}
}

// TestEarlierNoGit reads only the folder when git cannot run.
func TestEarlierNoGit(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	dir := t.TempDir()
	cur := filepath.Join(dir, "a.answers.yaml")
	quarter(t, cur, "Acme CRM", "", "2026-07-10")
	start := time.Now()
	h := Earlier(context.Background(), cur, header(t, cur))
	if len(h.Runs) != 0 || h.Note != "" || time.Since(start) > gitTimeout {
		t.Errorf("without git: %+v", h)
	}
}
