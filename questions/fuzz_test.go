package questions

import (
	"github.com/vitals-dev/vitals/internal/printable"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// fuzzMaxInput bounds the inputs the fuzzer tries, so each iteration stays
// fast; the size limits of ReadYAML are tested separately.
const fuzzMaxInput = 64 << 10

// fuzzMaxTime is the time one input may take. Inputs of this size parse in
// well under 10 ms, even instrumented; a bound a hundred times that catches
// a quadratic path without failing on a busy machine.
const fuzzMaxTime = 2 * time.Second

func FuzzParseBytes(f *testing.F) {
	for _, pattern := range []string{"testdata/bad/*.yaml", "testdata/bad-pending/*.yaml", "testdata/example.yaml"} {
		files, err := filepath.Glob(pattern)
		if err != nil {
			f.Fatal(err)
		}
		for _, file := range files {
			data, err := os.ReadFile(file)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
		}
	}
	for _, id := range BuiltinIDs() {
		data, ok := BuiltinYAML(id)
		if !ok {
			f.Fatalf("BuiltinYAML(%q) found nothing", id)
		}
		f.Add(data)
	}

	const name = "fuzz.yaml"
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > fuzzMaxInput {
			return
		}
		start := time.Now()
		r, err := ParseBytes(name, data)
		if d := time.Since(start); d > fuzzMaxTime {
			t.Errorf("ParseBytes took %v on %d bytes (bound %v)", d, len(data), fuzzMaxTime)
		}
		if err != nil {
			if r != nil {
				t.Errorf("ParseBytes returned a rubric and an error")
			}
			msg := err.Error()
			for _, line := range strings.Split(msg, "\n") {
				if !strings.HasPrefix(line, name+":") {
					t.Errorf("error line does not start with %q: %q", name+":", line)
				}
			}
			if i := rawControlIndex(msg); i >= 0 {
				t.Errorf("error holds a raw control character at byte %d: %q", i, msg)
			}
			return
		}
		checkAccepted(t, r)
	})
}

// checkAccepted checks what every rubric ParseBytes accepts must satisfy.
func checkAccepted(t *testing.T, r *Rubric) {
	t.Helper()
	if !ValidID(r.ID) {
		t.Errorf("accepted rubric id %q", r.ID)
	}
	if len(r.Sections) == 0 {
		t.Errorf("accepted a rubric with no sections")
	}
	clean := func(what, s string) {
		if i, _ := printable.FirstUnsafe(s, true); i >= 0 {
			t.Errorf("accepted %s %q with a control character at byte %d", what, s, i)
		}
	}
	clean("title", r.Title)
	clean("description", r.Description)
	sections := map[string]bool{}
	ids := map[string]bool{}
	for _, s := range r.Sections {
		if !ValidID(s.ID) || sections[s.ID] {
			t.Errorf("accepted section id %q (empty, invalid or used twice)", s.ID)
		}
		sections[s.ID] = true
		clean("section title", s.Title)
		if len(s.Questions) == 0 {
			t.Errorf("accepted section %q with no questions", s.ID)
		}
		for _, q := range s.Questions {
			if !ValidID(q.ID) || ids[q.ID] {
				t.Errorf("accepted question id %q (empty, invalid or used twice)", q.ID)
			}
			ids[q.ID] = true
			if r.Question(q.ID) != q {
				t.Errorf("Question(%q) does not return the question", q.ID)
			}
			clean("prompt", q.Prompt)
			values := map[string]bool{}
			for _, o := range q.Options {
				if !ValidID(o.Value) || values[o.Value] {
					t.Errorf("accepted option value %q of %q (empty, invalid or used twice)", o.Value, q.ID)
				}
				values[o.Value] = true
				clean("label", o.Label)
			}
			if q.Kind.HasOptions() && len(q.Options) < 2 {
				t.Errorf("accepted %s question %q with %d options", q.Kind, q.ID, len(q.Options))
			}
		}
	}
	if h := r.Hash(); !strings.HasPrefix(h, "sha256:") || len(h) != len("sha256:")+64 {
		t.Errorf("Hash() = %q, want sha256: and 64 hex digits", h)
	}
}
