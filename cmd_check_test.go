package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// fixtureRun writes one of the history fixture's runs (q1 high risk on
// every sign, q2 high on four, q3 low but medium on sign 4) to path, as
// project name with id, updated on day; edit changes the text further.
func fixtureRun(t testing.TB, path, quarter, name, id, day string, edit ...string) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("reports", "testdata", "history", "2026-"+quarter+".answers.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(data), "\n")
	for i, l := range lines {
		switch {
		case strings.HasPrefix(l, "project: "):
			lines[i] = "project: " + name
		case strings.HasPrefix(l, "project_id: "):
			lines[i] = "project_id: " + id
		case strings.HasPrefix(l, "started: "):
			lines[i] = "started: " + day + "T09:00:00Z"
		case strings.HasPrefix(l, "updated: "):
			lines[i] = "updated: " + day + "T09:30:00Z"
		}
	}
	text := strings.Join(lines, "\n")
	for i := 0; i+1 < len(edit); i += 2 {
		if !strings.Contains(text, edit[i]) {
			t.Fatalf("fixture %s has no %q", quarter, edit[i])
		}
		text = strings.Replace(text, edit[i], edit[i+1], 1)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// inDir runs the test from dir: check reads .vitals.yaml from the
// repository the working folder is in.
func inDir(t *testing.T, dir string) {
	t.Helper()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chdir(wd) })
}

func writeFile(t testing.TB, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestCheckExitCodes runs check on one project and each policy outcome.
func TestCheckExitCodes(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "assessments")
	fixtureRun(t, filepath.Join(a, "2026-04-10-acme.answers.yaml"), "q2", "Acme CRM", "acme-crm", "2026-04-10")
	fixtureRun(t, filepath.Join(a, "2026-07-15-acme.answers.yaml"), "q3", "Acme CRM", "acme-crm", "2026-07-15")
	os.Mkdir(filepath.Join(dir, ".git"), 0o755) // the repository root, for .vitals.yaml
	inDir(t, dir)
	for _, tc := range []struct {
		name   string
		policy string
		args   []string
		code   int
		want   []string
	}{
		{"passes with a warning", "", []string{"--now", "2026-08-01"}, 0,
			[]string{"1 project passed (1 with warnings)", "warn risk: Sign 4: the plan ends at go-live — medium risk; the policy warns at medium"}},
		{"stale", "", []string{"--now", "2026-12-01"}, 3,
			[]string{"FAIL  Acme CRM", "fail stale: assessed 2026-07-15, 139 days ago: older than the 105 days the policy allows"}},
		{"due soon", "", []string{"--now", "2026-10-20"}, 0, []string{"warn due: assessed 2026-07-15, 97 days ago: due again within 8 days"}},
		{"--max-age", "", []string{"--now", "2026-08-01", "--max-age", "10"}, 3, []string{"older than the 10 days"}},
		{"--fail-on medium", "", []string{"--now", "2026-08-01", "--fail-on", "medium"}, 1,
			[]string{"fail risk: Sign 4: the plan ends at go-live — medium risk; the policy fails at medium"}},
		{"a sign's level", "signs:\n  critical-path:\n    fail_on: medium\n", []string{"--now", "2026-08-01"}, 1, []string{"the policy fails at medium"}},
		{"a sign turned off", "signs:\n  critical-path: {warn_on: none}\n", []string{"--now", "2026-08-01"}, 0, []string{"1 project passed\n"}},
		{"breached and stale", "fail_on: medium\n", []string{"--now", "2026-12-01"}, 1, []string{"fail stale", "fail risk"}},
		{"--warn-only", "fail_on: medium\n", []string{"--now", "2026-12-01", "--warn-only"}, 0, []string{"1 of 1 project would fail (--warn-only)", "fail  Acme CRM"}},
		{"bad policy", "max_age_days: ninety\nfail_on: hihg\n", nil, 2,
			[]string{".vitals.yaml:1:15: max_age_days must be a whole number", `.vitals.yaml:2:10: fail_on must be low, medium, high, unknown or none, got "hihg"`, `did you mean "high"?`}},
		{"unknown sign", "signs:\n  adoption: {fail_on: high}\n", nil, 2, []string{`.vitals.yaml:2:3: unknown sign "adoption"`}},
		{"bad flag", "", []string{"--fail-on", "severe"}, 2, []string{"--fail-on: a risk level must be"}},
		{"--max-age 0", "", []string{"--max-age", "0"}, 2, []string{"--max-age must be 1 day or more, not 0"}},
		{"--fail-on empty", "", []string{"--fail-on="}, 2, []string{"--fail-on: a risk level must be"}},
		{"the override is said", "", []string{"--now", "2026-08-01", "--max-age", "30", "--fail-on", "none"}, 0, []string{"the default policy with --max-age 30 and --fail-on none: stale after 30 days, fails at no level"}},
		{"an answers file as --summary", "", []string{"--summary", "assessments/2026-07-15-acme.answers.yaml"}, 2, []string{"is an answers or policy file"}},
		{"no files", "", []string{"nowhere"}, 2, []string{"nowhere: no such file or directory"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			os.Remove(filepath.Join(dir, ".vitals.yaml"))
			if tc.policy != "" {
				writeFile(t, filepath.Join(dir, ".vitals.yaml"), tc.policy)
			}
			stdout, stderr, code := runCLI(t, "", append([]string{"check"}, tc.args...)...)
			if code != tc.code {
				t.Errorf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tc.code, stdout, stderr)
			}
			for _, w := range tc.want {
				if !strings.Contains(stdout+stderr, w) {
					t.Errorf("output lacks %q\nstdout:\n%s\nstderr:\n%s", w, stdout, stderr)
				}
			}
		})
	}
}

