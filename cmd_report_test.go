package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const reportFixtures = "reports/testdata/"

// TestReportMatchesGolden runs `vitals report` on every fixture and checks
// that it prints the golden report byte for byte, apart from the version in
// the footer: the command adds nothing to and loses nothing from Render.
func TestReportMatchesGolden(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	files, _ := filepath.Glob(reportFixtures + "*.yaml")
	if len(files) == 0 {
		t.Fatal("no reportFixtures")
	}
	for _, path := range files {
		name := strings.TrimSuffix(path, ".yaml")
		for _, format := range []string{"md", "json"} {
			t.Run(filepath.Base(name)+"."+format, func(t *testing.T) {
				args := []string{"report", "--format", format, path}
				// Fixtures of user rubrics have their rubric beside them.
				if user := reportFixtures + "rubrics/" + filepath.Base(name) + ".yaml"; fileExists(user) {
					args = append(args, "--rubric", user)
				}
				stdout, stderr, code := runCLI(t, "", args...)
				if code != 0 || stderr != "" {
					t.Fatalf("exit %d, stderr:\n%s", code, stderr)
				}
				golden, err := os.ReadFile(name + "." + format)
				if err != nil {
					t.Fatal(err)
				}
				want := strings.ReplaceAll(string(golden), "v0.0.0-test", versionString())
				if stdout != want {
					t.Errorf("vitals report differs from %s.%s", name, format)
				}
			})
		}
	}
}

