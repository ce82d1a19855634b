package workshop

import (
	"fmt"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/vitals-dev/vitals/assessment"
	"github.com/vitals-dev/vitals/questions"
)

func file(name, body string) File { return File{Name: name, Data: []byte(body)} }

const header = "format: 1\nrubric: {id: five-warning-signs%s}\nrespondent: {name: %s, role: %s}\nanswers:\n"

func answersFile(name, who, role, extra, answers string) File {
	return file(name, strings.Replace(strings.Replace(strings.Replace(header, "%s", extra, 1), "%s", who, 1), "%s", role, 1)+answers)
}

func TestCollect(t *testing.T) {
	a := answersFile("a.answers.yaml", "Ann", "sponsor", ", version: 1.1.1", "  acc-owner: {value: committee}\n")
	b := answersFile("b.answers.yaml", "Bob", "user", "", "  acc-owner: {value: nobody}\n")
	badValue := answersFile("bad.answers.yaml", "Cy", "user", "", "  acc-owner: {value: boss}\n")
	broken := file("broken.answers.yaml", "format: 1\nrubric: [\n")
	other := file("other.answers.yaml", "format: 1\nrubric: {id: adoption-readiness}\nanswers: {}\n")
	old := answersFile("old.answers.yaml", "Dee", "user", ", version: 0.9.0, hash: \"sha256:00\"", "  acc-owner: {value: nobody}\n")
	sameName := answersFile("ann2.answers.yaml", "ann", "user", "", "  acc-owner: {value: nobody}\n  acc-authority: {value: \"no\"}\n")
	anon := answersFile("anon.answers.yaml", "\"\"", "user", "", "  acc-owner: {value: nobody}\n")
	anon.Data = []byte(strings.Replace(string(anon.Data), "answers:\n", "workshop: {mode: anonymous}\nanswers:\n", 1))

	anonNamed := answersFile("anon-named.answers.yaml", "Eve", "user", "", "  acc-owner: {value: nobody}\n")
	anonNamed.Data = []byte(strings.Replace(string(anonNamed.Data), "answers:\n", "workshop: {mode: anonymous}\nanswers:\n", 1))

	tests := []struct {
		name     string
		files    []File
		opt      Options
		err      string   // substring of the error; "" for none
		members  int      // when no error
		warnings []string // substrings, each in some warning
		mode     string
	}{
		{name: "two files", files: []File{a, b}, members: 2, mode: assessment.WorkshopNamed},
		{name: "someone who answered nothing is no respondent", files: []File{a, b, answersFile("empty.answers.yaml", "Fay", "user", "", "  {}\n")}, members: 2,
			warnings: []string{"1 answers file with no answer left out (someone joined and answered nothing)"}},
		{name: "nobody answered yet", files: []File{answersFile("empty.answers.yaml", "Fay", "user", "", "  {}\n")}, err: "no answers file has an answer yet"},
		{name: "identical files count once", files: []File{a, b, {Name: "copy.answers.yaml", Data: a.Data}}, members: 2,
			warnings: []string{"copy.answers.yaml is the same file as a.answers.yaml: counted once"}},
		{name: "a bad value is left out with its position", files: []File{a, b, badValue}, members: 2,
			warnings: []string{"left out", "bad.answers.yaml:5:22", `"boss" is not an option`}},
		{name: "a broken file is left out with its position", files: []File{a, broken}, members: 1,
			warnings: []string{"left out, it cannot be read", "broken.answers.yaml:3:1: YAML syntax error"}},
		{name: "strict refuses a bad file", files: []File{a, badValue}, opt: Options{Strict: true}, err: "bad.answers.yaml:5:22"},
		{name: "strict refuses a broken file", files: []File{a, broken}, opt: Options{Strict: true}, err: "broken.answers.yaml:3:1: YAML syntax error"},
		{name: "other rubrics refused, naming the files of each", files: []File{a, b, other},
			err: "different rubrics: adoption-readiness (other.answers.yaml); five-warning-signs (a.answers.yaml, b.answers.yaml)"},
		{name: "other versions refused", files: []File{a, old}, err: "different versions of rubric five-warning-signs: version 0.9.0 sha256:00: old.answers.yaml; version 1.1.1: a.answers.yaml; add --allow-changed"},
		{name: "a file without a version differs from none", files: []File{b, old}, members: 2},
		{name: "other versions allowed, uncommon questions dropped", files: []File{a, old}, opt: Options{AllowChanged: true}, members: 2,
			warnings: []string{"only the questions common to all are merged; left out: bc-annual-benefit"}},
		{name: "same name flagged", files: []File{a, sameName}, members: 2, warnings: []string{`2 files give the respondent name "ann": a.answers.yaml, ann2.answers.yaml`}},
		{name: "same name flagged without the name when anonymous", files: []File{a, sameName}, opt: Options{Anonymous: true}, members: 2,
			warnings: []string{"2 files give the same respondent name: a.answers.yaml, ann2.answers.yaml"}, mode: assessment.WorkshopAnonymous},
		{name: "an anonymous file makes the report anonymous", files: []File{a, anon}, members: 2, mode: assessment.WorkshopAnonymous},
		{name: "an anonymous file with a name is flagged, without the name", files: []File{b, anonNamed}, members: 2, mode: assessment.WorkshopAnonymous,
			warnings: []string{"answers files of an anonymous workshop carry a respondent name (anon-named.answers.yaml)"}},
		{name: "nothing readable", files: []File{broken}, err: "no answers file could be read"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Collect(tt.files, builtin, tt.opt)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err = %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := len(c.Members); got != tt.members {
				t.Errorf("members = %d, want %d", got, tt.members)
			}
			all := strings.Join(c.Warnings, "\n")
			for _, w := range tt.warnings {
				if !strings.Contains(all, w) {
					t.Errorf("no warning with %q in:\n%s", w, all)
				}
			}
			if tt.mode != "" && c.Mode != tt.mode {
				t.Errorf("mode = %q, want %q", c.Mode, tt.mode)
			}
			if c.Mode == assessment.WorkshopAnonymous && (strings.Contains(strings.ToLower(all), "\"ann\"") || strings.Contains(all, "Eve")) {
				t.Errorf("anonymous warnings name someone:\n%s", all)
			}
		})
	}
}