// TestCheckFindsEveryProject: dated files linked by project id, a
// workshop's files as one run, a run never finished, an empty folder.
func TestCheckFindsEveryProject(t *testing.T) {
	dir := t.TempDir()
	fixtureRun(t, filepath.Join(dir, "a", "2026-04-10-acme.answers.yaml"), "q2", "Acme CRM", "acme-crm", "2026-04-10")
	fixtureRun(t, filepath.Join(dir, "a", "2026-07-15-acme-renamed.answers.yaml"), "q3", "ACME customer platform", "acme-crm", "2026-07-15")
	for i, who := range []string{"Ann", "Bob", "Cy"} {
		fixtureRun(t, filepath.Join(dir, "w", who+".answers.yaml"), []string{"q1", "q3", "q3"}[i], "Globex ERP", "globex-erp", "2026-07-0"+string(rune('1'+i)),
			"respondent:\n", "respondent:\n  name: "+who+"\n#", "complete: true", "complete: true\nworkshop:\n  mode: named")
	}
	fixtureRun(t, filepath.Join(dir, "u", "initech.answers.yaml"), "q3", "Initech", "initech", "2026-07-20", "complete: true", "complete: false")
	stdout, stderr, code := runCLI(t, "", "check", "--now", "2026-08-01", "--policy", "/dev/null", filepath.Join(dir, "a"), filepath.Join(dir, "w"), filepath.Join(dir, "u"))
	if code != 1 {
		t.Errorf("exit %d, want 1 (Initech has no finished run)\n%s%s", code, stdout, stderr)
	}
	for _, w := range []string{
		"1 of 3 projects failed",
		"FAIL  Initech (not finished",
		"fail incomplete: no assessment was finished; one is under way in " + filepath.Join(dir, "u", "initech.answers.yaml"),
		"ACME customer platform (overall low",
		"Globex ERP (overall",
		filepath.Join(dir, "w") + string(os.PathSeparator),
	} {
		if !strings.Contains(stdout, w) {
			t.Errorf("output lacks %q\n%s", w, stdout)
		}
	}
	if strings.Contains(stdout, "warn regression") {
		t.Errorf("Acme got better; no regression:\n%s", stdout)
	}
}

