package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

const roomFixtures = reportFixtures + "workshop/"

// TestWorkshopReportMatchesGolden: `vitals report DIR` prints the golden
// workshop report byte for byte, named and anonymous, in both formats.
func TestWorkshopReportMatchesGolden(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	for _, room := range []string{"crm5", "erp12"} {
		for _, mode := range []string{"named", "anonymous"} {
			for _, format := range []string{"md", "json"} {
				t.Run(room+"."+mode+"."+format, func(t *testing.T) {
					args := []string{"report", "--format", format, roomFixtures + room}
					if mode == "anonymous" {
						args = append(args, "--anonymous")
					}
					stdout, stderr, code := runCLI(t, "", args...)
					if code != 0 {
						t.Fatalf("exit %d, stderr:\n%s", code, stderr)
					}
					golden, err := os.ReadFile(roomFixtures + room + "." + mode + "." + format)
					if err != nil {
						t.Fatal(err)
					}
					if want := strings.ReplaceAll(string(golden), "v0.0.0-test", versionString()); stdout != want {
						t.Errorf("vitals report differs from the golden %s.%s.%s", room, mode, format)
					}
				})
			}
		}
	}
}

func TestWorkshopReportCommand(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	crm := roomFixtures + "crm5"
	p1, p2 := crm+"/p1.answers.yaml", crm+"/p2.answers.yaml"
	bad := write("bad.answers.yaml", "format: 1\nrubric: {id: five-warning-signs}\nanswers:\n  acc-owner: {value: boss}\n")
	other := write("other.answers.yaml", "format: 1\nrubric: {id: adoption-readiness}\nanswers: {}\n")
	empty := filepath.Join(dir, "empty")
	if err := os.Mkdir(empty, 0o755); err != nil {
		t.Fatal(err)
	}
	write("empty/notes.txt", "not answers")
	anon := write("room/a.answers.yaml", "format: 1\nrubric: {id: five-warning-signs}\nworkshop: {mode: anonymous}\nanswers:\n  acc-owner: {value: nobody}\n")
	write("room/b.answers.yaml", "format: 1\nrubric: {id: five-warning-signs}\nworkshop: {mode: anonymous}\nanswers:\n  acc-owner: {value: committee}\n")
	tracked := write("repo/room/a.answers.yaml", "format: 1\nrubric: {id: five-warning-signs}\nworkshop: {mode: anonymous}\nanswers:\n  acc-owner: {value: nobody}\n")
	if err := os.Mkdir(filepath.Join(dir, "repo", ".git"), 0o755); err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name           string
		args           []string
		code           int
		stdout, stderr string
		noStderr       string // must not be on stderr
	}{
		{name: "a folder", args: []string{"report", crm}, stdout: "# Adoption risk report: Northwind CRM roll-out (workshop)"},
		{name: "files and a folder", args: []string{"report", p1, crm}, stdout: "Respondents: 5, named", stderr: "is the same file as"},
		{name: "json", args: []string{"report", "--format", "json", p1, p2}, stdout: `"kind": "workshop"`},
		{name: "a bad file is left out", args: []string{"report", p1, p2, bad}, stdout: "Respondents: 2", stderr: bad + ":4:22: answer to \"acc-owner\": \"boss\" is not an option"},
		{name: "strict refuses it", args: []string{"report", "--strict", p1, p2, bad}, code: 2, stderr: bad + ":4:22:"},
		{name: "a missing file is left out", args: []string{"report", p1, p2, "nope.answers.yaml"}, stdout: "Respondents: 2", stderr: "warning: left out: read answers nope.answers.yaml"},
		{name: "other rubrics", args: []string{"report", p1, other}, code: 2, stderr: "different rubrics: adoption-readiness (" + other + "); five-warning-signs (" + p1 + ")"},
		{name: "a folder without answers", args: []string{"report", empty}, code: 2, stderr: "holds no answers files"},
		{name: "stdin is for one file", args: []string{"report", p1, "-"}, code: 2, stderr: "standard input) is for one answers file"},
		{name: "out is an answers file", args: []string{"report", p1, p2, "--out", p2, "--force"}, code: 2, stderr: "is one of the answers files"},
		{name: "min-group hides smaller groups", args: []string{"report", "--anonymous", "--min-group", "6", crm}, stdout: "fewer than 6, so the answers are not shown"},
		{name: "min-group must be positive", args: []string{"report", "--min-group", "0", p1, p2}, code: 2, stderr: "--min-group must be 1 or more"},
		{name: "fail-on", args: []string{"report", "--fail-on", "high", roomFixtures + "erp12"}, code: 1, stdout: "(workshop)", stderr: "risk at or above --fail-on high: overall high"},
		{name: "anonymous files outside git", args: []string{"report", filepath.Dir(anon)}, stdout: "Respondents: 2, anonymous", noStderr: "git work tree"},
		{name: "anonymous files in git", args: []string{"report", filepath.Dir(tracked)}, stdout: "anonymous", stderr: "warning: the answers files of this anonymous workshop are in a git work tree (" + filepath.Join(dir, "repo") + ")"},
		{name: "help explains workshops", args: []string{"report", "--help"}, stdout: "--allow-changed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdout, stderr, code := runCLI(t, "", tt.args...)
			if got, want := code, tt.code; got != want {
				t.Errorf("exit code = %d, want %d\nstderr: %s", got, want, stderr)
			}
			if !strings.Contains(stdout, tt.stdout) {
				t.Errorf("stdout does not contain %q:\n%.300s", tt.stdout, stdout)
			}
			if !strings.Contains(stderr, tt.stderr) {
				t.Errorf("stderr does not contain %q:\n%s", tt.stderr, stderr)
			}
			if tt.noStderr != "" && strings.Contains(stderr, tt.noStderr) {
				t.Errorf("stderr contains %q:\n%s", tt.noStderr, stderr)
			}
			if tt.code == 2 && stdout != "" {
				t.Errorf("a failed report printed to stdout:\n%.200s", stdout)
			}
		})
	}
}

