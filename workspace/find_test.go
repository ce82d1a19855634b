package workspace

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/vitals-dev/vitals/assessment"
	"github.com/vitals-dev/vitals/internal/testrubric"
	"github.com/vitals-dev/vitals/questions"
)

func genRubric(t testing.TB, n int) *questions.Rubric {
	t.Helper()
	r, err := questions.ParseBytes("gen.yaml", testrubric.Generate(n))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// The header scan reads what the YAML decoder reads, for every header
// vitals writes, and leaves anything unusual to the decoder.
func TestReadHeaderAgreesWithDecode(t *testing.T) {
	r := genRubric(t, 10)
	dir := t.TempDir()
	for i, tc := range []struct {
		project  string
		who      assessment.Respondent
		workshop string
	}{
		{"CRM roll-out EMEA", assessment.Respondent{Name: "Ann", Role: "sponsor"}, ""},
		{"", assessment.Respondent{}, ""},
		{"CRM: EMEA # 2", assessment.Respondent{Name: "'quoted'", Role: "- lead"}, ""},
		{"123", assessment.Respondent{Name: "yes", Role: "null"}, ""},
		{"Ünïcode “quotes” & more", assessment.Respondent{Name: "line\nbreak"}, ""},
		{" padded ", assessment.Respondent{Name: "[x]", Role: "{y}"}, ""},
		{"Workshop", assessment.Respondent{Name: "Bo", Role: "user"}, assessment.WorkshopNamed},
		{"Workshop", assessment.Respondent{Role: "user"}, assessment.WorkshopAnonymous},
	} {
		a := assessment.New(r, tc.project, tc.who, since.Add(time.Duration(i)*time.Hour))
		a.Complete = i%2 == 0
		a.Workshop = tc.workshop
		if _, ok := scanHeader(a.Marshal(r)); !ok && tc.workshop != "" {
			t.Errorf("case %d: a workshop's header is left to the YAML decoder", i)
		}
		path := filepath.Join(dir, fmt.Sprintf("%d.answers.yaml", i))
		if err := os.WriteFile(path, a.Marshal(r), 0o644); err != nil {
			t.Fatal(err)
		}
		h, err := ReadHeader(path)
		if err != nil {
			t.Fatal(err)
		}
		if h.File != path || h.Rubric.ID != r.ID || h.Project != tc.project || h.Respondent != tc.who || h.Workshop != tc.workshop || !h.Updated.Equal(a.Updated) || h.Complete != a.Complete {
			want := a.Header
			want.File = path
			t.Errorf("case %d: header %+v, want %+v", i, h, want)
		}
	}
	// Keys in another order, flow style: decoded as YAML.
	path := filepath.Join(dir, "hand.answers.yaml")
	if err := os.WriteFile(path, []byte("answers: {}\nrubric: {id: gen-10}\nformat: 1\nproject: Hand\ncomplete: false\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if h, err := ReadHeader(path); err != nil || h.Project != "Hand" || h.Rubric.ID != "gen-10" {
		t.Errorf("hand-written header = %+v, %v", h, err)
	}
}

// FindUnfinished offers the incomplete files of this rubric and project,
// newest first, and nothing else in the folder: not other projects, not
// finished runs, not hidden or temporary copies.
func TestFindUnfinished(t *testing.T) {
	r := genRubric(t, 10)
	dir := t.TempDir()
	cfg := &Config{Dir: dir}
	write := func(name, project string, complete bool, updated time.Time) {
		a := assessment.New(r, project, assessment.Respondent{}, updated)
		a.Complete = complete
		if err := os.WriteFile(filepath.Join(dir, name), a.Marshal(r), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("old.answers.yaml", "CRM", false, since)
	write("new.answers.yaml", "crm ", false, since.Add(time.Hour))
	write("done.answers.yaml", "CRM", true, since)
	write("other.answers.yaml", "ERP", false, since)
	write(".hidden.answers.yaml", "CRM", false, since)
	write(".x.answers.yaml.123.456.tmp", "CRM", false, since)
	if err := os.WriteFile(filepath.Join(dir, "broken.answers.yaml"), []byte("format: [\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "folder.answers.yaml"), 0o755); err != nil {
		t.Fatal(err)
	}
	got := cfg.FindUnfinished(r, "CRM")
	var names []string
	for _, u := range got {
		names = append(names, filepath.Base(u.Path))
	}
	if fmt.Sprint(names) != "[new.answers.yaml old.answers.yaml]" {
		t.Errorf("FindUnfinished = %v, want the two unfinished CRM files, newest first", names)
	}
}

// setupFolder fills a folder with n answers files of 20 projects, as a
// team's assessments/ looks after some years of quarterly runs.
func setupFolder(b *testing.B, r *questions.Rubric, n int) string {
	b.Helper()
	dir := b.TempDir()
	data := testrubric.AnswersYAML(len(r.Questions()))
	f, err := assessment.Decode("a.yaml", data)
	if err != nil {
		b.Fatal(err)
	}
	a, _, err := f.Check(r)
	if err != nil {
		b.Fatal(err)
	}
	for i := range n {
		a.Project = fmt.Sprintf("Project %d", i%20)
		a.Complete = i != 7 // one unfinished run, as after a dropped session
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("2026-%04d-p%d-%s.answers.yaml", i, i%20, r.ID)), a.Marshal(r), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	return dir
}

// BenchmarkFindUnfinished is the work `assess` does before its first
// frame to offer unfinished runs, in a folder of 1,000 answers files of a
// 100-question rubric, one of them an unfinished run of the project asked
// about: with the header cache written by an earlier run (the clock set
// on, so the files just written count as old), and without it (every
// header read from its file, as on a first run).
func BenchmarkFindUnfinished(b *testing.B) {
	for _, tc := range []struct {
		files int
		cache bool
	}{{0, false}, {1000, false}, {1000, true}} {
		b.Run(fmt.Sprintf("files=%d/cache=%v", tc.files, tc.cache), func(b *testing.B) {
			r := genRubric(b, 100)
			cfg := &Config{Dir: setupFolder(b, r, tc.files)}
			if tc.cache {
				later(b)
				cfg.FindUnfinished(r, "Project 7")
				cacheWrites.Wait()
			} else {
				old := cacheMin
				cacheMin = 1 << 30
				b.Cleanup(func() { cacheMin = old })
			}
			b.ReportAllocs()
			for b.Loop() {
				got := cfg.FindUnfinished(r, "Project 7")
				if tc.files > 0 && len(got) != 1 {
					b.Fatalf("found %d", len(got))
				}
			}
		})
	}
}
