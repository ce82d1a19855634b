package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// copyHistory puts the three quarters of the history fixture in a folder.
func copyHistory(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, q := range []string{"2026-q1", "2026-q2", "2026-q3"} {
		data, err := os.ReadFile(filepath.Join("reports", "testdata", "history", q+".answers.yaml"))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, q+".answers.yaml"), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestReportHistory(t *testing.T) {
	dir := copyHistory(t)
	cur := filepath.Join(dir, "2026-q3.answers.yaml")
	for _, tc := range []struct {
		name string
		args []string
		want []string
		not  []string
	}{
		{"found in the folder", []string{"report", cur}, []string{"## Since last time", "2026-q2.answers.yaml", "xychart-beta"}, nil},
		{"--since", []string{"report", cur, "--since", filepath.Join(dir, "2026-q1.answers.yaml")}, []string{"## Since last time", "2026-q1.answers.yaml"}, []string{"xychart-beta\n    title"}},
		{"--no-history", []string{"report", cur, "--no-history"}, nil, []string{"Since last time"}},
		{"json", []string{"report", cur, "--format", "json"}, []string{`"since": {`, `"direction": "better"`}, nil},
		{"first run", []string{"report", filepath.Join(dir, "2026-q1.answers.yaml")}, nil, []string{"Since last time"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			stdout, stderr, code := runCLI(t, "", tc.args...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			for _, w := range tc.want {
				if !strings.Contains(stdout, w) {
					t.Errorf("output lacks %q", w)
				}
			}
			for _, n := range tc.not {
				if strings.Contains(stdout, n) {
					t.Errorf("output has %q", n)
				}
			}
		})
	}
}

func TestReportSinceRefusesItselfAndWarnsOfAnotherProject(t *testing.T) {
	dir := copyHistory(t)
	cur := filepath.Join(dir, "2026-q3.answers.yaml")
	_, stderr, code := runCLI(t, "", "report", cur, "--since", cur)
	if code != 2 || !strings.Contains(stderr, "is the answers file reported on") {
		t.Errorf("--since itself: exit %d, %s", code, stderr)
	}
	other := filepath.Join(dir, "other.answers.yaml")
	fixtureRun(t, other, "q1", "Iota Payroll", "iota", "2026-01-15")
	stdout, stderr, code := runCLI(t, "", "report", cur, "--since", other)
	if code != 0 || !strings.Contains(stderr, "warning: --since "+other+" is another project (iota, not northwind-crm): compared as asked") || !strings.Contains(stdout, "## Since last time") {
		t.Errorf("--since another project: exit %d, %s", code, stderr)
	}
}
