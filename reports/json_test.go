package reports_test

import (
	"bytes"
	"encoding/json"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/vitals-dev/vitals/reports"
)

// topLevelKeys is the documented order of the JSON report's keys.
var topLevelKeys = []string{
	"schema_version", "generator", "rubric", "project", "project_id", "respondent", "date", "started", "updated",
	"complete", "summary", "sections", "flags", "actions", "gaps", "business_case", "dont_know", "unanswered", "since",
}

// objectKeys returns the keys of the JSON object at the start of dec, in
// the order they are written, and skips their values.
func objectKeys(t *testing.T, data []byte) []string {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(data))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		t.Fatalf("report does not start with an object: %v %v", tok, err)
	}
	var keys []string
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			t.Fatal(err)
		}
		keys = append(keys, tok.(string))
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := dec.Token(); err != nil {
		t.Fatal(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		t.Fatalf("data after the report object: %v", err)
	}
	return keys
}

func TestJSONShape(t *testing.T) {
	for _, path := range fixtures(t) {
		t.Run(filepath.Base(path), func(t *testing.T) {
			out := render(t, loadFixture(t, path), reports.JSON)
			if got := objectKeys(t, out); !slices.Equal(got, topLevelKeys) {
				t.Errorf("top-level keys:\n got %v\nwant %v", got, topLevelKeys)
			}
			var doc struct {
				SchemaVersion int `json:"schema_version"`
				Rubric        struct {
					ID, Hash string
				}
				Summary struct {
					Scored bool
					Score  *float64
					Risk   string
				}
				Sections []struct {
					ID        string
					Score     *float64
					Risk      string
					Questions []struct {
						ID, Status string
						Scored     bool
						Answer     *struct {
							Value         any
							DontKnow      bool `json:"dont_know"`
							NotApplicable bool `json:"not_applicable"`
							Reason        string
						}
					}
				}
				BusinessCase *struct {
					Available bool
					Scenarios []struct{ Adoption float64 }
				} `json:"business_case"`
			}
			dec := json.NewDecoder(bytes.NewReader(out))
			if err := dec.Decode(&doc); err != nil {
				t.Fatalf("JSON report does not decode: %v", err)
			}
			if doc.SchemaVersion != reports.SchemaVersion {
				t.Errorf("schema_version = %d", doc.SchemaVersion)
			}
			if !strings.HasPrefix(doc.Rubric.Hash, "sha256:") || len(doc.Rubric.Hash) != len("sha256:")+64 {
				t.Errorf("rubric.hash = %q", doc.Rubric.Hash)
			}
			if doc.Summary.Scored != (doc.Summary.Score != nil) {
				t.Errorf("summary.scored = %v but score = %v", doc.Summary.Scored, doc.Summary.Score)
			}
			if !slices.Contains([]string{"low", "medium", "high", "unknown", "not_scored"}, doc.Summary.Risk) || (doc.Summary.Risk == "not_scored") == doc.Summary.Scored {
				t.Errorf("summary.risk = %q, scored %v", doc.Summary.Risk, doc.Summary.Scored)
			}
			for _, s := range doc.Sections {
				for _, q := range s.Questions {
					switch q.Status {
					case "answered", "dont_know":
						if q.Answer == nil || q.Answer.DontKnow != (q.Status == "dont_know") || (q.Answer.Value == nil) != q.Answer.DontKnow {
							t.Errorf("question %s: status %s with answer %+v", q.ID, q.Status, q.Answer)
						}
					case "not_applicable":
						if q.Answer == nil || !q.Answer.NotApplicable || q.Answer.Reason == "" || q.Answer.Value != nil || q.Scored {
							t.Errorf("question %s: status %s with answer %+v, scored %v", q.ID, q.Status, q.Answer, q.Scored)
						}
					case "unanswered", "hidden":
						if q.Answer != nil {
							t.Errorf("question %s: status %s with an answer", q.ID, q.Status)
						}
					default:
						t.Errorf("question %s: unknown status %q", q.ID, q.Status)
					}
				}
			}
			if bc := doc.BusinessCase; bc != nil && bc.Available && len(bc.Scenarios) < 4 {
				t.Errorf("business case available with %d scenarios", len(bc.Scenarios))
			}
		})
	}
}