func TestReportCommand(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	healthy := reportFixtures + "fws-healthy.yaml"
	hostile := reportFixtures + "fws-hostile.yaml"
	modern, modernRubric := reportFixtures+"app-modernisation.yaml", reportFixtures+"rubrics/app-modernisation.yaml"
	controlChar := write("control.yaml", "format: 1\nrubric: {id: five-warning-signs}\nproject: \"x \\e[31m red\"\nanswers: {}\n")
	badValues := write("bad-values.yaml", "format: 1\nrubric: {id: five-warning-signs}\nanswers:\n  acc-owner: {value: boss}\n  nope: {value: 1}\n")
	changed := write("changed.yaml", "format: 1\nrubric: {id: five-warning-signs, version: 0.9.0, hash: \"sha256:00\"}\nanswers:\n  acc-owner: {value: boss}\n  acc-authority: {value: \"yes\"}\n")
	unknownRubric := write("unknown-rubric.yaml", "format: 1\nrubric: {id: five-warning-sign}\nanswers: {}\n")
	pathRubric := write("path-rubric.yaml", "format: 1\nrubric: {id: ../../etc/passwd}\nanswers: {}\n")
	fileRubric := write("file-rubric.yaml", "format: 1\nrubric: {id: "+filepath.Base(healthy)+"}\nanswers: {}\n")
	healthyYAML, _ := os.ReadFile(healthy)

	tests := []struct {
		name   string
		args   []string
		stdin  string
		code   int
		stdout string // substring expected on stdout
		stderr string // substring expected on stderr
	}{
		{name: "markdown", args: []string{"report", healthy}, stdout: "# Adoption risk report: Northwind CRM roll-out"},
		{name: "flags after the file", args: []string{"report", healthy, "--format", "json"}, stdout: `"schema_version": 2`},
		{name: "flags before the file", args: []string{"report", "--format=json", healthy}, stdout: `"schema_version": 2`},
		{name: "stdin", args: []string{"report", "-"}, stdin: string(healthyYAML), stdout: "Northwind CRM roll-out"},
		{name: "out dash is stdout", args: []string{"report", "--out", "-", healthy}, stdout: "# Adoption risk report"},
		{name: "help", args: []string{"report", "--help"}, stdout: "-fail-on LEVEL"},
		{name: "help names exit codes", args: []string{"help", "report"}, stdout: "at or above --fail-on"},
		{name: "fail-on high, low risk", args: []string{"report", "--fail-on", "high", healthy}, stdout: "# Adoption"},
		{name: "fail-on medium, a medium section", args: []string{"report", "--fail-on", "medium", healthy}, code: 1, stdout: "# Adoption", stderr: "section critical-path medium"},
		{name: "fail-on high, high risk", args: []string{"report", "--fail-on", "high", hostile}, code: 1, stdout: "# Adoption", stderr: "risk at or above --fail-on high: overall high"},
		{name: "fail-on bad level", args: []string{"report", "--fail-on", "low", healthy}, code: 2, stderr: "--fail-on must be medium, high or unknown"},
		// An unknown risk cannot be shown to be below the level: it fails
		// unless --allow-unknown; --fail-on unknown fails on it alone.
		{name: "fail-on high, unknown risk", args: []string{"report", "--fail-on", "high", modern, "--rubric", modernRubric}, code: 1, stdout: "# Modernisation readiness", stderr: "risk at or above --fail-on high: overall unknown, section code unknown"},
		{name: "fail-on high, unknown allowed", args: []string{"report", "--fail-on", "high", "--allow-unknown", modern, "--rubric", modernRubric}, stdout: "# Modernisation readiness"},
		{name: "fail-on medium, unknown allowed", args: []string{"report", "--fail-on", "medium", "--allow-unknown", modern, "--rubric", modernRubric}, stdout: "# Modernisation readiness"},
		{name: "fail-on unknown", args: []string{"report", "--fail-on", "unknown", modern, "--rubric", modernRubric}, code: 1, stderr: "overall unknown, section code unknown"},
		{name: "fail-on unknown, none", args: []string{"report", "--fail-on", "unknown", hostile}, stdout: "# Adoption"},
		{name: "allow-unknown alone", args: []string{"report", "--allow-unknown", healthy}, code: 2, stderr: "--allow-unknown goes with --fail-on medium or high"},
		{name: "bad format", args: []string{"report", "--format", "html", healthy}, code: 2, stderr: `unknown report format "html"`},
		{name: "no file", args: []string{"report"}, code: 2, stderr: "name the answers file"},
		{name: "two files are a workshop", args: []string{"report", healthy, hostile}, stdout: " (workshop)\n", stderr: "warning: the files name 2 different projects"},
		{name: "out is the answers file", args: []string{"report", healthy, "--out", "./" + healthy, "--force"}, code: 2, stderr: "is the answers file itself; the report would replace it"},
		{name: "missing file", args: []string{"report", "nope.yaml"}, code: 2, stderr: "read answers nope.yaml: no such file or directory"},
		{name: "control character", args: []string{"report", controlChar}, code: 2, stderr: controlChar + ":3:10: text contains the control character \\x1b"},
		{name: "bad values", args: []string{"report", badValues}, code: 2, stderr: badValues + ":4:22: answer to \"acc-owner\": \"boss\" is not an option"},
		{name: "bad values all listed", args: []string{"report", badValues}, code: 2, stderr: badValues + `:5:3: unknown question id "nope"`},
		{name: "changed rubric warns", args: []string{"report", changed}, stdout: "# Adoption", stderr: "warning: " + changed + ":1:1: rubric five-warning-signs changed"},
		{name: "unknown rubric", args: []string{"report", unknownRubric}, code: 2, stderr: `did you mean "five-warning-signs"?`},
		{name: "rubric id that is a path", args: []string{"report", pathRubric}, code: 2, stderr: "is not a valid rubric id"},
		{name: "rubric id that names a file", args: []string{"report", fileRubric}, code: 2, stderr: `no rubric "fws-healthy.yaml"`},
		{name: "user rubric by --rubric", args: []string{"report", reportFixtures + "hostile-rubric.yaml", "--rubric", reportFixtures + "rubrics/hostile-rubric.yaml"}, stdout: "`: Hostile rubric\n"},
		{name: "bad --rubric file", args: []string{"report", healthy, "--rubric", "questions/testdata/bad/unknown-key.yaml"}, code: 2, stderr: "questions/testdata/bad/unknown-key.yaml:"},
		{name: "--rubric of another id", args: []string{"report", healthy, "--rubric", reportFixtures + "rubrics/hostile-rubric.yaml"}, code: 2, stderr: `answers are for rubric "five-warning-signs", not "hostile-rubric"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdout, stderr, code := runCLI(t, tt.stdin, tt.args...)
			if got, want := code, tt.code; got != want {
				t.Errorf("exit code = %d, want %d\nstderr: %s", got, want, stderr)
			}
			if !strings.Contains(stdout, tt.stdout) {
				t.Errorf("stdout does not contain %q:\n%.300s", tt.stdout, stdout)
			}
			if !strings.Contains(stderr, tt.stderr) {
				t.Errorf("stderr does not contain %q:\n%s", tt.stderr, stderr)
			}
			if tt.code == 2 && stdout != "" && !strings.Contains(tt.name, "help") {
				t.Errorf("a failed report printed to stdout:\n%.200s", stdout)
			}
		})
	}
}

func TestReportJSONDecodes(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	stdout, stderr, code := runCLI(t, "", "report", "--format", "json", reportFixtures+"fws-unknowns.yaml")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var doc map[string]any
	if err := json.Unmarshal([]byte(stdout), &doc); err != nil {
		t.Fatalf("JSON report does not decode: %v", err)
	}
	for _, k := range []string{"schema_version", "rubric", "summary", "sections", "flags", "actions", "business_case", "dont_know", "unanswered"} {
		if _, ok := doc[k]; !ok {
			t.Errorf("JSON report has no %q", k)
		}
	}
}

func TestReportOut(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	dir := t.TempDir()
	out := filepath.Join(dir, "report.md")
	healthy := reportFixtures + "fws-healthy.yaml"

	stdout, stderr, code := runCLI(t, "", "report", "--out", out, healthy)
	if code != 0 || stdout != "" {
		t.Fatalf("first --out: exit %d, stdout %q, stderr %s", code, stdout, stderr)
	}
	first, err := os.ReadFile(out)
	if err != nil || !strings.HasPrefix(string(first), "# Adoption risk report") {
		t.Fatalf("report file: %v %.40q", err, first)
	}

	// A second run must not overwrite it, not even with other content.
	_, stderr, code = runCLI(t, "", "report", "--out", out, "--format", "json", healthy)
	if code != 2 || !strings.Contains(stderr, "exists; add --force to replace it") {
		t.Errorf("second --out: exit %d, stderr %q; want 2 and a refusal", code, stderr)
	}
	if again, _ := os.ReadFile(out); string(again) != string(first) {
		t.Error("the refused run changed the file")
	}

	// --force replaces it, atomically: no temporary files are left behind.
	_, stderr, code = runCLI(t, "", "report", "--out", out, "--format", "json", "--force", healthy)
	if code != 0 {
		t.Fatalf("--force: exit %d: %s", code, stderr)
	}
	if replaced, _ := os.ReadFile(out); !strings.HasPrefix(string(replaced), "{") {
		t.Errorf("--force did not replace the report: %.40q", replaced)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("folder holds %d entries after writing, want only the report", len(entries))
	}

	// --fail-on still writes the report, then exits 1.
	gated := filepath.Join(dir, "gated.md")
	_, _, code = runCLI(t, "", "report", "--out", gated, "--fail-on", "high", reportFixtures+"fws-hostile.yaml")
	if _, err := os.Stat(gated); code != 1 || err != nil {
		t.Errorf("--fail-on with --out: exit %d, file %v; want 1 and the file written", code, err)
	}

	// Unwritable places fail with 2 and say where.
	for _, bad := range []string{filepath.Join(dir, "no-such-folder", "r.md"), dir} {
		_, stderr, code = runCLI(t, "", "report", "--out", bad, "--force", healthy)
		if code != 2 || !strings.Contains(stderr, bad) {
			t.Errorf("--out %s: exit %d, stderr %q; want 2 naming the path", bad, code, stderr)
		}
	}
}

// TestReportBrokenUserRubric: a user rubric that does not load is named on
// stderr, since it may have been meant to replace the built-in used.
func TestReportBrokenUserRubric(t *testing.T) {
	rubrics := userRubricDir(t)
	if err := os.WriteFile(filepath.Join(rubrics, "mine.yaml"), []byte("id: five-warning-signs\ntitle: [\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	stdout, stderr, code := runCLI(t, "", "report", reportFixtures+"fws-healthy.yaml")
	if code != 0 || !strings.HasPrefix(stdout, "# ") {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stderr, "warning: some rubrics could not be loaded") || !strings.Contains(stderr, "mine.yaml") {
		t.Errorf("stderr does not name the broken rubric:\n%s", stderr)
	}
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
