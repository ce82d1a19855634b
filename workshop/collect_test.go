package workshop

import (
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