// TestJSONDocumented checks that every key the JSON report uses is
// described in docs/report-json.md, so the documentation cannot fall behind.
func TestJSONDocumented(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "docs", "report-json.md"))
	if err != nil {
		t.Fatal(err)
	}
	keys := map[string]bool{}
	for _, path := range fixtures(t) {
		var v any
		if err := json.Unmarshal(render(t, loadFixture(t, path), reports.JSON), &v); err != nil {
			t.Fatal(err)
		}
		collectKeys(v, keys)
	}
	var missing []string
	for k := range keys {
		if !bytes.Contains(doc, []byte("`"+k+"`")) {
			missing = append(missing, k)
		}
	}
	slices.Sort(missing)
	if len(missing) > 0 {
		t.Errorf("keys not described in docs/report-json.md: %v", missing)
	}
}

func collectKeys(v any, keys map[string]bool) {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			keys[k] = true
			collectKeys(x, keys)
		}
	case []any:
		for _, x := range v {
			collectKeys(x, keys)
		}
	}
}

// The JSON's accounts balance as the markdown's do: the actions' impacts and
// the gaps add up to the points lost, the first actions are actions, and
// every question's advice names actions that exist.
func TestJSONPointsBalance(t *testing.T) {
	for _, path := range fixtures(t) {
		t.Run(filepath.Base(path), func(t *testing.T) {
			var doc struct {
				Summary struct {
					Points struct {
						Earned, Lost, Unknown float64
						InActions             float64 `json:"in_actions"`
						InGaps                float64 `json:"in_gaps"`
					}
					FirstActions []string `json:"first_actions"`
				}
				Actions []struct {
					ID     string
					Impact float64
				}
				Gaps     []struct{ Points float64 }
				Sections []struct {
					Questions []struct {
						ID     string
						Advice struct {
							Missing []struct{ Action string }
							InPlace []string `json:"in_place"`
						}
					}
				}
			}
			if err := json.Unmarshal(render(t, loadFixture(t, path), reports.JSON), &doc); err != nil {
				t.Fatal(err)
			}
			p := doc.Summary.Points
			actions, gaps := 0.0, 0.0
			ids := map[string]bool{}
			for _, a := range doc.Actions {
				actions += a.Impact
				ids[a.ID] = true
			}
			for _, g := range doc.Gaps {
				gaps += g.Points
			}
			// Each figure is rounded to two decimals on its own.
			tol := 0.005 * float64(len(doc.Actions)+len(doc.Gaps)+2)
			if math.Abs(actions+gaps-p.Lost) > tol || math.Abs(p.InActions+p.InGaps-p.Lost) > 0.011 {
				t.Errorf("actions %v + gaps %v, in_actions %v + in_gaps %v, lost %v", actions, gaps, p.InActions, p.InGaps, p.Lost)
			}
			if p.Earned+p.Lost+p.Unknown > 0 && math.Abs(p.Earned+p.Lost+p.Unknown-100) > 0.011 {
				t.Errorf("earned %v + lost %v + unknown %v != 100", p.Earned, p.Lost, p.Unknown)
			}
			for _, id := range doc.Summary.FirstActions {
				if !ids[id] {
					t.Errorf("first action %s is not in actions", id)
				}
			}
			for _, s := range doc.Sections {
				for _, q := range s.Questions {
					for _, m := range q.Advice.Missing {
						if !ids[m.Action] {
							t.Errorf("question %s names action %s, which is not in actions", q.ID, m.Action)
						}
					}
					if q.Advice.InPlace == nil {
						t.Errorf("question %s: in_place is null, want []", q.ID)
					}
				}
			}
		})
	}
}
