package main

import (
	"encoding/csv"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

var updatePortfolio = flag.Bool("update-portfolio", false, "rewrite the portfolio goldens in testdata/portfolio")

// portfolioFixture lays out four teams' folders: Acme with three dated
// runs getting better, Globex worse than last time, a stale Initech, a
// workshop of three at Umbrella whose room split, Hooli never finished;
// and a projects file that also expects Stark, never assessed.
func portfolioFixture(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	fixtureRun(t, filepath.Join(dir, "acme", "assessments", "2026-01-15-acme.answers.yaml"), "q1", "Acme CRM", "acme-crm", "2026-01-15")
	fixtureRun(t, filepath.Join(dir, "acme", "assessments", "2026-04-15-acme.answers.yaml"), "q2", "Acme CRM", "acme-crm", "2026-04-15")
	fixtureRun(t, filepath.Join(dir, "acme", "assessments", "2026-07-15-acme.answers.yaml"), "q3", "Acme CRM", "acme-crm", "2026-07-15")
	fixtureRun(t, filepath.Join(dir, "globex", "assessments", "2026-05-01-globex.answers.yaml"), "q3", "Globex ERP", "globex-erp", "2026-05-01")
	fixtureRun(t, filepath.Join(dir, "globex", "assessments", "2026-08-01-globex.answers.yaml"), "q1", "Globex ERP", "globex-erp", "2026-08-01")
	fixtureRun(t, filepath.Join(dir, "initech", "assessments", "2026-02-01-initech.answers.yaml"), "q3", "=Initech, \"Ltd\"", "initech", "2026-02-01")
	for i, who := range []string{"Ann", "Bob", "Cy", "Dee"} {
		fixtureRun(t, filepath.Join(dir, "umbrella", "workshop", strings.ToLower(who)+".answers.yaml"), []string{"q1", "q1", "q3", "q3"}[i], "Umbrella Cloud", "umbrella-cloud", "2026-09-0"+string(rune('1'+i)),
			"respondent:\n", "respondent:\n  name: "+who+"\n#", "complete: true", "complete: true\nworkshop:\n  mode: named")
	}
	fixtureRun(t, filepath.Join(dir, "hooli", "2026-09-10-hooli.answers.yaml"), "q3", "Hooli Chat", "hooli-chat", "2026-09-10", "complete: true", "complete: false")
	writeFile(t, filepath.Join(dir, "projects.yaml"), "projects:\n  - Acme CRM\n  - {id: globex-erp, name: Globex ERP}\n  - Stark Portal\n")
	return dir
}

func TestPortfolioGoldens(t *testing.T) {
	dir := portfolioFixture(t)
	inDir(t, dir)
	for _, format := range []string{"md", "json", "csv"} {
		t.Run(format, func(t *testing.T) {
			_, stderr, code := runCLI(t, "", "portfolio", "acme", "globex", "initech", "umbrella", "hooli",
				"--projects", "projects.yaml", "--format", format, "--now", "2026-10-01", "--policy", "projects-policy-none.yaml")
			if code != 2 || !strings.Contains(stderr, "projects-policy-none.yaml: no such file") {
				t.Errorf("a missing --policy file: exit %d, %s", code, stderr)
			}
			stdout, stderr, code := runCLI(t, "", "portfolio", "acme", "globex", "initech", "umbrella", "hooli",
				"--projects", "projects.yaml", "--format", format, "--now", "2026-10-01")
			if code != 0 || stderr != "" {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			golden := filepath.Join(testdataDir(t), "portfolio", "portfolio."+format)
			if *updatePortfolio {
				if err := os.WriteFile(golden, []byte(stdout), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if stdout != string(want) {
				t.Errorf("portfolio.%s differs from the golden (go test -run TestPortfolioGoldens . -update-portfolio):\n%s", format, stdout)
			}
			switch format {
			case "json":
				var v struct {
					Projects []struct {
						ProjectID, Status, Trend string
						Stale                    bool
					} `json:"projects"`
				}
				if err := json.Unmarshal([]byte(stdout), &v); err != nil {
					t.Fatal(err)
				}
				if len(v.Projects) != 6 {
					t.Errorf("%d projects, want 6", len(v.Projects))
				}
			case "csv":
				rows, err := csv.NewReader(strings.NewReader(stdout)).ReadAll()
				if err != nil {
					t.Fatal(err)
				}
				if len(rows) != 7 || len(rows[0]) != 14+2*5 {
					t.Errorf("%d rows of %d columns", len(rows), len(rows[0]))
				}
			}
		})
	}
}

// testdataDir is the package's testdata folder, from wherever the test
// runs.
func testdataDir(t *testing.T) string {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "testdata")
}

func TestPortfolioOrderAndMarks(t *testing.T) {
	dir := portfolioFixture(t)
	inDir(t, dir)
	stdout, stderr, code := runCLI(t, "", "portfolio", ".", "--projects", "projects.yaml", "--now", "2026-10-01")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	order := []string{"| Globex ERP |", "| Umbrella Cloud |", "| =Initech, \"Ltd\" |", "| Acme CRM |", "Hooli Chat: started, never finished", "Stark Portal: no assessment found"}
	last := -1
	for _, o := range order {
		i := strings.Index(stdout, o)
		if i < 0 || i < last {
			t.Errorf("%q missing or out of order:\n%s", o, stdout)
		}
		last = i
	}
	for _, w := range []string{"↓ worse", "↑ better", "⏰ 2026-02-01 (242 days ago) **stale**", "4 ⚡ 19 questions split", "## Systemic risks"} {
		if !strings.Contains(stdout, w) {
			t.Errorf("portfolio lacks %q:\n%s", w, stdout)
		}
	}
}

func TestPortfolioErrors(t *testing.T) {
	dir := portfolioFixture(t)
	inDir(t, dir)
	writeFile(t, "bad-projects.yaml", "projects:\n  - {id: acme, nmae: Acme}\n  - Acme CRM\n  - acme-crm\n")
	writeFile(t, filepath.Join("acme", "assessments", "2026-08-01-broken.answers.yaml"), "format: 1\nrubric: {id: five-warning-signs}\nanswers: [\n")
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"portfolio"}, 2, "name the folders to look in"},
		{[]string{"portfolio", ".", "--format", "xlsx"}, 2, "--format must be md, json or csv"},
		{[]string{"portfolio", ".", "--projects", "bad-projects.yaml"}, 2, `bad-projects.yaml:2:16: unknown key "nmae" in project (did you mean "name"?)`},
		{[]string{"portfolio", ".", "--projects", "bad-projects.yaml"}, 2, `bad-projects.yaml:4:5: project "acme-crm" is listed twice`},
		{[]string{"portfolio", "acme"}, 0, "acme/assessments/2026-08-01-broken.answers.yaml:4:1:"},
		{[]string{"portfolio", "acme/assessments/2026-08-01-broken.answers.yaml"}, 2, "no answers file under acme/assessments/2026-08-01-broken.answers.yaml could be read"},
		{[]string{"portfolio", ".", "--max-age", "0"}, 2, "--max-age must be 1 day or more, not 0"},
		{[]string{"portfolio", "empty"}, 2, "empty: no such file or directory"},
		{[]string{"portfolio", ".", "--out", "projects.yaml"}, 2, "projects.yaml exists; add --force to replace it"},
	} {
		_, stderr, code := runCLI(t, "", tc.args...)
		if code != tc.code || !strings.Contains(stderr, tc.want) {
			t.Errorf("%v: exit %d, stderr:\n%s\nwant exit %d and %q", tc.args, code, stderr, tc.code, tc.want)
		}
	}
}

