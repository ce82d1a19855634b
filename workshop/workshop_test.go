package workshop

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/vitals-dev/vitals/assessment"
	"github.com/vitals-dev/vitals/questions"
)

const fixtures = "../reports/testdata/workshop/"

func builtin(f *assessment.File) (*questions.Rubric, error) { return questions.Builtin(f.Rubric.ID) }

// readDir reads a fixture folder's answers files.
func readDir(t testing.TB, dir string) []File {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(fixtures, dir, "*.answers.yaml"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no fixtures in %s: %v", dir, err)
	}
	var files []File
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, File{Name: filepath.Base(p), Data: data})
	}
	return files
}

func combine(t testing.TB, files []File, opt Options) *Group {
	t.Helper()
	c, err := Collect(files, builtin, opt)
	if err != nil {
		t.Fatalf("collect: %v", err)
	}
	return Combine(c)
}

func TestCombineCRM(t *testing.T) {
	g := combine(t, readDir(t, "crm5"), Options{})
	if got, want := len(g.Members), 5; got != want {
		t.Fatalf("members = %d, want %d", got, want)
	}
	t.Logf("group score %v %v", g.Result.Score, g.Result.Risk)
	for _, q := range g.Discuss {
		t.Logf("discuss %s %s cns=%.3f A=%.3f worth=%.2f prio=%.2f sides=%d", q.Question.ID, q.Class, q.Consensus, q.Agreement, q.Worth, q.Priority, len(q.Sides))
	}
	for _, q := range g.Agreed {
		t.Logf("agreed risk %s", q.Question.ID)
	}
	for _, gp := range g.Gaps {
		t.Logf("gap %s %s %v %s %v", gp.Section.ID, gp.High, gp.HighScore, gp.Low, gp.LowScore)
	}
	t.Logf("break-even %+v warnings %q", g.BreakEven, g.Warnings)
	if !slices.ContainsFunc(g.Questions, func(q *Question) bool { return q.Class == SplitRoom }) {
		t.Error("no split room in a room of an optimistic sponsor and pessimistic users")
	}
	_ = strings.Join
}
