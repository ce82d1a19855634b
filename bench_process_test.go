package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"
)

// The whole-process benchmarks run the built binary, as a CI job or a PMO
// would: start-up, reading the files, scoring and writing included. Each
// reports the peak resident memory of the process (peak-MB). Compare
// check with `vitals version`, the cost of starting at all, in the same
// run (BENCHMARKS.md).

var portfolioTree struct {
	once sync.Once
	dir  string
}

// portfolio4000 lays out 1,000 projects' folders, each with 4 quarterly
// runs: 4,000 answers files.
func portfolio4000(b *testing.B) string {
	portfolioTree.once.Do(func() {
		dir, err := os.MkdirTemp("", "vitals-portfolio-bench")
		if err != nil {
			b.Fatal(err)
		}
		quarters := []string{"q1", "q2", "q3", "q3"}
		days := []string{"2025-10-15", "2026-01-15", "2026-04-15", "2026-07-15"}
		for p := range 1000 {
			id := fmt.Sprintf("project-%04d", p)
			for i := range 4 {
				q := quarters[(i+p)%4]
				fixtureRun(b, filepath.Join(dir, id, "assessments", days[i]+"-"+id+"-five-warning-signs.answers.yaml"), q, fmt.Sprintf("Project %04d", p), id, days[i])
			}
		}
		portfolioTree.dir = dir
	})
	return portfolioTree.dir
}

// runProcess runs the binary b.N times and reports the peak resident
// memory of the largest run.
func runProcess(b *testing.B, dir string, wantCode int, args ...string) {
	bin := buildVitals(&testing.T{})
	var peak int64
	b.ResetTimer()
	for range b.N {
		cmd := exec.Command(bin, args...)
		cmd.Dir = dir
		err := cmd.Run()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		} else if err != nil {
			b.Fatal(err)
		}
		if code != wantCode {
			b.Fatalf("%v: exit %d, want %d", args, code, wantCode)
		}
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			peak = max(peak, ru.Maxrss)
		}
	}
	b.ReportMetric(float64(peak)/1024, "peak-MB")
}

func BenchmarkProcessVersion(b *testing.B) {
	runProcess(b, b.TempDir(), 0, "version")
}

// BenchmarkProcessCheck: vitals check on one project of four runs, the
// previous found in the folder. Target: ≤ 20 ms.
func BenchmarkProcessCheck(b *testing.B) {
	dir := b.TempDir()
	for i, q := range []string{"q1", "q2", "q3", "q3"} {
		day := time.Date(2026, time.Month(1+3*i), 15, 0, 0, 0, 0, time.UTC).Format("2006-01-02")
		fixtureRun(b, filepath.Join(dir, "assessments", day+"-acme.answers.yaml"), q, "Acme CRM", "acme-crm", day)
	}
	runProcess(b, dir, 0, "check", "--now", "2026-11-01", "--policy", os.DevNull)
}

// BenchmarkProcessCheckGit: the same with one file committed each quarter,
// so the run before comes from git history (two git processes).
func BenchmarkProcessCheckGit(b *testing.B) {
	if _, err := exec.LookPath("git"); err != nil {
		b.Skip("no git")
	}
	dir := b.TempDir()
	git := func(args ...string) {
		cmd := exec.Command("git", append([]string{"-C", dir, "-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"}, args...)...)
		if out, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	git("init", "-q")
	for i, q := range []string{"q1", "q2", "q3", "q3"} {
		day := time.Date(2026, time.Month(1+3*i), 15, 0, 0, 0, 0, time.UTC).Format("2006-01-02")
		fixtureRun(b, filepath.Join(dir, "assessments", "acme.answers.yaml"), q, "Acme CRM", "acme-crm", day)
		git("add", "-A")
		git("commit", "-q", "-m", day)
	}
	runProcess(b, dir, 0, "check", "--now", "2026-11-01", "--policy", os.DevNull)
}

// BenchmarkProcessPortfolio4000: vitals portfolio over 1,000 projects of
// 4 runs each. Target: ≤ 2 s and ≤ 300 MB.
func BenchmarkProcessPortfolio4000(b *testing.B) {
	dir := portfolio4000(b)
	runProcess(b, dir, 0, "portfolio", ".", "--now", "2026-08-01", "--format", "csv", "--out", os.DevNull, "--force")
}