func TestClassify(t *testing.T) {
	g := combine(t, readDir(t, "erp12"), Options{})
	seen := map[Class]bool{}
	for _, q := range g.Questions {
		seen[q.Class] = true
		if q.Class == LoneOutlier && (len(q.Sides) != 2 || q.Sides[0].Count != 1) {
			t.Errorf("%s: a lone outlier's first side is the one answer: %+v", q.Question.ID, q.Sides)
		}
	}
	for _, c := range []Class{AgreedFine, AgreedRisk, LoneOutlier, SplitRoom} {
		if !seen[c] {
			t.Errorf("the 12-person room has no %q question; the fixture no longer covers it", c)
		}
	}
	for i := 1; i < len(g.Discuss); i++ {
		if g.Discuss[i].Priority > g.Discuss[i-1].Priority {
			t.Errorf("Discuss first not ordered by priority at %d", i)
		}
	}
}

// TestMinGroup: the flag's value, else the rubric's, else 3.
func TestMinGroup(t *testing.T) {
	data, err := os.ReadFile("../questions/rubrics/five-warning-signs.yaml")
	if err != nil {
		t.Fatal(err)
	}
	own, err := questions.ParseBytes("own.yaml", append([]byte("workshop: {min_group: 4}\n"), data...))
	if err != nil {
		t.Fatal(err)
	}
	fromRubric := func(*assessment.File) (*questions.Rubric, error) { return own, nil }
	files := readDir(t, "crm5")
	for _, tt := range []struct {
		find Finder
		flag int
		want int
	}{{builtin, 0, DefaultMinGroup}, {fromRubric, 0, 4}, {fromRubric, 6, 6}} {
		c, err := Collect(files, tt.find, Options{MinGroup: tt.flag})
		if err != nil {
			t.Fatal(err)
		}
		if c.MinGroup != tt.want {
			t.Errorf("flag %d: MinGroup = %d, want %d", tt.flag, c.MinGroup, tt.want)
		}
	}
}

