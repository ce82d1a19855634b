package questions

import (
	"fmt"
	"strings"
	"testing"
)

// The report title is read, checked like any text, and left out of the
// content hash: it changes no score.
func TestReportTitle(t *testing.T) {
	body := fmt.Sprintf(minimal, "        prompt: Is it fine?\n"+yesnoKeys)
	plain, err := ParseBytes("plain.yaml", []byte(body))
	if err != nil {
		t.Fatal(err)
	}
	titled, err := ParseBytes("titled.yaml", []byte("report_title: Health check report\n"+body))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := titled.ReportTitle, "Health check report"; got != want {
		t.Errorf("ReportTitle = %q, want %q", got, want)
	}
	if plain.ReportTitle != "" {
		t.Errorf("ReportTitle of a rubric without one = %q", plain.ReportTitle)
	}
	if titled.Hash() != plain.Hash() {
		t.Error("a report title changed the content hash")
	}
	_, err = ParseBytes("empty.yaml", []byte("report_title: \"  \"\n"+body))
	if err == nil || !strings.Contains(err.Error(), "empty.yaml:1:") || !strings.Contains(err.Error(), "report_title must not be empty") {
		t.Errorf("an empty report title gave %v, want an error at empty.yaml:1", err)
	}
	for _, id := range []string{"five-warning-signs", "adoption-readiness"} {
		r, err := Builtin(id)
		if err != nil {
			t.Fatal(err)
		}
		if r.ReportTitle == "" {
			t.Errorf("built-in %s has no report title", id)
		}
	}
}
