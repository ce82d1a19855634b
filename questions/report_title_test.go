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

// TestWorkshopMinGroup: workshop.min_group is read, checked with its
// position, and leaves the content hash alone.
func TestWorkshopMinGroup(t *testing.T) {
	body := "id: t\ntitle: T\nversion: 1\nsections: [{id: s, title: S, questions: [{id: q, prompt: Q?, kind: scale, min: 1, max: 5}]}]\n"
	plain, err := ParseBytes("plain.yaml", []byte(body))
	if err != nil {
		t.Fatal(err)
	}
	set, err := ParseBytes("set.yaml", []byte("workshop: {min_group: 5}\n"+body))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := set.MinGroup, 5; got != want {
		t.Errorf("MinGroup = %d, want %d", got, want)
	}
	if plain.Hash() != set.Hash() {
		t.Error("workshop.min_group changed the content hash")
	}
	_, err = ParseBytes("zero.yaml", []byte("workshop: {min_group: 0}\n"+body))
	if err == nil || !strings.Contains(err.Error(), "zero.yaml:1:23: workshop.min_group must be 1 or more") {
		t.Errorf("min_group 0: err = %v", err)
	}
}