// TestClassifyByHand: rooms of five answering acc-owner, whose options
// score 0, 20, 40 and 100 (positions 0 to 3, d = 3).
func TestClassifyByHand(t *testing.T) {
	room := func(values ...string) *Question {
		var files []File
		for i, v := range values {
			files = append(files, answersFile(fmt.Sprintf("p%d.answers.yaml", i), fmt.Sprintf("P%d", i), "user", "", "  acc-owner: {value: "+v+"}\n"))
		}
		g := combine(t, files, Options{})
		for _, q := range g.Questions {
			if q.Question.ID == "acc-owner" {
				return q
			}
		}
		t.Fatal("acc-owner not combined")
		return nil
	}
	tests := []struct {
		name   string
		values []string
		class  Class
		cns    float64
	}{
		// Unanimous on 100: Cns 1.
		{"agreed fine", []string{"named-executive", "named-executive", "named-executive", "named-executive", "named-executive"}, AgreedFine, 1},
		// Unanimous on 40, under the low-risk threshold of 70: Cns 1.
		{"agreed risk", []string{"committee", "committee", "committee", "committee", "committee"}, AgreedRisk, 1},
		// Four at position 2, one at 0: μ = 8/5 = 1.6. At 2: p 0.8,
		// |0.4|/3, log2(1 − 0.1333) = −0.2064; at 0: p 0.2, 1.6/3,
		// log2(0.4667) = −1.0995. Cns = 1 − 0.1651 − 0.2199 = 0.6150;
		// the one answer is two positions from the median.
		{"lone outlier", []string{"committee", "committee", "committee", "committee", "nobody"}, LoneOutlier, 0.6150},
		// Three at 0, two at 3: μ = 1.2. At 0: p 0.6, log2(1 − 0.4) =
		// −0.7370; at 3: p 0.4, log2(1 − 0.6) = −1.3219. Cns = 1 − 0.4422
		// − 0.5288 = 0.0290.
		{"split room", []string{"nobody", "nobody", "nobody", "named-executive", "named-executive"}, SplitRoom, 0.0290},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := room(tt.values...)
			if q.Class != tt.class {
				t.Errorf("class = %v, want %v", q.Class, tt.class)
			}
			if math.Abs(q.Consensus-tt.cns) > 1e-4 {
				t.Errorf("consensus = %.4f, want %.4f", q.Consensus, tt.cns)
			}
		})
	}
}

// TestGroupScoreIsTheMedian: four answers scoring 0, 20, 40 and 100 give
// the group 30, the mean of the two middle scores, and the riskier of the
// two middle answers; the overall score follows it.
func TestGroupScoreIsTheMedian(t *testing.T) {
	var files []File
	for i, v := range []string{"named-executive", "nobody", "committee", "project-or-it"} {
		files = append(files, answersFile(fmt.Sprintf("p%d.answers.yaml", i), fmt.Sprintf("P%d", i), "user", "", "  acc-owner: {value: "+v+"}\n"))
	}
	g := combine(t, files, Options{})
	if got, want := g.Answers.Answers["acc-owner"].Text, "project-or-it"; got != want {
		t.Errorf("group answer = %q, want %q", got, want)
	}
	for _, sr := range g.Result.Sections {
		for _, qr := range sr.Questions {
			if qr.Question.ID == "acc-owner" {
				if qr.Score != 30 || !strings.Contains(qr.Reason, "median of 4 respondents' scores (0, 20, 40, 100) = 30") {
					t.Errorf("acc-owner: score %v, reason %q", qr.Score, qr.Reason)
				}
				if sr.Score != 30 {
					t.Errorf("section score %v, want 30 (its only answer)", sr.Score)
				}
			}
		}
	}
}

// TestBusinessCaseOnMedians: the group's case is worked out on the median
// figures; the range of break-even adoption is each respondent's own.
func TestBusinessCaseOnMedians(t *testing.T) {
	figures := []struct{ benefit, cost string }{{"100", "250"}, {"200", "250"}, {"400", "250"}}
	var files []File
	for i, f := range figures {
		files = append(files, answersFile(fmt.Sprintf("p%d.answers.yaml", i), fmt.Sprintf("P%d", i), "user", "",
			"  bc-annual-benefit: {value: "+f.benefit+"}\n  bc-one-off-cost: {value: "+f.cost+"}\n  bc-running-cost: {value: 0}\n  bc-horizon: {value: 5}\n"))
	}
	g := combine(t, files, Options{})
	bc := g.Result.BusinessCase
	if !bc.Available || bc.AnnualBenefit != 200 || bc.OneOffCost != 250 {
		t.Fatalf("group case = %+v", bc)
	}
	// Break-even = cost / (benefit × years): 250/500 = 50%, 250/1000 =
	// 25%, 250/2000 = 12.5%.
	if got := g.BreakEven; got.N != 3 || got.Min != 12.5 || got.Max != 50 {
		t.Errorf("break-even range = %+v, want 12.5 to 50 over 3", got)
	}
	if bc.BreakEven != 25 {
		t.Errorf("group break-even = %v, want 25 (on the median benefit)", bc.BreakEven)
	}
}