// TestCheckRegressionThroughGit: one answers file committed each quarter;
// the third quarter is worse than the second, which check finds in git,
// also after the file was renamed; a shallow clone says history is cut.
func TestCheckRegressionThroughGit(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	repo := t.TempDir()
	git := func(dir string, args ...string) {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-C", dir, "-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"}, args...)...)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	git(repo, "init", "-q")
	writeFile(t, filepath.Join(repo, ".vitals.yaml"), "regression: fail\nfail_on: none\nwarn_on: none\nrequire_complete: false\n")
	file := filepath.Join(repo, "assessments", "acme.answers.yaml")
	for _, q := range []struct{ quarter, day string }{{"q1", "2026-01-15"}, {"q3", "2026-04-15"}} {
		fixtureRun(t, file, q.quarter, "Acme CRM", "acme-crm", q.day)
		git(repo, "add", "-A")
		git(repo, "commit", "-q", "-m", q.day)
	}
	git(repo, "mv", "assessments/acme.answers.yaml", "assessments/acme-crm.answers.yaml")
	fixtureRun(t, filepath.Join(repo, "assessments", "acme-crm.answers.yaml"), "q1", "Acme CRM", "acme-crm", "2026-07-15")
	git(repo, "add", "-A")
	git(repo, "commit", "-q", "-m", "q3")

	inDir(t, repo)
	stdout, stderr, code := runCLI(t, "", "check", "--now", "2026-08-01")
	if code != 1 {
		t.Errorf("exit %d, want 1\n%s%s", code, stdout, stderr)
	}
	if !strings.Contains(stdout, "fail regression: Sign 1: the business case assumes everyone will use the system is worse than in the previous run (2026-04-15): low → high") {
		t.Errorf("no regression found through git:\n%s", stdout)
	}

	shallow := filepath.Join(t.TempDir(), "shallow")
	git(repo, "clone", "-q", "--depth", "1", "file://"+repo, shallow)
	inDir(t, shallow)
	stdout, stderr, code = runCLI(t, "", "check", "--now", "2026-08-01")
	if code != 0 || !strings.Contains(stdout, "warn history: history is cut: fetch with depth 0") {
		t.Errorf("shallow clone: exit %d\n%s%s", code, stdout, stderr)
	}
	// The report says so too, where "Since last time" would be.
	stdout, stderr, code = runCLI(t, "", "report", filepath.Join("assessments", "acme-crm.answers.yaml"))
	if code != 0 || !strings.Contains(stdout, "## Since last time") || !strings.Contains(stdout, "history is cut: fetch with depth 0") {
		t.Errorf("report in a shallow clone: exit %d\n%s%s", code, stdout, stderr)
	}
}

// TestCheckSummary appends markdown, as $GITHUB_STEP_SUMMARY wants, and
// --format md prints the same.
func TestCheckSummary(t *testing.T) {
	dir := t.TempDir()
	fixtureRun(t, filepath.Join(dir, "2026-07-15-acme.answers.yaml"), "q3", "Acme *CRM* <b>", "acme-crm", "2026-07-15")
	summary := filepath.Join(dir, "summary.md")
	writeFile(t, summary, "earlier step\n")
	stdout, stderr, code := runCLI(t, "", "check", dir, "--policy", "/dev/null", "--now", "2026-12-01", "--summary", summary, "--format", "md")
	if code != 3 {
		t.Fatalf("exit %d, want 3\n%s", code, stderr)
	}
	golden := filepath.Join(testdataDir(t), "check", "summary.md")
	if *updatePortfolio {
		writeFile(t, golden, stdout)
	}
	if want, err := os.ReadFile(golden); err != nil || stdout != string(want) {
		t.Errorf("the summary differs from %s (go test -run TestCheckSummary . -update-portfolio), %v:\n%s", golden, err, stdout)
	}
	data, err := os.ReadFile(summary)
	if err != nil {
		t.Fatal(err)
	}
	got := string(data)
	if !strings.HasPrefix(got, "earlier step\n# ❌ vitals check: 1 of 1 project failed\n") || !strings.HasSuffix(got, stdout) {
		t.Errorf("summary:\n%s\nstdout:\n%s", got, stdout)
	}
	for _, w := range []string{"| Project | Rubric | Overall | Assessed | Check |", `| Acme \*CRM\* &lt;b&gt; |`, "❌ fail: stale; warn: risk", "- ❌ **stale**: assessed 2026-07-15"} {
		if !strings.Contains(got, w) {
			t.Errorf("summary lacks %q:\n%s", w, got)
		}
	}
}