// TestWorkshopJSONDecodes: the workshop JSON is one object with the
// documented top-level keys, in order.
func TestWorkshopJSONDecodes(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	stdout, stderr, code := runCLI(t, "", "report", "--format", "json", "--anonymous", roomFixtures+"erp12")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var doc map[string]json.RawMessage
	if err := json.Unmarshal([]byte(stdout), &doc); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"schema_version", "kind", "mode", "min_group", "respondents", "summary", "room", "sections", "questions", "roles", "role_gaps", "actions", "business_case", "break_even_by_respondent"} {
		if _, ok := doc[k]; !ok {
			t.Errorf("no key %q", k)
		}
	}
	if got := string(doc["kind"]); got != `"workshop"` {
		t.Errorf("kind = %s", got)
	}
	if got := string(doc["mode"]); got != `"anonymous"` {
		t.Errorf("mode = %s", got)
	}
}

// TestWorkshopSeparateTerminals runs the README's workshop with separate
// terminals: three participants answer in plain mode, each into their own
// file in one folder, and `vitals report DIR` merges them.
func TestWorkshopSeparateTerminals(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	t.Setenv("XDG_STATE_HOME", t.TempDir())
	dir := t.TempDir()
	for i, who := range [][2]string{{"Ann", "sponsor"}, {"Bob", "user"}, {"Cy", "user"}} {
		// Name and role, then "don't know" and an empty note for every
		// question.
		input := who[0] + "\n" + who[1] + "\n" + strings.Repeat("d\n\n", 45)
		seat := filepath.Join(dir, "seat-"+strconv.Itoa(i+1))
		_, stderr, code := runCLI(t, input, "assess", "--accessible", "--rubric", "five-warning-signs", "--project", "Contoso ERP",
			"--answers", seat+".answers.yaml", "--out", seat+".md")
		if code != 0 {
			t.Fatalf("participant %d: exit %d\n%s", i+1, code, stderr)
		}
	}
	stdout, stderr, code := runCLI(t, "", "report", dir)
	if code != 0 {
		t.Fatalf("report: exit %d\n%s", code, stderr)
	}
	for _, want := range []string{"# Adoption risk report: Contoso ERP (workshop)", "Respondents: 3, named: Ann (sponsor); Bob (user); Cy (user)", "## Where the room disagrees", `"don't know" was answered`} {
		if !strings.Contains(stdout, want) {
			t.Errorf("the merged report has no %q", want)
		}
	}
	stdout, _, code = runCLI(t, "", "report", "--anonymous", dir)
	if code != 0 || strings.Contains(stdout, "Ann") || strings.Contains(stdout, "Bob") || !strings.Contains(stdout, "Respondents: 3, anonymous") {
		t.Errorf("anonymous report (exit %d) names someone or says nothing of the room", code)
	}
}
