package questions_test

import (
	"bytes"
	"os"
	"testing"

	"github.com/vitals-dev/vitals/questions/internal/builtinsrc"
)

// TestBuiltinGenUpToDate checks that builtin_gen.go is what the generator
// writes for the built-in rubrics as they are now.
func TestBuiltinGenUpToDate(t *testing.T) {
	want, err := builtinsrc.Generate()
	if err != nil {
		t.Fatalf("generate: %v", err)
	}
	got, err := os.ReadFile("builtin_gen.go")
	if err != nil {
		t.Fatalf("%v: run go generate ./questions", err)
	}
	if !bytes.Equal(got, want) {
		t.Error("builtin_gen.go is out of date with rubrics/*.yaml or its generator: run go generate ./questions")
	}
}
