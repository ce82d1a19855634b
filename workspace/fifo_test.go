//go:build unix

package workspace

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/vitals-dev/vitals/assessment"
)

// A FIFO named like an answers file, with no writer, would block a plain
// open for ever: the search for unfinished runs passes it by, and reading
// its header is refused at once.
func TestFindUnfinishedPassesAFIFOBy(t *testing.T) {
	r := genRubric(t, 10)
	dir := t.TempDir()
	a := assessment.New(r, "CRM", assessment.Respondent{}, since)
	if err := os.WriteFile(filepath.Join(dir, "real.answers.yaml"), a.Marshal(r), 0o644); err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(dir, "pipe.answers.yaml")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	done := make(chan []Unfinished, 1)
	go func() { done <- (&Config{Dir: dir}).FindUnfinished(r, "CRM") }()
	select {
	case got := <-done:
		if len(got) != 1 || filepath.Base(got[0].Path) != "real.answers.yaml" {
			t.Errorf("found %v, want only real.answers.yaml", got)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("FindUnfinished blocked on a FIFO")
	}
	if _, err := ReadHeader(fifo); err == nil {
		t.Error("the FIFO's header was read")
	}
}
