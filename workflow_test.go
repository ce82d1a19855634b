package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v4"
)

// workflowFile is the GitHub Actions workflow the README gives teams to
// copy.
const workflowFile = "docs/ci/vitals.yml"

type workflow struct {
	Jobs map[string]struct {
		Steps []struct {
			Name string `yaml:"name"`
			Uses string `yaml:"uses"`
			Run  string `yaml:"run"`
			If   string `yaml:"if"`
		} `yaml:"steps"`
	} `yaml:"jobs"`
}

// TestWorkflowSteps runs the run: steps of the README's workflow, as
// GitHub Actions would, in a repository made for the test: a fresh
// assessment passes, the same one stale fails the check step with exit 3,
// and both write the step summary. The uses: steps (checkout, setup-go)
// and "Install vitals" (go install from the network) are what the runner
// does before; the vitals just built is on PATH instead.
func TestWorkflowSteps(t *testing.T) {
	if testing.Short() {
		t.Skip("builds vitals and runs bash")
	}
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("no bash")
	}
	data, err := os.ReadFile(workflowFile)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(readREADME(t).text, "```yaml\n"+string(data)+"```") {
		t.Errorf("the README's workflow is not %s as it is", workflowFile)
	}
	var wf workflow
	if err := yaml.Unmarshal(data, &wf); err != nil {
		t.Fatalf("%s: %v", workflowFile, err)
	}
	job, ok := wf.Jobs["check"]
	if !ok || len(job.Steps) < 3 {
		t.Fatalf("%s has no check job with its steps: %+v", workflowFile, wf)
	}
	bin := buildVitals(t)

	for _, tc := range []struct {
		name string
		day  string
		code int // the check step's exit status
		want string
	}{
		{"fresh", time.Now().UTC().AddDate(0, 0, -10).Format("2006-01-02"), 0, "vitals check: 1 project passed"},
		{"stale", time.Now().UTC().AddDate(0, -6, 0).Format("2006-01-02"), 3, "❌ vitals check: 1 of 1 project failed"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			repo := t.TempDir()
			fixtureRun(t, filepath.Join(repo, "assessments", tc.day+"-acme-crm-five-warning-signs.answers.yaml"), "q3", "Acme CRM", "acme-crm", tc.day)
			summary := filepath.Join(t.TempDir(), "step-summary.md")
			failed := false
			ran := 0
			for _, st := range job.Steps {
				if st.Run == "" || strings.Contains(st.Run, "go install") {
					continue
				}
				if failed && st.If != "always()" {
					continue
				}
				cmd := exec.Command("bash", "-e", "-o", "pipefail", "-c", st.Run)
				cmd.Dir = repo
				cmd.Env = append(os.Environ(), "PATH="+filepath.Dir(bin)+string(os.PathListSeparator)+os.Getenv("PATH"), "GITHUB_STEP_SUMMARY="+summary, "GITHUB_ACTIONS=true")
				out, err := cmd.CombinedOutput()
				code := 0
				if ee, ok := err.(*exec.ExitError); ok {
					code = ee.ExitCode()
				} else if err != nil {
					t.Fatalf("step %q: %v", st.Name, err)
				}
				ran++
				if strings.Contains(st.Run, "vitals check") {
					if code != tc.code {
						t.Errorf("step %q: exit %d, want %d\n%s", st.Name, code, tc.code, out)
					}
				} else if code != 0 {
					t.Errorf("step %q: exit %d\n%s", st.Name, code, out)
				}
				failed = failed || code != 0
			}
			if ran < 1 {
				t.Fatalf("ran %d steps", ran)
			}
			got, err := os.ReadFile(summary)
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range []string{tc.want, "| Acme CRM | `five-warning-signs` |"} {
				if !strings.Contains(string(got), w) {
					t.Errorf("the step summary lacks %q:\n%s", w, got)
				}
			}
		})
	}
}