// TestNotApplicable: "not applicable" is counted apart with its reason;
// when everyone who answered says so, so does the group.
func TestNotApplicable(t *testing.T) {
	r, err := questions.ParseBytes("na.yaml", []byte(`id: na
title: NA
version: "1"
sections:
  - id: s
    title: S
    questions:
      - {id: q, prompt: Q?, kind: single, not_applicable: true, options: [{value: a, label: A, score: 100}, {value: b, label: B, score: 0}]}
      - {id: p, prompt: P?, kind: single, options: [{value: a, label: A, score: 100}, {value: b, label: B, score: 0}]}
`))
	if err != nil {
		t.Fatal(err)
	}
	find := func(*assessment.File) (*questions.Rubric, error) { return r, nil }
	na := func(i int, q string) File {
		return file(fmt.Sprintf("n%d.answers.yaml", i), "format: 1\nrubric: {id: na}\nanswers:\n  "+q+"\n  p: {value: a}\n")
	}
	files := []File{na(1, "q: {not_applicable: true, reason: no field staff}"), na(2, "q: {not_applicable: true, reason: all in one office}")}
	c, err := Collect(files, find, Options{})
	if err != nil {
		t.Fatal(err)
	}
	g := Combine(c)
	q := g.Questions[0]
	if q.NotApplicable != 2 || q.Answered != 0 || len(q.Notes) != 2 || q.Notes[0].Text != "Not applicable: all in one office" {
		t.Errorf("q = %+v", q)
	}
	if a := g.Answers.Answers["q"]; a == nil || !a.NotApplicable {
		t.Errorf("group answer = %+v, want not applicable", a)
	}
	c, err = Collect(append(files, na(3, "q: {value: b}")), find, Options{})
	if err != nil {
		t.Fatal(err)
	}
	g = Combine(c)
	if q := g.Questions[0]; q.NotApplicable != 2 || q.Answered != 1 || g.Answers.Answers["q"].Text != "b" {
		t.Errorf("mixed: q = %+v, group answer %+v", q, g.Answers.Answers["q"])
	}
}

// TestHiddenQuestionsTellNothing: in an anonymous room, a question fewer
// than the minimum group answered gets no consensus, no class and no
// place in "Discuss first": two who agree would be two who said the same.
func TestHiddenQuestionsTellNothing(t *testing.T) {
	anon := func(name, answers string) File {
		f := answersFile(name, "\"\"", "user", "", answers)
		f.Data = []byte(strings.Replace(string(f.Data), "answers:\n", "workshop: {mode: anonymous}\nanswers:\n", 1))
		return f
	}
	files := []File{
		anon("a.answers.yaml", "  acc-owner: {value: committee}\n  acc-authority: {value: \"yes\"}\n"),
		anon("b.answers.yaml", "  acc-owner: {value: nobody}\n  acc-authority: {value: \"yes\"}\n"),
		anon("c.answers.yaml", "  acc-authority: {value: \"no\"}\n"),
	}
	c, err := Collect(files, builtin, Options{})
	if err != nil {
		t.Fatal(err)
	}
	g := Combine(c)
	for _, st := range g.Questions {
		if st.Question.ID != "acc-owner" {
			continue
		}
		if !st.Hidden || st.HasConsensus || st.HasAgreement || st.Class != NotCompared || len(st.Sides) > 0 {
			t.Errorf("acc-owner, 2 of 3 answered: hidden %v, consensus %v, agreement %v, class %v, sides %d", st.Hidden, st.HasConsensus, st.HasAgreement, st.Class, len(st.Sides))
		}
	}
	for _, st := range g.Discuss {
		if st.Hidden {
			t.Errorf("%s is hidden and in Discuss first", st.Question.ID)
		}
	}
}
