package reports_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vitals-dev/vitals/assessment"
	"github.com/vitals-dev/vitals/reports"
)

// TestSinceGolden renders the third quarter of one project compared with
// the two before it, in both formats: the "Since last time" section, the
// trend chart and the JSON since object.
func TestSinceGolden(t *testing.T) {
	dir := filepath.Join("testdata", "history")
	var runs []*assessment.Result
	for _, q := range []string{"2026-q1", "2026-q2", "2026-q3"} {
		runs = append(runs, loadFixture(t, filepath.Join(dir, q+".answers.yaml")))
	}
	since := reports.Compare(runs[2], runs[:2], "assessments/2026-q2.answers.yaml", nil)
	for _, f := range reports.Formats {
		t.Run(string(f), func(t *testing.T) {
			var buf bytes.Buffer
			if err := reports.Render(&buf, runs[2], reports.Options{Format: f, Version: testVersion, Since: since}); err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join(dir, "2026-q3."+string(f))
			if *update {
				if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./reports -update to create it)", err)
			}
			if !bytes.Equal(buf.Bytes(), want) {
				t.Errorf("%s differs:\n%s", golden, firstDiff(string(want), buf.String()))
			}
		})
	}
	md := render(t, runs[2], reports.Markdown)
	if strings.Contains(string(md), "Since last time") {
		t.Error("a report without history has a Since last time section")
	}
}

// TestSinceDirection checks the rule of a change: a band crossed, or at
// least 5 points.
func TestSinceDirection(t *testing.T) {
	q2 := loadFixture(t, filepath.Join("testdata", "history", "2026-q2.answers.yaml"))
	q3 := loadFixture(t, filepath.Join("testdata", "history", "2026-q3.answers.yaml"))
	s := reports.Compare(q3, []*assessment.Result{q2}, "q2", nil)
	if s == nil || len(s.Signs) != len(q3.Sections) {
		t.Fatalf("Compare gave %+v", s)
	}
	for _, c := range s.Signs {
		if !c.BeforeScored || !c.AfterScored {
			if got, want := c.Direction, "not comparable"; got != want {
				t.Errorf("%s: direction %q, want %q", c.ID, got, want)
			}
			continue
		}
		crossed := c.Risk != c.BeforeRisk
		big := c.Change >= reports.MinChange || c.Change <= -reports.MinChange
		if got := c.Direction != "same"; got != (crossed || big) {
			t.Errorf("%s: %.1f → %.1f (%s → %s) is %q", c.ID, c.Before, c.After, c.BeforeRisk, c.Risk, c.Direction)
		}
	}
	if reports.Compare(q3, nil, "", nil) != nil {
		t.Error("Compare with no earlier run is not nil")
	}
	if same := reports.Compare(q3, []*assessment.Result{q3}, "q3", nil); len(same.NewFlags)+len(same.ResolvedFlags)+len(same.Done) != 0 {
		t.Errorf("a run compared with itself changed: %+v", same)
	}
}
