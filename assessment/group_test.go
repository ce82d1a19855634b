package assessment

import (
	"strings"
	"testing"
)

// TestWorkshopModeRoundTrip: the workshop mode is written only when set,
// read back as written, and a mode that is not one is refused with its
// position.
func TestWorkshopModeRoundTrip(t *testing.T) {
	r := testRubricT(t)
	a := answers(r, nil)
	if data := a.Marshal(r); strings.Contains(string(data), "workshop") {
		t.Fatalf("a single run's file names a workshop:\n%s", data)
	}
	a.Workshop = WorkshopAnonymous
	a.Respondent = Respondent{Name: "Ann", Role: "sponsor"}
	data := a.Marshal(r)
	if strings.Contains(string(data), "Ann") {
		t.Errorf("an anonymous workshop's file names its respondent:\n%s", data)
	}
	if !strings.Contains(string(data), "respondent:\n  name: \"\"\n  role: sponsor\nworkshop:\n  mode: anonymous\nstarted:") {
		t.Fatalf("workshop key not where the fixed order puts it:\n%s", data)
	}
	f, err := Decode("a.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := f.Workshop, WorkshopAnonymous; got != want {
		t.Errorf("Workshop = %q, want %q", got, want)
	}
	bad := strings.Replace(string(data), "mode: anonymous", "mode: secret", 1)
	_, err = Decode("a.yaml", []byte(bad))
	if err == nil || !strings.Contains(err.Error(), "a.yaml:") || !strings.Contains(err.Error(), `workshop.mode "secret"`) {
		t.Errorf("bad mode: err = %v", err)
	}
}

// TestScoreGroup: a given score stands in for the answer's own, and the
// section and overall scores follow it.
func TestScoreGroup(t *testing.T) {
	r := testRubricT(t)
	a := answers(r, map[string]any{"q1": "good"})
	alone := Score(r, a)
	group := ScoreGroup(r, a, map[string]GroupScore{"q1": {Score: 40, Reason: "median of 20 and 60"}})
	qr := group.Sections[0].Questions[0]
	if qr.Question.ID != "q1" || qr.Score != 40 || qr.Reason != "median of 20 and 60" {
		t.Fatalf("q1 = %+v", qr)
	}
	if group.Score == alone.Score {
		t.Errorf("overall score did not follow the given score: %v", group.Score)
	}
}
