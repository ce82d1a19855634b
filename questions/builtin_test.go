package questions

import (
	"slices"
	"strings"
	"testing"
)

// TestBuiltinRubrics checks every built-in rubric: it parses, and its content
// follows the rules the built-ins promise (help for every question, advice
// for every risky option).
func TestBuiltinRubrics(t *testing.T) {
	ids := BuiltinIDs()
	for _, want := range []string{"adoption-readiness", "five-warning-signs"} {
		if !slices.Contains(ids, want) {
			t.Errorf("BuiltinIDs() = %v, missing %q", ids, want)
		}
	}
	for _, id := range ids {
		t.Run(id, func(t *testing.T) {
			r, err := Builtin(id)
			if err != nil {
				t.Fatalf("Builtin(%q):\n%v", id, err)
			}
			if got, want := r.ID, id; got != want {
				t.Errorf("rubric id = %q, want %q (the file name)", got, want)
			}
			if got, want := r.Source, BuiltinSource; got != want {
				t.Errorf("Source = %q, want %q", got, want)
			}
			for _, q := range r.Questions() {
				if !strings.HasSuffix(q.Prompt, "?") {
					t.Errorf("question %q: prompt %q is not a question", q.ID, q.Prompt)
				}
				if q.Help == "" {
					t.Errorf("question %q has no help text", q.ID)
				}
				if !q.Scored() {
					// Options of a weight-0 question carry no score
					// (the parser leaves them at -1): nothing to advise.
					continue
				}
				for _, o := range q.Options {
					if o.Score < 60 && o.Recommendation == "" {
						t.Errorf("question %q option %q scores %g but has no recommendation", q.ID, o.Value, o.Score)
					}
				}
			}
		})
	}
}

// TestBuiltinShape checks the number of sections and questions the product
// brief asks of each built-in rubric.
func TestBuiltinShape(t *testing.T) {
	tests := []struct {
		id           string
		exactSect    int // 0: no exact count
		minSect      int
		minQuestions int // per section
		businessCase bool
	}{
		{id: "five-warning-signs", exactSect: 5, minSect: 5, minQuestions: 4, businessCase: true},
		{id: "adoption-readiness", minSect: 6, minQuestions: 3},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			r, err := Builtin(tt.id)
			if err != nil {
				t.Fatalf("Builtin(%q):\n%v", tt.id, err)
			}
			if tt.exactSect > 0 {
				if got, want := len(r.Sections), tt.exactSect; got != want {
					t.Errorf("sections = %d, want %d", got, want)
				}
			}
			if got, want := len(r.Sections), tt.minSect; got < want {
				t.Errorf("sections = %d, want at least %d", got, want)
			}
			for _, s := range r.Sections {
				if got, want := len(s.Questions), tt.minQuestions; got < want {
					t.Errorf("section %q has %d questions, want at least %d", s.ID, got, want)
				}
				if s.Why == "" {
					t.Errorf("section %q has no why", s.ID)
				}
			}
			if got, want := r.BusinessCase != nil, tt.businessCase; got != want {
				t.Errorf("has business case = %t, want %t", got, want)
			}
		})
	}
}
