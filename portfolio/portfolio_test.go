package portfolio

import (
	"strings"
	"testing"

	"github.com/vitals-dev/vitals/assessment"
	"github.com/vitals-dev/vitals/questions"
)

func result(score float64, risk questions.Risk) *assessment.Result {
	return &assessment.Result{Scored: true, Score: score, Risk: risk}
}

// TestTrend applies the report's rule: a band crossed, or 5 points.
func TestTrend(t *testing.T) {
	for _, tc := range []struct {
		prev, cur   *assessment.Result
		want        string
		wantChanged float64
	}{
		{result(50, questions.RiskMedium), result(54.9, questions.RiskMedium), "same", 4.9},
		{result(50, questions.RiskMedium), result(55, questions.RiskMedium), "better", 5},
		{result(50, questions.RiskMedium), result(45, questions.RiskMedium), "worse", -5},
		{result(69, questions.RiskMedium), result(71, questions.RiskLow), "better", 2},
		{result(41, questions.RiskMedium), result(39, questions.RiskHigh), "worse", -2},
		{result(60, questions.RiskMedium), result(60, questions.RiskUnknown), "worse", 0},
		{&assessment.Result{}, result(60, questions.RiskMedium), "", 0},
	} {
		got, change := trend(tc.prev, tc.cur)
		if got != tc.want || change != tc.wantChanged {
			t.Errorf("trend %v → %v = %s %v, want %s %v", tc.prev.Score, tc.cur.Score, got, change, tc.want, tc.wantChanged)
		}
	}
}

func TestParseProjects(t *testing.T) {
	got, err := ParseProjects("p.yaml", []byte("- Acme CRM\n- {id: globex, name: Globex ERP}\n- id: initech\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := []Expected{{ID: "acme-crm", Name: "Acme CRM"}, {ID: "globex", Name: "Globex ERP"}, {ID: "initech"}}
	if len(got) != len(want) {
		t.Fatalf("got %+v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("project %d: %+v, want %+v", i, got[i], want[i])
		}
	}
	for _, tc := range []struct{ in, want string }{
		{"projects: Acme\n", "p.yaml:1:11: projects must be a list, got"},
		{"project:\n  - Acme\n", `p.yaml:1:1: unknown key "project" in projects file`},
		{"- {}\n", "p.yaml:1:3: a project needs an id or a name"},
		{"- Acme\n- acme\n", `p.yaml:2:3: project "acme" is listed twice`},
		{"- [Acme]\n", "p.yaml:1:3: project must be a mapping"},
	} {
		_, err := ParseProjects("p.yaml", []byte(tc.in))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: got %v, want %s", tc.in, err, tc.want)
		}
	}
}

func TestCellText(t *testing.T) {
	for in, want := range map[string]string{"=SUM(A1)": "'=SUM(A1)", "+1": "'+1", "-x": "'-x", "@cmd": "'@cmd", "Acme": "Acme", "a=b": "a=b"} {
		if got := cellText(in); got != want {
			t.Errorf("cellText(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestWorstFirst: band, then high signs, then score; unfinished and
// unassessed last.
func TestWorstFirst(t *testing.T) {
	high := Cell{Risk: questions.RiskHigh}
	rows := []Row{
		{Project: "never", Status: Unassessed},
		{Project: "low", Status: Assessed, Risk: questions.RiskLow, Score: 80},
		{Project: "started", Status: Unfinished},
		{Project: "medium, one high sign", Status: Assessed, Risk: questions.RiskMedium, Score: 60, Signs: []Cell{high}},
		{Project: "medium", Status: Assessed, Risk: questions.RiskMedium, Score: 50},
		{Project: "unknown", Status: Assessed, Risk: questions.RiskUnknown, Score: 70},
		{Project: "high", Status: Assessed, Risk: questions.RiskHigh, Score: 30},
	}
	sorted := append([]Row(nil), rows...)
	for i := range sorted {
		for j := i + 1; j < len(sorted); j++ {
			if worstFirst(sorted[j], sorted[i]) < 0 {
				sorted[i], sorted[j] = sorted[j], sorted[i]
			}
		}
	}
	var names []string
	for _, r := range sorted {
		names = append(names, r.Project)
	}
	want := "high, unknown, medium, one high sign, medium, low, started, never"
	if got := strings.Join(names, ", "); got != want {
		t.Errorf("order %s\nwant  %s", got, want)
	}
}
