package workshop_test

import (
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/vitals-dev/vitals/assessment"
	"github.com/vitals-dev/vitals/questions"
	"github.com/vitals-dev/vitals/reports"
	"github.com/vitals-dev/vitals/workshop"
)

// room makes n answers files of the five-sign rubric, as vitals writes
// them: each respondent answers every question asked (a random option,
// point, number or date; now and then "don't know" or a note), so files
// are of the size a real workshop's are.
func room(tb testing.TB, n int) []workshop.File {
	tb.Helper()
	r, err := questions.Builtin("five-warning-signs")
	if err != nil {
		tb.Fatal(err)
	}
	rnd := rand.New(rand.NewPCG(10, uint64(n)))
	roles := []string{"sponsor", "finance", "user", "user", "user", "IT", "PMO"}
	start := time.Date(2026, 5, 20, 9, 0, 0, 0, time.UTC)
	files := make([]workshop.File, n)
	for i := range files {
		a := assessment.New(r, "Contoso ERP", assessment.Respondent{Name: fmt.Sprintf("Respondent %d", i), Role: roles[i%len(roles)]}, start.Add(time.Duration(i)*time.Minute))
		a.Workshop = assessment.WorkshopNamed
		a.Complete = true
		for _, q := range r.Questions() {
			if !assessment.Visibility(r, a)[q.ID] {
				continue
			}
			ans := &assessment.Answer{}
			switch {
			case q.DontKnow && rnd.IntN(10) == 0:
				ans.DontKnow = true
			case q.Kind == questions.Single || q.Kind == questions.YesNo:
				ans.Text = q.Options[rnd.IntN(len(q.Options))].Value
			case q.Kind == questions.Multi:
				for _, o := range q.Options {
					if !o.Exclusive && rnd.IntN(2) == 0 {
						ans.Choices = append(ans.Choices, o.Value)
					}
				}
				if len(ans.Choices) == 0 {
					ans.Choices = []string{q.Options[0].Value}
				}
			case q.Kind == questions.Scale:
				ans.Number = *q.Min + float64(rnd.IntN(int(*q.Max-*q.Min)+1))
			case q.Kind == questions.Number:
				lo, hi := 0.0, 2e6
				if q.Min != nil {
					lo = *q.Min
				}
				if q.Max != nil {
					hi = *q.Max
				}
				ans.Number = float64(int(lo + rnd.Float64()*(hi-lo)))
			case q.Kind == questions.Date:
				ans.Text = start.AddDate(0, rnd.IntN(36), 0).Format(assessment.DateLayout)
			default:
				ans.Text = "Time to learn the new screens."
			}
			if rnd.IntN(8) == 0 {
				ans.Note = "Checked with the team on Monday."
			}
			if err := assessment.Validate(q, ans); err != nil {
				tb.Fatalf("%s: %v", q.ID, err)
			}
			a.Answers[q.ID] = ans
		}
		files[i] = workshop.File{Name: fmt.Sprintf("p%04d.answers.yaml", i), Data: a.Marshal(r)}
	}
	return files
}

func builtin(f *assessment.File) (*questions.Rubric, error) { return questions.Builtin(f.Rubric.ID) }

// merge is what `vitals report DIR` does once the files are read: collect,
// combine and render the markdown report.
func merge(tb testing.TB, files []workshop.File, w io.Writer) {
	c, err := workshop.Collect(files, builtin, workshop.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	if err := reports.RenderWorkshop(w, workshop.Combine(c), reports.Options{}); err != nil {
		tb.Fatal(err)
	}
}

// BenchmarkMerge merges 10, 100 and 1,000 answers files of the five-sign
// rubric; the target is 1 s and 200 MB at 1,000, growing linearly.
func BenchmarkMerge(b *testing.B) {
	for _, n := range []int{10, 100, 1000} {
		files := room(b, n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				merge(b, files, io.Discard)
			}
		})
	}
}

// TestWriteRoom writes a generated room to $VITALS_ROOM_DIR, for the
// whole-process figure of BENCHMARKS.md:
//
//	VITALS_ROOM_DIR=/tmp/room1000 VITALS_ROOM_SIZE=1000 go test ./workshop -run TestWriteRoom
func TestWriteRoom(t *testing.T) {
	dir := os.Getenv("VITALS_ROOM_DIR")
	if dir == "" {
		t.Skip("set VITALS_ROOM_DIR (and VITALS_ROOM_SIZE) to write a room")
	}
	n := 1000
	if s := os.Getenv("VITALS_ROOM_SIZE"); s != "" {
		if _, err := fmt.Sscan(s, &n); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, f := range room(t, n) {
		if err := os.WriteFile(filepath.Join(dir, f.Name), f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestMergeGrowsLinearly is a coarse check of the benchmark's shape that
// runs with the tests: 300 files cost no more than 25 times 30 (10 is
// linear; the slack is for a loaded machine and the race detector).
func TestMergeGrowsLinearly(t *testing.T) {
	if testing.Short() {
		t.Skip("merges 330 files")
	}
	timeOf := func(files []workshop.File) time.Duration {
		best := time.Duration(1 << 62)
		for range 3 {
			start := time.Now()
			var buf bytes.Buffer
			merge(t, files, &buf)
			best = min(best, time.Since(start))
		}
		return best
	}
	small, large := timeOf(room(t, 30)), timeOf(room(t, 300))
	if large > 25*small {
		t.Errorf("300 files took %v, 30 took %v: more than 25 times", large, small)
	}
	t.Logf("30 files: %v; 300 files: %v", small, large)
}
