package reports_test

import (
	"bytes"
	"math"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vitals-dev/vitals/assessment"
	"github.com/vitals-dev/vitals/questions"
	"github.com/vitals-dev/vitals/reports"
)

// Every lost point is under an action or a gap: the impacts of the actions
// and the gaps add up to the points lost, and earned, lost and unknown
// points to the whole score, for every fixture.
func TestPointsAddUp(t *testing.T) {
	for _, path := range fixtures(t) {
		t.Run(filepath.Base(path), func(t *testing.T) {
			res := loadFixture(t, path)
			p := assessment.MakePlan(res)
			sum := 0.0
			for _, a := range p.Actions {
				sum += a.Impact
			}
			for _, g := range p.Gaps {
				sum += g.Points
			}
			if math.Abs(sum-p.Lost) > 1e-9 {
				t.Errorf("actions and gaps add up to %v, points lost are %v", sum, p.Lost)
			}
			if total := p.Earned + p.Lost + p.Unknown; p.Asked > 0 && math.Abs(total-100) > 1e-9 {
				t.Errorf("earned %v + lost %v + unknown %v = %v, want 100", p.Earned, p.Lost, p.Unknown, total)
			}
			seen := map[string]bool{}
			for _, a := range p.Actions {
				if seen[a.ID] {
					t.Errorf("two actions with the id %s", a.ID)
				}
				seen[a.ID] = true
			}
		})
	}
}

// Impact is measured against the full weights: an action in a report with
// most questions open is worth what it would be worth in a complete one.
// The issue measured cp-plan-end in fws-unknowns at 14.1 points against
// the scored weights; against the full weights it is 3.75.
func TestImpactAgainstFullWeights(t *testing.T) {
	res := loadFixture(t, filepath.Join("testdata", "fws-unknowns.yaml"))
	p := assessment.MakePlan(res)
	var found bool
	for _, a := range p.Actions {
		if a.ID == "cp-plan-end" {
			found = true
			if math.Abs(a.Impact-3.75) > 1e-9 {
				t.Errorf("cp-plan-end impact = %v, want 3.75", a.Impact)
			}
		}
	}
	if !found {
		t.Fatal("no action cp-plan-end")
	}
	// The unknowns weigh more than any action, so settling them is first.
	if got := p.Actions[0].ID; got != assessment.FindOutID {
		t.Errorf("first action = %s, want %s", got, assessment.FindOutID)
	}
	if got, want := p.KnownPercent(), 21.9; got != want {
		t.Errorf("known = %v%%, want %v%%", got, want)
	}
	if got, want := p.AnsweredPercent(), 46.9; got != want {
		t.Errorf("answered = %v%%, want %v%%", got, want)
	}
}

// summaryOf is the part of a report before its second level-2 heading.
func summaryOf(t *testing.T, md string) string {
	t.Helper()
	first := strings.Index(md, "\n## ")
	if first < 0 {
		t.Fatal("no level-2 heading")
	}
	second := strings.Index(md[first+1:], "\n## ")
	if second < 0 {
		t.Fatal("only one level-2 heading")
	}
	return md[:first+1+second]
}

// The summary holds what a sponsor needs: the verdict, the money, the
// weakest sign by name (also under a good average), what is not known, and
// the first three actions with empty owner and due columns.
func TestSummaryReadingOrder(t *testing.T) {
	for _, tc := range []struct {
		fixture string
		want    []string
	}{
		{"fws-healthy.yaml", []string{
			"🟢 **Overall 79.9 out of 100, low risk.**",
			"- Money: The case breaks even at 45.8% adoption; it assumes 70%",
			"pays back after 30.5 months",
			"- Weakest section: Sign 4: the plan ends at go-live (57.9, medium risk).",
			"- Not known: nothing; all 38 questions asked have a real answer.",
			"| Action | From | Points | Owner | Due |",
			"| 2.7 | | |",
		}},
		{"fws-unknowns.yaml", []string{
			"- Money: not worked out; the business case needs the one-off cost, the running cost and the horizon",
			"- Not known: 8 \"don't know\" and 17 unanswered. Known: 7 of the 32 questions asked (21.9%); 46.9% if \"don't know\" counted as known.",
			"Not scored, for want of answers: Sign 5",
			"| Find out the 8 answers marked \"don't know\" and answer the 17 open questions",
		}},
	} {
		t.Run(tc.fixture, func(t *testing.T) {
			md := string(render(t, loadFixture(t, filepath.Join("testdata", tc.fixture)), reports.Markdown))
			sum := summaryOf(t, md)
			for _, w := range tc.want {
				if !strings.Contains(sum, w) {
					t.Errorf("summary lacks %q:\n%s", w, sum)
				}
			}
			if rows := strings.Count(sum, " | | |\n"); rows != reports.FirstActions {
				t.Errorf("%d action rows with empty owner and due, want %d", rows, reports.FirstActions)
			}
		})
	}
}

