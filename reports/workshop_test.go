package reports_test

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/vitals-dev/vitals/assessment"
	"github.com/vitals-dev/vitals/questions"
	"github.com/vitals-dev/vitals/reports"
	"github.com/vitals-dev/vitals/workshop"
)

// workshopFixtures are the rooms of testdata/workshop: a five-person CRM
// workshop and a twelve-person ERP one, each with an optimistic sponsor,
// pessimistic users, an outlier, "don't know" answers and notes (made by
// testdata/workshop/gen.py).
var workshopFixtures = []string{"crm5", "erp12"}

func readRoom(t testing.TB, dir string) []workshop.File {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("testdata", "workshop", dir, "*.answers.yaml"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no answers files in %s: %v", dir, err)
	}
	var files []workshop.File
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, workshop.File{Name: p, Data: data})
	}
	return files
}

func findBuiltin(f *assessment.File) (*questions.Rubric, error) {
	return questions.Builtin(f.Rubric.ID)
}

func renderRoom(t testing.TB, files []workshop.File, opt workshop.Options, f reports.Format) ([]byte, *workshop.Group) {
	t.Helper()
	c, err := workshop.Collect(files, findBuiltin, opt)
	if err != nil {
		t.Fatalf("collect: %v", err)
	}
	g := workshop.Combine(c)
	var buf bytes.Buffer
	if err := reports.RenderWorkshop(&buf, g, reports.Options{Format: f, Version: testVersion}); err != nil {
		t.Fatalf("render: %v", err)
	}
	return buf.Bytes(), g
}

func modeName(anon bool) string {
	if anon {
		return "anonymous"
	}
	return "named"
}

// TestWorkshopGolden renders each room in both formats, named and
// anonymous, against the goldens in testdata/workshop (go test ./reports
// -update rewrites them).
func TestWorkshopGolden(t *testing.T) {
	for _, room := range workshopFixtures {
		for _, anon := range []bool{false, true} {
			for _, f := range reports.Formats {
				name := room + "." + modeName(anon) + "." + string(f)
				t.Run(name, func(t *testing.T) {
					got, _ := renderRoom(t, readRoom(t, room), workshop.Options{Anonymous: anon}, f)
					golden := filepath.Join("testdata", "workshop", name)
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
						t.Errorf("%s differs (run go test ./reports -update and read the diff):\n%s", golden, firstDiff(string(want), string(got)))
					}
				})
			}
		}
	}
}

// TestWorkshopOrderAndNames: the same files in another order and under
// other names give the same bytes.
func TestWorkshopOrderAndNames(t *testing.T) {
	for _, room := range workshopFixtures {
		files := readRoom(t, room)
		for _, f := range reports.Formats {
			want, _ := renderRoom(t, files, workshop.Options{}, f)
			other := slices.Clone(files)
			slices.Reverse(other)
			for i := range other {
				other[i].Name = filepath.Join(t.TempDir(), "x"+itoa(i)+".answers.yaml")
			}
			got, _ := renderRoom(t, other, workshop.Options{}, f)
			if !bytes.Equal(got, want) {
				t.Errorf("%s %s: the report depends on the files' order or names:\n%s", room, f, firstDiff(string(want), string(got)))
			}
		}
	}
}

// TestWorkshopAnonymousNamesNobody searches every byte of every anonymous
// output, both formats and the warnings, for every respondent's name, and
// for each part of a name of more than two letters as a word ("Wei" in
// "weights" is not a name).
func TestWorkshopAnonymousNamesNobody(t *testing.T) {
	for _, room := range workshopFixtures {
		files := readRoom(t, room)
		// Two files of the same person, so the same-name warning is part
		// of the output searched.
		files = append(files, workshop.File{Name: "again.answers.yaml", Data: append(slices.Clone(files[0].Data), "\n"...)})
		var out []byte
		var g *workshop.Group
		for _, f := range reports.Formats {
			b, gg := renderRoom(t, files, workshop.Options{Anonymous: true}, f)
			out, g = append(out, b...), gg
		}
		for _, w := range g.Warnings {
			out = append(out, w...)
		}
		if !slices.ContainsFunc(g.Warnings, func(w string) bool { return strings.Contains(w, "same respondent name") }) {
			t.Errorf("%s: no warning for two files of the same name: %q", room, g.Warnings)
		}
		lower := strings.ToLower(string(out))
		for _, m := range g.Members {
			name := m.Answers.Respondent.Name
			if name == "" {
				t.Fatalf("%s: fixture without a name: the test would prove nothing", room)
			}
			for _, part := range append(strings.Fields(name), name) {
				word := regexp.MustCompile(`(?i)\b` + regexp.QuoteMeta(part) + `\b`)
				if len(part) > 2 && word.MatchString(lower) {
					t.Errorf("%s: anonymous output contains %q", room, part)
				}
			}
		}
	}
}

// TestWorkshopHostileText: names, roles, notes, text answers and the
// project are escaped as in the single report, in both formats.
func TestWorkshopHostileText(t *testing.T) {
	hostile := []string{"<script>alert(1)</script>", "[x](javascript:alert(1))", "![i](http://e.example/i.png)"}
	var files []workshop.File
	for i, h := range hostile {
		body := "format: 1\nrubric: {id: five-warning-signs}\nproject: \"# Pwned | " + h + "\"\n" +
			"respondent: {name: \"" + h + " " + itoa(i) + "\", role: \"" + h + "\"}\nanswers:\n" +
			"  acc-owner: {value: nobody, note: \"" + h + " mail@bare.example\"}\n" +
			"  us-biggest-obstacle: {value: \"" + h + " www.example.com\"}\n"
		files = append(files, workshop.File{Name: "h" + itoa(i) + ".answers.yaml", Data: []byte(body)})
	}
	md, _ := renderRoom(t, files, workshop.Options{}, reports.Markdown)
	text := string(md)
	if strings.Contains(text, "<script>") {
		t.Error("markdown holds <script> unescaped")
	}
	// Brackets escaped, so no link or image; e-mail and www forms in code
	// spans, so GitHub does not autolink them (as escape.go does for one
	// respondent).
	for _, bad := range []string{"[x](", "![i]("} {
		if n := strings.Count(text, bad); n != strings.Count(text, "\\"+bad) && n > 0 {
			t.Errorf("markdown holds %q unescaped", bad)
		}
	}
	if n := strings.Count(text, "mail@bare.example"); n == 0 || n != strings.Count(text, "`mail@bare.example`") {
		t.Errorf("markdown holds an e-mail address outside a code span")
	}
	if strings.Contains(text, "www.example.com") || !strings.Contains(text, `www\.example.com`) {
		t.Errorf("markdown holds a www. address unescaped")
	}
	js, _ := renderRoom(t, files, workshop.Options{}, reports.JSON)
	if strings.Contains(string(js), "<script>") {
		t.Error("JSON holds <script> unescaped")
	}
}