// TestPortfolioSameNameAndLeftOut: two projects of one name are told
// apart by id; a file that cannot be read is said in the portfolio, not
// only on standard error.
func TestPortfolioSameNameAndLeftOut(t *testing.T) {
	dir := t.TempDir()
	fixtureRun(t, filepath.Join(dir, "emea", "a.answers.yaml"), "q3", "CRM", "crm-emea", "2026-07-15")
	fixtureRun(t, filepath.Join(dir, "apac", "a.answers.yaml"), "q1", "CRM", "crm-apac", "2026-07-15")
	writeFile(t, filepath.Join(dir, "apac", "b.answers.yaml"), "format: 1\nrubric: [\n")
	stdout, stderr, code := runCLI(t, "", "portfolio", dir, "--now", "2026-08-01")
	if code != 0 || !strings.Contains(stderr, "warning: 1 file left out") {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, w := range []string{"| CRM (crm-apac) | 🔴 high |", "| CRM (crm-emea) | 🟢 low |", "🔴 CRM (crm-apac)", "## Files left out", "b.answers.yaml:3:1: YAML syntax error"} {
		if !strings.Contains(stdout, w) {
			t.Errorf("portfolio lacks %q:\n%s", w, stdout)
		}
	}
	stdout, _, _ = runCLI(t, "", "portfolio", dir, "--now", "2026-08-01", "--format", "json")
	if !strings.Contains(stdout, `"high": [`+"\n        \"crm-apac\"") || !strings.Contains(stdout, `"left_out": [`) {
		t.Errorf("JSON names projects by id in the systemic risks, and lists the files left out:\n%s", stdout)
	}
}