// words counts as wc -w does: runs of characters between white space.
func words(s string) int { return len(strings.Fields(s)) }

// worstAnswers changes every choice and scale answer of res to its worst:
// the lowest-scoring option, "none of these" where the question has one,
// nothing chosen where it has not, the bottom of the scale. A project that
// fails everything has a red flag and an action on nearly every line.
func worstAnswers(res *assessment.Result) *assessment.Result {
	for _, q := range res.Rubric.Questions() {
		a := res.Answers.Answers[q.ID]
		if a == nil || a.DontKnow {
			continue
		}
		switch q.Kind {
		case questions.Single, questions.YesNo:
			worst := q.Options[0]
			for _, o := range q.Options {
				if o.Score < worst.Score {
					worst = o
				}
			}
			a.Text = worst.Value
		case questions.Multi:
			a.Choices = []string{}
			if ex := q.ExclusiveOption(); ex != nil {
				a.Choices = []string{ex.Value}
			}
		case questions.Scale:
			a.Number = *q.Min
		}
	}
	return assessment.Score(res.Rubric, res.Answers)
}

// A complete answer set of the five warning signs reads in at most 2,500
// words (counted as wc -w counts them, table pipes included): the
// fixtures, and the worst answers to every question.
func TestReportLength(t *testing.T) {
	sets := map[string]*assessment.Result{}
	for _, name := range []string{"fws-healthy.yaml", "fws-no-business-case.yaml"} {
		sets[name] = loadFixture(t, filepath.Join("testdata", name))
	}
	sets["fws-healthy.yaml, worst answers"] = worstAnswers(loadFixture(t, filepath.Join("testdata", "fws-healthy.yaml")))
	for name, res := range sets {
		if !res.Answers.Complete || res.Rubric.ID != "five-warning-signs" {
			t.Fatalf("%s is not a complete five-sign answer set", name)
		}
		if n := words(string(render(t, res, reports.Markdown))); n > 2500 {
			t.Errorf("%s: %d words, want at most 2,500", name, n)
		} else {
			t.Logf("%s: %d words", name, n)
		}
	}
}

