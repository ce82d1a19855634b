package reports_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vitals-dev/vitals/assessment"
	"github.com/vitals-dev/vitals/questions"
	"github.com/vitals-dev/vitals/reports"
)

var update = flag.Bool("update", false, "rewrite the golden reports in testdata from the current output")

// testVersion is the vitals version the golden reports are written with.
const testVersion = "v0.0.0-test"

// loadFixture reads an answers file from testdata, finds its rubric (a
// built-in, or testdata/rubrics/ID.yaml), checks and scores it.
func loadFixture(t testing.TB, path string) *assessment.Result {
	t.Helper()
	a, err := assessment.LoadFile(path)
	if err != nil {
		t.Fatalf("load %s: %v", path, err)
	}
	r, err := questions.Builtin(a.Rubric.ID)
	if err != nil {
		r, err = questions.Parse(filepath.Join("testdata", "rubrics", a.Rubric.ID+".yaml"))
		if err != nil {
			t.Fatalf("rubric of %s: %v", path, err)
		}
	}
	checked, warnings, err := a.Check(r)
	if err != nil {
		t.Fatalf("check %s: %v", path, err)
	}
	if len(warnings) > 0 {
		t.Fatalf("check %s: unexpected warnings: %v", path, warnings)
	}
	return assessment.Score(r, checked)
}

func fixtures(t testing.TB) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "*.yaml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures in testdata: %v", err)
	}
	return files
}

func render(t testing.TB, res *assessment.Result, f reports.Format) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := reports.Render(&buf, res, reports.Options{Format: f, Version: testVersion}); err != nil {
		t.Fatalf("render %s: %v", f, err)
	}
	return buf.Bytes()
}

// TestGolden renders every fixture in both formats and compares the result
// with the golden file next to it. Run `go test ./reports -update` to
// rewrite them, then read the diff.
func TestGolden(t *testing.T) {
	for _, path := range fixtures(t) {
		name := strings.TrimSuffix(filepath.Base(path), ".yaml")
		for _, f := range reports.Formats {
			t.Run(name+"."+string(f), func(t *testing.T) {
				got := render(t, loadFixture(t, path), f)
				golden := filepath.Join("testdata", name+"."+string(f))
				if *update {
					if err := os.WriteFile(golden, got, 0o644); err != nil {
						t.Fatal(err)
					}
					return
				}
				want, err := os.ReadFile(golden)
				if err != nil {
					t.Fatalf("%v (run go test ./reports -update to create it)", err)
				}
				if !bytes.Equal(got, want) {
					t.Errorf("%s differs from the rendered report (run go test ./reports -update and read the diff):\n%s", golden, firstDiff(string(want), string(got)))
				}
			})
		}
	}
}

// firstDiff shows the first line where two texts differ.
func firstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return "line " + itoa(i+1) + ":\n  want: " + w + "\n  got:  " + g
		}
	}
	return "(same lines, different bytes)"
}

func itoa(n int) string { return assessment.FormatNumber(float64(n)) }

// TestDeterministic renders the same answers twice, loaded separately, and
// with the answers map filled in another order: the bytes must not change.
func TestDeterministic(t *testing.T) {
	for _, path := range fixtures(t) {
		for _, f := range reports.Formats {
			a := render(t, loadFixture(t, path), f)
			b := render(t, loadFixture(t, path), f)
			if !bytes.Equal(a, b) {
				t.Errorf("%s (%s): two renders differ", path, f)
			}
		}
	}
}

func TestRubricHashInReport(t *testing.T) {
	// The fixtures leave the hash out; the report must name the hash of the
	// rubric it was scored against, never an empty or stale one.
	res := loadFixture(t, filepath.Join("testdata", "fws-healthy.yaml"))
	want := res.Rubric.Hash()
	if !strings.HasPrefix(want, "sha256:") {
		t.Fatalf("rubric hash %q", want)
	}
	if got := string(render(t, res, reports.Markdown)); !strings.Contains(got, "content hash `"+want+"`") {
		t.Errorf("markdown report does not name the rubric hash %s", want)
	}
	if got := string(render(t, res, reports.JSON)); !strings.Contains(got, `"hash": "`+want+`"`) {
		t.Errorf("JSON report does not name the rubric hash %s", want)
	}
}

func TestRenderErrors(t *testing.T) {
	var buf bytes.Buffer
	if err := reports.Render(&buf, nil, reports.Options{}); err == nil {
		t.Error("Render(nil) succeeded")
	}
	res := loadFixture(t, filepath.Join("testdata", "ar-typical.yaml"))
	if err := reports.Render(&buf, res, reports.Options{Format: "html"}); err == nil || !strings.Contains(err.Error(), "md or json") {
		t.Errorf("Render(html) = %v, want an error naming the formats", err)
	}
	if buf.Len() != 0 {
		t.Errorf("a failed render wrote %d bytes", buf.Len())
	}
	// The zero format is markdown.
	if got := render(t, res, ""); !bytes.HasPrefix(got, []byte("# ")) {
		t.Errorf("default format does not start with a heading: %.40q", got)
	}
}

func TestParseFormat(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want reports.Format
		ok   bool
	}{{"md", reports.Markdown, true}, {"json", reports.JSON, true}, {"MD", "", false}, {"", "", false}, {"html", "", false}} {
		got, err := reports.ParseFormat(tc.in)
		if got != tc.want || (err == nil) != tc.ok {
			t.Errorf("ParseFormat(%q) = %q, %v", tc.in, got, err)
		}
	}
}

// An assumed adoption that is not a whole number is shown as given, so
// its row is not a second "75%" beside the 75% row.
func TestAssumedAdoptionRowAsGiven(t *testing.T) {
	res := loadFixture(t, filepath.Join("testdata", "fws-healthy.yaml"))
	res.Answers.Answers["bc-adoption-assumed"].Number = 74.96
	res = assessment.Score(res.Rubric, res.Answers)
	md := string(render(t, res, reports.Markdown))
	if !strings.Contains(md, "| 74.96% (assumed) |") {
		t.Errorf("no row for the assumed 74.96%%:\n%s", md[strings.Index(md, "## Business case"):])
	}
}

// All "don't know": every section is scored as a risk, no answer has
// advice, and the report says to find the answers out first, not that
// nothing calls for an action.
func TestAllDontKnow(t *testing.T) {
	res := loadFixture(t, filepath.Join("testdata", "fws-healthy.yaml"))
	for id, ans := range res.Answers.Answers {
		if q := res.Rubric.Question(id); q != nil && q.DontKnow {
			*ans = assessment.Answer{DontKnow: true}
		}
	}
	res = assessment.Score(res.Rubric, res.Answers)
	for _, a := range assessment.MakePlan(res).Actions {
		if a.Kind != assessment.FindOut {
			t.Fatalf("action %s; the test wants none but settling the unknowns", a.ID)
		}
	}
	md := string(render(t, res, reports.Markdown))
	summary := md[:strings.Index(md, "\n## Scores by section")]
	for _, want := range []string{
		"| Find out the ",
		`answers marked "don't know"`,
		"| `" + assessment.FindOutID + "` |",
	} {
		if !strings.Contains(summary, want) {
			t.Errorf("summary lacks %q:\n%s", want, summary)
		}
	}
	if strings.Contains(md, "No answer calls for an action") {
		t.Error("report says no answer calls for an action")
	}
}
