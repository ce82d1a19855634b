// Package answerstest holds the helpers that tests of several packages
// use to read the answers files a run left behind.
package answerstest

import (
	"testing"

	"github.com/vitals-dev/vitals/assessment"
	"github.com/vitals-dev/vitals/questions"
)

// Load reads the answers file at path and checks it against r, failing
// the test on any problem.
func Load(t testing.TB, path string, r *questions.Rubric) *assessment.Answers {
	t.Helper()
	f, err := assessment.LoadFile(path)
	if err != nil {
		t.Fatalf("load answers: %v", err)
	}
	a, _, err := f.Check(r)
	if err != nil {
		t.Fatalf("check answers: %v", err)
	}
	return a
}