// changedLines is how many lines a diff from a to b shows as changed: per
// run of differences, the larger of the lines removed and added.
func changedLines(a, b []string) int {
	// Longest common subsequence, then walk it.
	n, m := len(a), len(b)
	lcs := make([][]int, n+1)
	for i := range lcs {
		lcs[i] = make([]int, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	changed, del, add := 0, 0, 0
	flush := func() { changed += max(del, add); del, add = 0, 0 }
	i, j := 0, 0
	for i < n || j < m {
		switch {
		case i < n && j < m && a[i] == b[j]:
			flush()
			i++
			j++
		case j < m && (i == n || lcs[i][j+1] >= lcs[i+1][j]):
			add++
			j++
		default:
			del++
			i++
		}
	}
	flush()
	return changed
}

func TestChangedLines(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"x y z", "x y z", 0},
		{"x y z", "x q z", 1},
		{"x y z", "x z", 1},
		{"x y z", "q r s t", 4},
		{"a b c d", "b a c e", 3},
	} {
		if got := changedLines(strings.Fields(tc.a), strings.Fields(tc.b)); got != tc.want {
			t.Errorf("changedLines(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}

// One changed answer changes about a dozen lines of the report at most:
// each answer sits on one line of its sign's block and one of the working,
// and actions are named by ids, not renumbered.
func TestOneAnswerChangesFewLines(t *testing.T) {
	before := strings.Split(string(render(t, loadFixture(t, filepath.Join("testdata", "fws-healthy.yaml")), reports.Markdown)), "\n")
	files, err := filepath.Glob(filepath.Join("testdata", "diff", "*.yaml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no diff fixtures: %v", err)
	}
	for _, path := range files {
		after := strings.Split(string(render(t, loadFixture(t, path), reports.Markdown)), "\n")
		n := changedLines(before, after)
		if n > 12 || n == 0 {
			t.Errorf("%s: %d lines changed, want 1 to 12", filepath.Base(path), n)
		} else {
			t.Logf("%s: %d lines changed", filepath.Base(path), n)
		}
	}
}

// The markdown does not name the vitals build, so a new vitals release
// changes no committed report; the JSON keeps the generator for tools.
func TestMarkdownIndependentOfBuild(t *testing.T) {
	res := loadFixture(t, filepath.Join("testdata", "fws-healthy.yaml"))
	var a, b bytes.Buffer
	if err := reports.Render(&a, res, reports.Options{Version: "v1.0.0"}); err != nil {
		t.Fatal(err)
	}
	if err := reports.Render(&b, res, reports.Options{Version: "v2.3.4-dirty"}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("the markdown report changes with the vitals version")
	}
	var j bytes.Buffer
	if err := reports.Render(&j, res, reports.Options{Format: reports.JSON, Version: "v2.3.4-dirty"}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(j.String(), `"version": "v2.3.4-dirty"`) {
		t.Error("the JSON report does not name the generator's version")
	}
}

// What the rubric format promises is shown: the risk the rubric gives a
// chosen option, a "none of these" option's advice as the question's
// action, a payback beyond the horizon in words with the adoption
// assumption stated, and the title the rubric gives its reports.
func TestPromisesShown(t *testing.T) {
	healthy := string(render(t, loadFixture(t, filepath.Join("testdata", "fws-healthy.yaml")), reports.Markdown))
	bad := string(render(t, loadFixture(t, filepath.Join("testdata", "fws-no-business-case.yaml")), reports.Markdown))
	hostile := string(render(t, loadFixture(t, filepath.Join("testdata", "hostile-rubric.yaml")), reports.Markdown))
	for _, tc := range []struct{ name, md, want string }{
		{"option risk", healthy, "“Mentioned, but no measurable target”, medium risk; costs 2.4 points."},
		{"none of these", bad, "`cp-activities`: “None yet”; costs 1.7 points.\n  - Action: Plan adoption activities"},
		{"payback in words", healthy, "| 25% | 1,500,000 | -1,250,000 | -45.5% | not within 5 years |"},
		{"adoption assumed", healthy, "The return at other adoption levels, each reached from the first day."},
		{"report title", healthy, "# Adoption risk report: Northwind CRM roll-out\n"},
		{"rubric's own title", hostile, "# \\# Title \\| &lt;script&gt;alert('t')&lt;/script&gt; \\`code\\`: "},
	} {
		if !strings.Contains(tc.md, tc.want) {
			t.Errorf("%s: report lacks %q", tc.name, tc.want)
		}
	}
	if strings.Contains(healthy, "360 months") {
		t.Error("a payback after the horizon is given in months")
	}
}

// A section's advice is picked by its band alone and can contradict an
// answer, so it is shown only in the block of a section none of whose
// answers has advice of its own.
func TestSectionAdviceOnlyWithoutActions(t *testing.T) {
	for _, path := range fixtures(t) {
		res := loadFixture(t, path)
		p := assessment.MakePlan(res)
		md := string(render(t, res, reports.Markdown))
		for _, sr := range res.Sections {
			if sr.Recommendation == "" || strings.ContainsAny(sr.Recommendation, "\\`*_[]|~$#<>&@") {
				continue // escaped in the report; the fixtures' plain texts suffice
			}
			has := false
			for _, a := range p.Actions {
				if a.Section == sr.Section {
					has = true
				}
			}
			shown := strings.Contains(md, "advice for a section at "+string(sr.Risk)+" risk: "+sr.Recommendation)
			if has && shown {
				t.Errorf("%s: section %s has actions and still shows its band advice", filepath.Base(path), sr.Section.ID)
			}
			if !has && !shown {
				t.Errorf("%s: section %s has no action and does not show its band advice", filepath.Base(path), sr.Section.ID)
			}
		}
	}
}
